'use client';
import { Field } from '@airwave/ui';
import type { ReactNode } from 'react';

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
  anyLabel,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  anyLabel: string;
  value: string;
  options: ReadonlyArray<readonly [string, ReactNode]>;
  onChange(value: string): void;
}) {
  return (
    <Field id={id} label={label}>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{anyLabel}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}
