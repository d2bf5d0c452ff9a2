import { t } from '../i18n/index.js';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CreateImprovementMutation, ImprovementsQuery, SetImprovementStatusMutation, type Improvement, type ImprovementStatus } from './complaints.graphql.js';
import { ComplaintsTabs } from './ComplaintsNav.js';
import { useRefetchOnLive } from '../lib/live.js';
import { useSession } from '../lib/session.js';
import { problemsOf, splitProblems } from '../lib/errors.js';
import { formatDate, humanEnum } from '../ui/format.js';
import { Badge, Button, Card, EmptyState, ErrorState, Field, FormAlert, PageHeader, SkeletonRows } from '../ui/components.js';

const TONE: Record<ImprovementStatus, 'neutral' | 'accent' | 'success'> = { PLANNED: 'neutral', IN_PROGRESS: 'accent', SHIPPED: 'success' };
const NEXT: Record<ImprovementStatus, ImprovementStatus | null> = { PLANNED: 'IN_PROGRESS', IN_PROGRESS: 'SHIPPED', SHIPPED: null };
const NEXT_LABEL: Record<ImprovementStatus, () => string> = { PLANNED: () => '', IN_PROGRESS: () => t('improvements.start'), SHIPPED: () => t('improvements.markShipped') };

export function ImprovementsPage() {
  const { isAdmin } = useSession();
  const [status, setStatus] = useState<ImprovementStatus | ''>('');
  const context = useMemo(() => ({ additionalTypenames: ['Improvement'] }), []);
  const [result, reexecute] = useQuery({ query: ImprovementsQuery, variables: status ? { status } : {}, context });
  useRefetchOnLive(reexecute);
  const list = result.data?.improvements;
  return (
    <div className="page">
      <PageHeader title={t('complaints.title')} subtitle={t('improvements.subtitle')} />
      <ComplaintsTabs />
      {isAdmin && (
        <Card title={t('improvements.new')}>
          <CreateImprovementForm />
        </Card>
      )}
      <Card
        title={t('improvements.title')}
        className="card-flush"
        actions={
          <select aria-label={t('improvements.status')} value={status} onChange={(e) => setStatus(e.target.value as ImprovementStatus | '')}>
            <option value="">{t('improvements.allStatuses')}</option>
            <option value="PLANNED">{humanEnum('PLANNED')}</option>
            <option value="IN_PROGRESS">{humanEnum('IN_PROGRESS')}</option>
            <option value="SHIPPED">{humanEnum('SHIPPED')}</option>
          </select>
        }
      >
        {result.error && !list ? (
          <ErrorState problems={problemsOf(result.error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('improvements.colImprovement')}</th>
                  <th scope="col">{t('improvements.colStatus')}</th>
                  <th scope="col">{t('improvements.colRecorded')}</th>
                  <th scope="col">{t('improvements.colShipped')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('improvements.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {!list && <SkeletonRows rows={4} columns={5} />}
                {list?.map((i) => <ImprovementRow key={i.id} improvement={i} canEdit={isAdmin} />)}
              </tbody>
            </table>
            {list && list.length === 0 && <EmptyState title={status ? t('improvements.noneWithStatus', { status: humanEnum(status).toLowerCase() }) : t('improvements.empty')} hint={t('improvements.emptyHint')} />}
          </>
        )}
      </Card>
    </div>
  );
}

function CreateImprovementForm() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [missing, setMissing] = useState(false);
  const [{ fetching, error }, create] = useMutation(CreateImprovementMutation);
  const { fields, general } = splitProblems(error, ['title', 'description']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const result = await create({ input: { title: title.trim(), ...(description.trim() ? { description: description.trim() } : {}) } });
    if (result.data) {
      setTitle('');
      setDescription('');
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate aria-label={t('improvements.new')}>
      <FormAlert problems={general} />
      <div className="form-row">
        <Field label={t('improvements.fieldTitle')} problem={missing ? { code: 'REQUIRED', title: t('improvements.required'), message: t('improvements.nameIt') } : fields.title}>
          {(props) => <input {...props} value={title} maxLength={200} placeholder="e.g. Courier tracking e-mails" onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t('improvements.description')} optional problem={fields.description}>
          {(props) => <input {...props} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <div className="form-row-action">
          <Button type="submit" variant="primary" busy={fetching}>
            {t('improvements.create')}
          </Button>
        </div>
      </div>
    </form>
  );
}

function ImprovementRow({ improvement: i, canEdit }: { improvement: Improvement; canEdit: boolean }) {
  const [{ fetching, error }, setStatus] = useMutation(SetImprovementStatusMutation);
  const next = NEXT[i.status];
  return (
    <tr data-improvement={i.title}>
      <td>
        <span className="strong">{i.title}</span>
        {i.description && <div className="person-sub">{i.description}</div>}
      </td>
      <td>
        <Badge tone={TONE[i.status]}>{humanEnum(i.status)}</Badge>
      </td>
      <td className="nowrap">{formatDate(i.createdAt)}</td>
      <td className="nowrap">{i.shippedAt ? formatDate(i.shippedAt) : <span className="muted">—</span>}</td>
      <td className="actions-cell">
        {error && <span className="field-error">{problemsOf(error)[0]?.message}</span>}
        {canEdit && next && (
          <Button size="sm" variant={next === 'SHIPPED' ? 'primary' : 'secondary'} busy={fetching} onClick={() => void setStatus({ improvementId: i.id, status: next })}>
            {NEXT_LABEL[next]()}
          </Button>
        )}
      </td>
    </tr>
  );
}
