'use client';
import { Field } from '@airwave/ui';
import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';

/** One-of-a-few filter as radio buttons that look like tabs. */
export function Segmented<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: V;
  options: ReadonlyArray<readonly [NoInfer<V>, ReactNode]>;
  onChange(value: NoInfer<V>): void;
}) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v || 'all'} className={value === v ? 'on' : undefined}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled `<select>` whose first option ("any") is the empty value. */
export function SelectFilter({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, ReactNode]>;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <Field id={id} label={label}>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.common.any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A row of filter fields with its submit button and, while a filter is set, a "clear" button. */
export function FilterForm({
  label,
  onSubmit,
  submitLabel,
  canSubmit = true,
  onClear,
  children,
}: {
  label?: string;
  onSubmit(e: FormEvent): void;
  submitLabel: string;
  canSubmit?: boolean;
  /** Shown only when given: pass it while a filter is applied. */
  onClear?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form className="filters" onSubmit={onSubmit} aria-label={label}>
      {children}
      <button type="submit" className="btn btn-primary" disabled={!canSubmit}>
        {submitLabel}
      </button>
      {onClear && (
        <button type="button" className="btn" onClick={onClear}>
          {t.common.clear}
        </button>
      )}
    </form>
  );
}
