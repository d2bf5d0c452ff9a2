import { t } from '../i18n/index.js';
import { useQuery } from 'urql';
import { ReferrerSearchQuery } from './referrals.graphql.js';
import { Combobox, useComboboxSearch, type ComboboxOption } from '../ui/Combobox.js';

export interface PickedReferrer {
  type: 'Customer' | 'Employee';
  id: string;
  name: string;
}

type ReferrerOption = ComboboxOption & PickedReferrer;

/**
 * A combobox over active customers and employees (one search, two groups).
 * `only` limits it to one of them (e.g. employees for a hire referral).
 */
export function ReferrerPicker({
  value,
  onChange,
  only,
  placeholder = t('pickers.searchReferrers'),
  ...inputProps
}: {
  id?: string;
  value: PickedReferrer | null;
  onChange: (referrer: PickedReferrer | null) => void;
  only?: 'Customer' | 'Employee';
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const state = useComboboxSearch(value);
  const [{ data, fetching, error }] = useQuery({ query: ReferrerSearchQuery, variables: { search: state.search }, pause: !state.open, requestPolicy: 'cache-first' });
  // Keys carry the type: a customer and an employee may share an id.
  const customers: ReferrerOption[] =
    only === 'Employee'
      ? []
      : (data?.customers.edges ?? []).map(({ node }) => ({ type: 'Customer', key: `Customer-${node.id}`, id: node.id, name: node.name, meta: t('pickers.customerMeta', { detail: node.company ?? node.email }) }));
  const employees: ReferrerOption[] =
    only === 'Customer'
      ? []
      : (data?.employees.edges ?? []).map(({ node }) => ({ type: 'Employee', key: `Employee-${node.id}`, id: node.id, name: node.name, meta: t('pickers.employeeMeta', { detail: node.title ?? node.email }) }));

  return (
    <Combobox
      {...inputProps}
      state={state}
      groups={[
        { label: t('pickers.customers'), options: customers },
        { label: t('pickers.employees'), options: employees },
      ]}
      fetching={fetching}
      error={error}
      selected={value}
      onPick={(o) => onChange({ type: o.type, id: o.id, name: o.name })}
      onClear={() => onChange(null)}
      listLabel={t('pickers.matchingReferrers')}
      placeholder={placeholder}
    />
  );
}
