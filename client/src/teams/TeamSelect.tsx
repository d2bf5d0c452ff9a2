import { t } from '../i18n/index.js';
import { useAllTeams, flattenTree } from './useAllTeams.js';

/** A select over all teams, indented by hierarchy. */
export function TeamSelect({
  id,
  value,
  onChange,
  emptyLabel = t('teams.allTeams'),
  ...aria
}: {
  id?: string;
  value: string;
  onChange: (teamId: string) => void;
  emptyLabel?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}) {
  const { tree, loading } = useAllTeams();
  const options = tree ? flattenTree(tree) : [];
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={loading && !!value} {...aria}>
      <option value="">{loading ? t('teams.loadingTeams') : emptyLabel}</option>
      {options.map((team) => (
        <option key={team.id} value={team.id}>
          {'\u00a0\u00a0'.repeat(team.depth)}
          {team.name}
        </option>
      ))}
      {loading && value && <option value={value}>…</option>}
    </select>
  );
}
