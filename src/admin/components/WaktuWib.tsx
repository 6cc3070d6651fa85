import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { dariWibLokal, keWibLokal } from '../../plugins/sop/admin/src/index';

type InputProps = {
  name: string;
  label?: React.ReactNode;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  labelAction?: React.ReactNode;
  'aria-label'?: string;
};

/** How the form keeps the moment: the content manager an ISO instant in UTC, a list filter the WIB wall time with its offset (readable in the filter's tag). */
type Simpan = 'utc' | 'wib';

const simpanSebagai = (typed: string, simpan: Simpan): string | null => {
  const instant = dariWibLokal(typed);
  if (!instant) return null;
  return simpan === 'utc' ? instant : `${typed}+07:00`;
};

const sameMoment = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ? new Date(a).getTime() : NaN) === (b ? new Date(b).getTime() : NaN) || (!a && !b);

/**
 * A date-time field typed and shown in WIB whatever the browser's zone, its label saying so
 * ("Waktu diterima (WIB)"). Strapi's own picker shows and takes a moment in the browser's zone and
 * has no zone setting: a clerk on a laptop set to another zone would read and enter wrong hours.
 * Reads and writes the form's value through Strapi's `useField(name)`, as Strapi's inputs do.
 */
const WaktuWib = React.forwardRef<HTMLInputElement, InputProps & { simpan: Simpan }>(
  ({ name, label, hint, required, disabled, labelAction, 'aria-label': ariaLabel, simpan }, ref) => {
    const field = useField<string | null>(name);
    const stored = typeof field.value === 'string' ? field.value : null;
    const [typed, setTyped] = React.useState(() => keWibLokal(stored));
    // a value set from outside (the record loaded or saved, a reset) is shown, unless it is what was typed
    React.useEffect(() => {
      setTyped((current) => (sameMoment(dariWibLokal(current), stored) ? current : keWibLokal(stored)));
    }, [stored]);
    return (
      <Field.Root name={name} required={required} hint={hint} error={field.error}>
        {label ? <Field.Label action={labelAction}>{typeof label === 'string' ? `${label} (WIB)` : label}</Field.Label> : null}
        <TextInput
          ref={ref}
          type="datetime-local"
          aria-label={ariaLabel ? `${ariaLabel} (WIB)` : undefined}
          value={typed}
          disabled={disabled}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
            setTyped(event.target.value);
            field.onChange(name, simpanSebagai(event.target.value, simpan));
          }}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
);

/** The content manager's edit form input for every `datetime` attribute (registered with `app.addFields`). */
export const WaktuWibInput = React.forwardRef<HTMLInputElement, InputProps>((props, ref) => <WaktuWib {...props} ref={ref} simpan="utc" />);

/** A list filter's value input for a `datetime` attribute: WIB, stored as `YYYY-MM-DDTHH:mm+07:00`. */
const WaktuWibFilter = React.forwardRef<HTMLInputElement, InputProps>((props, ref) => <WaktuWib {...props} ref={ref} simpan="wib" />);

type Filter = { name: string; type?: string; input?: unknown; operators?: unknown; [key: string]: unknown };
type FilterHookArgs = { displayedFilters: Filter[]; layout: unknown };

const operator = (value: string, defaultMessage: string) => ({
  label: { id: `components.FilterOptions.FILTER_TYPES.${value}`, defaultMessage },
  value,
});

/** Strapi's operators for a date-time filter (its BASE_FILTERS and NUMERIC_FILTERS), with its own message ids. */
const OPERATOR_WAKTU = [
  operator('$eq', 'is'),
  operator('$ne', 'is not'),
  operator('$null', 'is null'),
  operator('$notNull', 'is not null'),
  operator('$gt', 'is greater than'),
  operator('$gte', 'is greater than or equal to'),
  operator('$lt', 'is lower than'),
  operator('$lte', 'is lower than or equal to'),
];

/**
 * Every `datetime` filter of a content-manager list takes its moment in WIB (WaktuWibFilter), and
 * its tag shows it as kept, with its `+07:00` (Strapi's tag would print a date-time filter in the
 * browser's zone): the filter's type becomes `waktu-wib`, which Strapi's tag prints as it is, with
 * the date-time operators given explicitly. A hook of `Admin/CM/pages/ListView/inject-in-filters`.
 */
export const filterWaktuWib = ({ displayedFilters, layout }: FilterHookArgs): FilterHookArgs => ({
  layout,
  displayedFilters: displayedFilters.map((filter) =>
    filter.type === 'datetime' && !filter.input ? { ...filter, type: 'waktu-wib', input: WaktuWibFilter, operators: OPERATOR_WAKTU } : filter
  ),
});
