import { useEffect, useId, useRef, useState, type ReactNode, type SyntheticEvent } from 'react';
import { ApiError } from '../api';

/**
 * Forms that show the server's validation next to each field. The server is the one judge of
 * input (the same schemas as the CLI); the form maps each error's field path to its field.
 */
export function useSubmit<T>(action: () => Promise<T>, onDone?: (result: T) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage('');
    action()
      .then((result) => onDone?.(result))
      .catch((error: unknown) => {
        if (error instanceof ApiError) {
          setErrors(error.fieldErrors());
          setMessage(error.message);
        } else setMessage(String(error));
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return { submit, errors, message, busy };
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
  const describedBy =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.name,
    value: props.value,
    required: props.required,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className={`field${props.error ? ' invalid' : ''}`}>
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
      {props.error ? (
        <small id={`${id}-error`} className="error" role="alert">
          {props.error}
        </small>
      ) : null}
    </div>
  );
}

export function FormShell(props: {
  title: string;
  onSubmit: (event: SyntheticEvent) => void;
  message: string;
  busy: boolean;
  submitLabel: string;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
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
      <div className="fields">{props.children}</div>
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
