import { useId, type ReactNode } from 'react';

/** What a control inside a DescribedField takes so that its label, hint and error are read with it. */
export type DescribedControl = { id: string; 'aria-describedby'?: string; 'aria-invalid': boolean };

/**
 * A field whose accessible name is only its label: the hint and the error are tied to the control with
 * aria-describedby (the UI kit's Field puts them inside the label, so they become part of the name).
 */
export function DescribedField({ label, hint, error, children }: { label: string; hint?: ReactNode; error?: string; children: (control: DescribedControl) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="text-sm font-medium text-slate-700">
      <label htmlFor={id} className="block">
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': Boolean(error) })}
      {hint ? (
        <div id={hintId} className="mt-1 text-xs font-normal break-words text-slate-500">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-xs font-normal text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
