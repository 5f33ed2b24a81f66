import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled form control in the base stylesheet's `.field` column; `grow` takes the rest of a row. */
export function Field({
  id,
  label,
  grow,
  children,
}: {
  id: string;
  label: ReactNode;
  grow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & { id: string };

/**
 * An `.input` with its label: in a `.field` column (with an optional hint the input is described by),
 * or (`hiddenLabel`) inline with a label only screen readers read.
 */
export function TextField({
  label,
  hiddenLabel,
  grow,
  hint,
  ...input
}: InputProps & { label: ReactNode; hiddenLabel?: boolean; grow?: boolean; hint?: ReactNode }) {
  const hintId = `${input.id}-hint`;
  const control = <input className="input" aria-describedby={hint ? hintId : undefined} {...input} />;
  if (!hiddenLabel)
    return (
      <Field id={input.id} label={label} grow={grow}>
        {control}
        {hint && (
          <span id={hintId} className="hint">
            {hint}
          </span>
        )}
      </Field>
    );
  return (
    <>
      <label htmlFor={input.id} className="visually-hidden">
        {label}
      </label>
      {control}
    </>
  );
}

/**
 * A one-line search inside the caller's form: a search input whose label only screen readers read,
 * and the form's submit button.
 */
export function SearchField({ button, ...field }: InputProps & { label: ReactNode; button: ReactNode }) {
  return (
    <>
      <TextField hiddenLabel type="search" {...field} />
      <button type="submit" className="btn">
        {button}
      </button>
    </>
  );
}
