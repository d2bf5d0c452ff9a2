import { t } from '../i18n/index.js';
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ChangeComplaintStatusMutation, ComplaintsQuery, type ComplaintRow, type ComplaintStatus } from './complaints.graphql.js';
import { SeverityBadge, SlaCountdown, byUrgency, noteServerClock } from './sla.js';
import { ResolveDialog, transitionLabel } from './ComplaintPage.js';
import { ComplaintsTabs } from './ComplaintsNav.js';
import { LiveIndicator, useRefetchOnLive } from '../lib/live.js';
import { Link } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { problemsOf } from '../lib/errors.js';
import { humanEnum } from '../ui/format.js';
import { Avatar, Button, ErrorState, FormAlert, PageHeader, Skeleton } from '../ui/components.js';

const COLUMNS: ComplaintStatus[] = ['NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];
/** On the board every card moves one way: the next column (RESOLVED cards leave the board when closed). */
const FORWARD: Record<ComplaintStatus, ComplaintStatus | null> = { NEW: 'ACKNOWLEDGED', ACKNOWLEDGED: 'IN_PROGRESS', IN_PROGRESS: 'RESOLVED', RESOLVED: 'CLOSED', CLOSED: null };
const COLUMN_SIZE = 50;
/** The server pages by resolution due time; the column then orders its cards by urgency (as the kiosk). */
const COLUMN_SORT = { field: 'RESOLUTION_DUE_AT', direction: 'ASC' } as const;

export function ComplaintBoardPage() {
  const { isAdmin } = useSession();
  const [resolving, setResolving] = useState<string | null>(null);
  const [dragging, setDragging] = useState<ComplaintRow | null>(null);
  const [{ fetching: moving, error: moveError }, change] = useMutation(ChangeComplaintStatusMutation);
  const move = (card: ComplaintRow, to: ComplaintStatus) => {
    if (FORWARD[card.status] !== to) return;
    if (to === 'RESOLVED') setResolving(card.id);
    else void change({ input: { complaintId: card.id, status: to } });
  };
  return (
    <div className="page page-board">
      <PageHeader title={t('complaints.title')} subtitle={t('board.subtitle')} actions={<LiveIndicator />} />
      <ComplaintsTabs />
      <FormAlert problems={problemsOf(moveError)} />
      <div className="kanban" aria-busy={moving}>
        {COLUMNS.map((status) => (
          <Column
            key={status}
            status={status}
            canEdit={isAdmin}
            dragging={dragging}
            onDragCard={setDragging}
            onMove={move}
          />
        ))}
      </div>
      {resolving && <ResolveDialog complaintId={resolving} onClose={() => setResolving(null)} />}
    </div>
  );
}

function Column({
  status,
  canEdit,
  dragging,
  onDragCard,
  onMove,
}: {
  status: ComplaintStatus;
  canEdit: boolean;
  dragging: ComplaintRow | null;
  onDragCard: (card: ComplaintRow | null) => void;
  onMove: (card: ComplaintRow, to: ComplaintStatus) => void;
}) {
  const variables = useMemo(() => ({ first: COLUMN_SIZE, filter: { status: [status] }, sort: COLUMN_SORT }), [status]);
  const [result, reexecute] = useQuery({ query: ComplaintsQuery, variables });
  useRefetchOnLive(reexecute);
  const [over, setOver] = useState(false);
  const { data, error } = result;
  useEffect(() => {
    if (data && !result.stale) noteServerClock(data.complaints.edges.map((e) => e.node));
  }, [data, result.stale]);
  const accepts = dragging !== null && FORWARD[dragging.status] === status;
  const onDragOver = (e: DragEvent) => {
    if (!accepts) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (dragging && accepts) onMove(dragging, status);
    onDragCard(null);
  };
  const cards = useMemo(() => data?.complaints.edges.map((e) => e.node).sort(byUrgency), [data]);
  return (
    <section
      className={`kanban-col${accepts ? ' can-drop' : ''}${over ? ' is-over' : ''}`}
      aria-label={humanEnum(status)}
      data-column={status}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <header className="kanban-col-head">
        <h2>{humanEnum(status)}</h2>
        <span className="kanban-count">{data ? data.complaints.totalCount : '…'}</span>
      </header>
      <div className="kanban-cards">
        {error && !data && <ErrorState problems={problemsOf(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
        {!cards && !error && [0, 1, 2].map((i) => <Skeleton key={i} className="kanban-skeleton" height={84} />)}
        {cards?.length === 0 && <p className="kanban-empty">{t('board.nothingHere')}</p>}
        {cards?.map((card) => (
          <article
            key={card.id}
            className={`kanban-card sev-${card.severity.toLowerCase()}`}
            draggable={canEdit}
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', card.id);
              e.dataTransfer.effectAllowed = 'move';
              onDragCard(card);
            }}
            onDragEnd={() => onDragCard(null)}
            data-complaint={card.number}
          >
            <div className="kanban-card-top">
              <Link to={`/complaints/${card.id}`} className="mono small">
                {card.number}
              </Link>
              <SeverityBadge severity={card.severity} />
            </div>
            <Link to={`/complaints/${card.id}`} className="kanban-subject">
              {card.subject}
            </Link>
            <div className="kanban-card-meta">
              <span className="kanban-customer">{card.customer.name}</span>
              <SlaCountdown sla={card.sla} compact />
            </div>
            <div className="kanban-card-foot">
              {card.assignee ? (
                <span className="kanban-assignee" title={card.assignee.name}>
                  <Avatar name={card.assignee.name} size="sm" /> {card.assignee.name}
                </span>
              ) : (
                <span className="muted small">{t('complaints.unassigned')}</span>
              )}
              {canEdit && FORWARD[card.status] && (
                <Button size="sm" onClick={() => onMove(card, FORWARD[card.status]!)} aria-label={`${transitionLabel(card.status, FORWARD[card.status]!)} ${card.number}`}>
                  {transitionLabel(card.status, FORWARD[card.status]!)} →
                </Button>
              )}
            </div>
          </article>
        ))}
        {data && data.complaints.totalCount > COLUMN_SIZE && (
          <Link to={`/complaints?status=${status}`} className="kanban-more small">
            {t('board.moreInInbox', { count: data.complaints.totalCount - COLUMN_SIZE })}
          </Link>
        )}
      </div>
    </section>
  );
}
