import { useId, useState } from 'react';
import { passphraseStrength } from '../../../src/platform/crypto/strength';

interface PassphraseFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  error?: string | undefined;
  /** Say how hard the passphrase is to guess, as it is typed (when choosing a new one). */
  strength?: boolean;
}

/**
 * A passphrase field with a button that shows or hides what was typed (`aria-pressed` says
 * which), and, when choosing one, a hint of how hard it is to guess. The hint never blocks: a
 * long passphrase the estimate dislikes is still the person's to choose.
 */
export function PassphraseField(props: PassphraseFieldProps) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const strength = props.strength && props.value ? passphraseStrength(props.value) : undefined;
  const describedBy =
    [props.hint ? `${id}-hint` : '', strength ? `${id}-strength` : '', props.error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={`field${props.error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {props.label}
        <span aria-hidden="true"> *</span>
      </label>
      <div className="passphrase">
        <input
          id={id}
          name={props.name}
          type={shown ? 'text' : 'password'}
          value={props.value}
          required
          autoComplete={props.autoComplete}
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <button
          type="button"
          className="small secondary"
          aria-pressed={shown}
          aria-controls={id}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'}
          <span className="visually-hidden"> {props.label.toLowerCase()}</span>
        </button>
      </div>
      {strength ? (
        <small
          id={`${id}-strength`}
          className={`strength ${strength.level.replace(' ', '-')}`}
          aria-live="polite"
        >
          Strength: {strength.hint}
        </small>
      ) : null}
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
