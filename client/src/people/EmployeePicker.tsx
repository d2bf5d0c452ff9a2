import { t } from '../i18n/index.js';
import { useQuery } from 'urql';
import { EmployeePickerQuery, type EmployeeStatus } from './people.graphql.js';
import { Combobox, useComboboxSearch } from '../ui/Combobox.js';

export interface PickedEmployee {
  id: string;
  name: string;
}

/**
 * A combobox that searches employees by name or email as you type
 * (debounced) and picks one. `excludeId` hides one person (e.g. the member).
 */
export function EmployeePicker({
  value,
  onChange,
  placeholder = t('pickers.searchEmployees'),
  status = 'ACTIVE',
  excludeId,
  ...inputProps
}: {
  id?: string;
  value: PickedEmployee | null;
  onChange: (employee: PickedEmployee | null) => void;
  placeholder?: string;
  status?: EmployeeStatus;
  excludeId?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const state = useComboboxSearch(value);
  const [{ data, fetching, error }] = useQuery({
    query: EmployeePickerQuery,
    variables: { search: state.search, status },
    pause: !state.open,
    requestPolicy: 'cache-first',
  });
  const options = (data?.employees.edges ?? [])
    .map((e) => e.node)
    .filter((o) => o.id !== excludeId)
    .map((o) => ({ key: o.id, id: o.id, name: o.name, meta: [o.title, o.team?.name].filter(Boolean).join(' · ') || o.email }));

  return (
    <Combobox
      {...inputProps}
      state={state}
      groups={[{ options }]}
      fetching={fetching}
      error={error}
      selected={value}
      onPick={(o) => onChange({ id: o.id, name: o.name })}
      onClear={() => onChange(null)}
      listLabel={t('pickers.matchingEmployees')}
      placeholder={placeholder}
    />
  );
}
