import { t } from '../i18n/index.js';
import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { Router, matchPath, useRouter } from '../lib/router.js';
import { SessionProvider, useSession } from '../lib/session.js';
import { Layout } from './Layout.js';
import { LoginPage } from './LoginPage.js';
import { PeopleListPage } from '../people/PeopleListPage.js';
import { EmployeePage } from '../people/EmployeePage.js';
import { LiveProvider } from '../people/people-live.js';
import { TeamsPage } from '../teams/TeamsPage.js';
import { TeamPage } from '../teams/TeamPage.js';
import { ApiTokensPage } from '../settings/ApiTokensPage.js';
import { CustomersListPage } from '../customers/CustomersListPage.js';
import { CustomerPage } from '../customers/CustomerPage.js';
import { ReferralDashboard } from '../referrals/ReferralDashboard.js';
import { ReferralListPage } from '../referrals/ReferralListPage.js';
import { ReferralPage } from '../referrals/ReferralPage.js';
import { PersonTreePage } from '../referrals/PersonTreePage.js';
import { ReferralLiveProvider } from '../referrals/live.js';
import { CustomerLiveProvider } from '../customers/live.js';
import { Button, EmptyState, Spinner } from '../ui/components.js';
import { ComplaintInboxPage } from '../complaints/ComplaintInboxPage.js';
import { ComplaintBoardPage } from '../complaints/ComplaintBoardPage.js';
import { ComplaintPage } from '../complaints/ComplaintPage.js';
import { ImprovementsPage } from '../complaints/ImprovementsPage.js';
import { ComplaintLiveProvider } from '../complaints/live.js';
import { PublicComplaintPage } from '../public/PublicComplaintPage.js';
import { SurveyResponsePage } from '../public/SurveyResponsePage.js';
import { ComplaintThreadPage } from '../public/ComplaintThreadPage.js';
import { PublicReferralPage } from '../public/PublicReferralPage.js';
import { SurveyListPage } from '../surveys/SurveyListPage.js';
import { SurveyBuilderPage } from '../surveys/SurveyBuilderPage.js';
import { SurveyPage } from '../surveys/SurveyPage.js';
import { OutboxPage } from '../outbox/OutboxPage.js';
import { LeadersPage } from '../leadership/LeadersPage.js';
import { ScorecardPage } from '../leadership/ScorecardPage.js';
import { HeatmapPage } from '../leadership/HeatmapPage.js';
import { SignalsPage } from '../leadership/SignalsPage.js';
import { ChainPage } from '../leadership/ChainPage.js';
import { TrustSignalLiveProvider } from '../leadership/live.js';
import { Client, fetchExchange, Provider } from 'urql';

// GraphiQL and Monaco are large: load them only when the explorer opens.
const ExplorerPage = lazy(() => import('../explorer/ExplorerPage.js'));
// The wallboard runs on its own socket with a monitor token, outside the app.
const KioskPage = lazy(() => import('../kiosk/KioskPage.js'));

export function App() {
  return (
    <Router>
      <Top />
    </Router>
  );
}

/** Public pages (no login, no app layout) first; everything else needs a session. */
function Top() {
  const { location } = useRouter();
  if (location.pathname === '/complain')
    return (
      <PublicRoot>
        <PublicComplaintPage />
      </PublicRoot>
    );
  const surveyLink = matchPath('/s/:token', location.pathname);
  if (surveyLink)
    return (
      <PublicRoot>
        <SurveyResponsePage key={surveyLink.token} token={surveyLink.token} />
      </PublicRoot>
    );
  const complaintLink = matchPath('/c/:token', location.pathname);
  if (complaintLink)
    return (
      <PublicRoot>
        <ComplaintThreadPage key={complaintLink.token} token={complaintLink.token} />
      </PublicRoot>
    );
  const referralLink = matchPath('/r/:token', location.pathname);
  if (referralLink)
    return (
      <PublicRoot>
        <PublicReferralPage key={referralLink.token} token={referralLink.token} />
      </PublicRoot>
    );
  if (location.pathname === '/kiosk')
    return (
      <Suspense fallback={null}>
        <KioskPage />
      </Suspense>
    );
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}

/** The public complaint form and survey links talk to the API without a session: a plain HTTP client. */
function PublicRoot({ children }: { children: ReactNode }) {
  const client = useMemo(
    () =>
      new Client({
        url: '/graphql',
        preferGetMethod: false,
        fetchOptions: { credentials: 'omit', headers: { 'content-type': 'application/json' } },
        requestPolicy: 'network-only',
        exchanges: [fetchExchange],
      }),
    [],
  );
  return (
<Provider value={client}>{children}</Provider>
  );
}

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

function FullPageSpinner() {
  return (
    <div className="full-center">
      <Spinner label={t('app.loading')} />
    </div>
  );
}

function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/people';
}

function Routes() {
  const { location } = useRouter();
  const { state, retry } = useSession();
  const path = location.pathname;

  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'error')
    return (
      <div className="full-center">
        <div className="error-state" role="alert">
          <p className="error-state-title">{t('app.cantReach')}</p>
          <p className="error-state-message">{state.message}</p>
          <Button onClick={retry}>{t('common.tryAgain')}</Button>
        </div>
      </div>
    );
  if (state.status === 'anonymous') {
    if (path !== '/login') return <Redirect to={path === '/' ? '/login' : `/login?next=${encodeURIComponent(path + location.search)}`} />;
    return <LoginPage expired={state.expired} />;
  }
  if (path === '/login' || path === '/') return <Redirect to={safeNext(location.search)} />;

  let page: ReactNode;
  let params: Record<string, string> | null;
  let wide = false;
  if (path === '/people') page = <PeopleListPage />;
  else if ((params = matchPath('/people/:id', path))) page = <EmployeePage key={params.id} id={params.id} />;
  else if (path === '/teams') page = <TeamsPage />;
  else if ((params = matchPath('/teams/:id', path))) page = <TeamPage key={params.id} id={params.id} />;
  else if (path === '/leadership') page = <LeadersPage />;
  else if (path === '/leadership/heatmap') page = <HeatmapPage />;
  else if (path === '/leadership/signals') page = <SignalsPage />;
  else if (path === '/leadership/chain') page = <ChainPage />;
  else if ((params = matchPath('/leadership/:id', path))) page = <ScorecardPage key={params.id} leaderId={params.id} />;
  else if (path === '/customers') page = <CustomersListPage />;
  else if ((params = matchPath('/customers/:id', path))) page = <CustomerPage key={params.id} id={params.id} />;
  else if (path === '/referrals') page = <ReferralDashboard />;
  else if (path === '/referrals/all') page = <ReferralListPage />;
  else if (path === '/referrals/explore') page = <PersonTreePage />;
  else if ((params = matchPath('/referrals/:id', path))) page = <ReferralPage key={params.id} id={params.id} />;
  else if (path === '/complaints') page = <ComplaintInboxPage />;
  else if (path === '/complaints/board') page = <ComplaintBoardPage />;
  else if (path === '/complaints/improvements') page = <ImprovementsPage />;
  else if ((params = matchPath('/complaints/:id', path))) page = <ComplaintPage key={params.id} id={params.id} />;
  else if (path === '/surveys') page = <SurveyListPage />;
  else if (path === '/surveys/new') page = <SurveyBuilderPage />;
  else if ((params = matchPath('/surveys/:id/edit', path))) page = <SurveyBuilderPage key={params.id} id={params.id} />;
  else if ((params = matchPath('/surveys/:id', path))) page = <SurveyPage key={params.id} id={params.id} />;
  else if (path === '/outbox') page = <OutboxPage />;
  else if (path === '/settings' || path === '/settings/tokens') page = <ApiTokensPage />;
  else if (path === '/explorer') {
    wide = true;
    page = (
      <Suspense fallback={<FullPageSpinner />}>
        <ExplorerPage />
      </Suspense>
    );
  } else page = <EmptyState title={t('app.notFound')} hint={t('app.notFoundHint')} />;

  // People and team pages share one live subscription, kept while moving between them.
  const live = path.startsWith('/people') || path.startsWith('/teams/');
  // Customer pages listen to customerChanged (all of them, or the open customer; that page also to referralChanged).
  const customerMatch = matchPath('/customers/:id', path);
  const customerLive = path === '/customers' || customerMatch !== null;
  // Referral pages share one referralChanged subscription (no root filter).
  const referralLive = path.startsWith('/referrals');
  // Complaint pages listen to complaintChanged: all of them, or the one whose thread is open.
  const complaintMatch = matchPath('/complaints/:id', path);
  const complaintId = complaintMatch && !['board', 'improvements'].includes(complaintMatch.id) ? complaintMatch.id : undefined;
  const complaintLive = path === '/complaints' || path.startsWith('/complaints/');
  // The signals page listens to trustSignalChanged: new and worse signals appear without a reload.
  const signalLive = path === '/leadership/signals';
  return (
    <Layout wide={wide}>
      {signalLive ? (
        <TrustSignalLiveProvider>{page}</TrustSignalLiveProvider>
      ) : live ? (
        <LiveProvider>{page}</LiveProvider>
      ) : customerLive ? (
        <CustomerLiveProvider key={customerMatch?.id ?? 'all'} customerId={customerMatch?.id}>
          {page}
        </CustomerLiveProvider>
      ) : referralLive ? (
        <ReferralLiveProvider>{page}</ReferralLiveProvider>
      ) : complaintLive ? (
        <ComplaintLiveProvider key={complaintId ?? 'all'} complaintId={complaintId}>
          {page}
        </ComplaintLiveProvider>
      ) : (
        page
      )}
    </Layout>
  );
}
