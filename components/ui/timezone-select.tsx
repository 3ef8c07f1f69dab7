'use client';

import { useMemo, type SelectHTMLAttributes } from 'react';

const selectClass =
  'mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500';

/** A timezone picker: every IANA zone the browser knows; a zone it does not list (UTC, Etc/GMT-2 from an import) still shows. */
export function TimezoneSelect({ value, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { value: string }) {
  const timeZones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const options = timeZones.includes(value) ? timeZones : [value, ...timeZones];
  return (
    <select className={selectClass} value={value} {...props}>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
