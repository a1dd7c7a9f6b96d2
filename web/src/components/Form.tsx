import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
  type SyntheticEvent,
} from 'react';
import { ApiError } from '../api';
import { fieldWords, problemSentence } from '../../../src/platform/field-words';

/** A problem the server found, by the field path its schema uses. */
export interface Problem {
  readonly path?: string | undefined;
  readonly message: string;
}

/** "customerNumber" → "Customer number": the name a field has when no form labels it. */
const pathLabel = (path: string): string => {
  const words = fieldWords(path);
  return words.charAt(0).toUpperCase() + words.slice(1);
};

interface FieldEntry {
  readonly label: string;
  readonly id: string;
}

/** The fields a form shows, by name, so its summary of problems can name and reach each one. */
const FormFields = createContext<Map<string, FieldEntry> | null>(null);

/** The field a problem's path belongs to: by the whole path, without list positions, or its last name. */
function fieldFor(fields: Map<string, FieldEntry> | null, path: string): FieldEntry | undefined {
  if (!fields) return undefined;
  const bare = path.replace(/\[\d+\]/gu, '');
  return fields.get(path) ?? fields.get(bare) ?? fields.get(bare.split('.').pop() ?? '');
}

/**
 * Forms that show the server's validation next to each field. The server is the one judge of
 * input (the same schemas as the CLI); the form maps each error's field path to its field.
 */
export function useSubmit<T>(action: () => Promise<T>, onDone?: (result: T) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setProblems([]);
    setMessage('');
    action()
      .then((result) => onDone?.(result))
      .catch((error: unknown) => {
        if (error instanceof ApiError) {
          setErrors(error.fieldErrors());
          // Problems with a field are listed by the form's own labels (FormShell); the server's
          // one-line message names them by its schema's names, so it is shown only without them.
          const named = error.details.filter((d) => d.path);
          setProblems(named);
          setMessage(
            named.length === 0
              ? error.message
              : error.details
                  .filter((d) => !d.path)
                  .map((d) => d.message)
                  .join(' '),
          );
        } else setMessage(String(error));
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return { submit, errors, problems, message, busy };
}

interface FieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  type?: string;
  required?: boolean;
  hint?: string;
  options?: readonly (string | readonly [string, string])[];
  multiline?: boolean;
  autoComplete?: string;
}

export function Field(props: FieldProps) {
  const id = useId();
  const fields = useContext(FormFields);
  fields?.set(props.name, { label: props.label, id });
  const error = props.error === undefined ? undefined : problemSentence(props.label, props.error, props.name);
  const describedBy =
    [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.name,
    value: props.value,
    required: props.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {props.options ? (
        <select {...common} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map((o) => {
            const [value, text] = typeof o === 'string' ? [o, o] : o;
            return (
              <option key={value} value={value}>
                {text}
              </option>
            );
          })}
        </select>
      ) : props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      {props.hint ? (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      ) : null}
      {error ? (
        <small id={`${id}-error`} className="error" role="alert">
          {error}
        </small>
      ) : null}
    </div>
  );
}

export function FormShell(props: {
  title: string;
  onSubmit: (event: SyntheticEvent) => void;
  message: string;
  /** The server's problems with fields, listed by the labels of the fields this form shows. */
  problems?: readonly Problem[];
  busy: boolean;
  submitLabel: string;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [fields] = useState(() => new Map<string, FieldEntry>());
  useOpenedForm(form, props.onCancel);
  return (
    <form
      ref={form}
      className="card form"
      onSubmit={props.onSubmit}
      noValidate
      aria-label={props.title}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !props.onCancel) return;
        e.stopPropagation();
        props.onCancel();
      }}
    >
      <h3>{props.title}</h3>
      <FormFields.Provider value={fields}>
        <div className="fields">{props.children}</div>
      </FormFields.Provider>
      <ProblemSummary problems={props.problems ?? []} fields={fields} />
      {props.message ? (
        <p className="error" role="alert">
          {props.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={props.busy}>
          {props.busy ? 'Saving…' : props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Every problem with a field, once, in the words of the form's labels, each a button that moves
 * focus to its field: a person fixes them all in one go, and a screen reader hears them at once.
 */
function ProblemSummary(props: { problems: readonly Problem[]; fields: Map<string, FieldEntry> }) {
  const lines = new Map<string, string | undefined>();
  for (const problem of props.problems) {
    if (!problem.path) continue;
    const field = fieldFor(props.fields, problem.path);
    const sentence = problemSentence(field?.label ?? pathLabel(problem.path), problem.message, problem.path);
    if (!lines.has(sentence)) lines.set(sentence, field?.id);
  }
  if (lines.size === 0) return null;
  return (
    <div className="error problems" role="alert">
      <p>{lines.size === 1 ? 'One thing to change:' : `${String(lines.size)} things to change:`}</p>
      <ul>
        {[...lines].map(([sentence, id]) => (
          <li key={sentence}>
            {id ? (
              <button type="button" className="link" onClick={() => document.getElementById(id)?.focus()}>
                {sentence}
              </button>
            ) : (
              sentence
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A form that opens on request (it can be cancelled): focus moves into its first field, and when
 * it closes (Cancel, Esc, or saved) focus goes back to the button that opened it, so a keyboard
 * or screen reader user is never left at the top of the page. A form always on the page
 * (no `onCancel`) leaves focus where it is.
 */
export function useOpenedForm(form: { current: HTMLFormElement | null }, onCancel: (() => void) | undefined) {
  const opens = onCancel !== undefined;
  // Read while the form first renders: focus is still on what opened it.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(() => {
    if (!opens) return;
    form.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button')?.focus();
    return () => {
      // Put focus back only if it was inside the form (now gone) or nowhere; the opener may have gone too.
      const lost = document.activeElement === document.body || document.activeElement === null;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [form, opens, opener]);
}

/** Form state as strings keyed by field, with a setter per field. */
export function useFields<K extends string>(initial: Record<K, string>) {
  const [values, setValues] = useState(initial);
  const set = (key: K) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
  };
  return { values, set, reset: () => setValues(initial) };
}

/** Empty strings mean "not given". */
export const opt = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** On update an emptied field is cleared (null); on create it is simply not given (`opt`). */
export const cleared = (value: string): string | null => (value.trim() === '' ? null : value.trim());
