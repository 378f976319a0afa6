import { lazy, Suspense, useEffect } from 'react';
import { useBeforeUnload } from './components/discard';
import { DiscardHost } from './components/DiscardHost';
import { Toasts } from './components/Toasts';
import { ActivityEditorHost } from './features/activities/ActivityDialog';
import { AgreementDetail } from './features/agreements/AgreementDetail';
import { AgreementForm } from './features/agreements/AgreementForm';
import { AgreementList } from './features/agreements/AgreementList';
import { InstitutionsPage } from './features/institutions/InstitutionsPage';
import { LedgerPage } from './features/ledger/LedgerPage';
import { PlansPage } from './features/plans/PlansPage';
import { PlanPrint } from './features/reports/PlanPrint';
import { ReportPrint } from './features/reports/ReportPrint';
import { ReportsPage } from './features/reports/ReportsPage';
import { SecondmentsPage } from './features/secondments/SecondmentsPage';
import { SyncPage } from './features/sync/SyncPage';
import { useBackupWarning } from './features/settings/BackupSection';
import { SettingsPage } from './features/settings/SettingsPage';
import { SetupPage } from './features/setup/SetupPage';
import { useI18n } from './i18n';
import { useAgreementOptions } from './stores/agreementOptions';
import { useApp, type Route } from './stores/app';
import { useInstitutions } from './stores/institutions';

// The charts library is most of the bundle's weight: it loads when the overview is first opened.
const DashboardPage = lazy(() =>
  import('./features/reports/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);

const Page = ({ route }: { route: Exclude<Route, { page: 'reportPrint' | 'planPrint' }> }) => {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'reports':
      return <ReportsPage key={route.id ?? 'new'} id={route.id} />;
    case 'agreements':
      return <AgreementList />;
    case 'agreement':
      return <AgreementDetail key={route.id} id={route.id} />;
    case 'agreementForm':
      return <AgreementForm key={route.id ?? 'new'} id={route.id} />;
    case 'plans':
      return <PlansPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'secondments':
      return <SecondmentsPage />;
    case 'sync':
      return <SyncPage />;
    case 'institutions':
      return <InstitutionsPage />;
    case 'settings':
      return <SettingsPage />;
  }
};

const NAV = [
  { page: 'dashboard', key: 'nav.dashboard' },
  { page: 'agreements', key: 'nav.agreements' },
  { page: 'plans', key: 'nav.plans' },
  { page: 'ledger', key: 'nav.ledger' },
  { page: 'secondments', key: 'nav.secondments' },
  { page: 'reports', key: 'nav.reports' },
  { page: 'sync', key: 'nav.sync' },
  { page: 'institutions', key: 'nav.institutions' },
  { page: 'settings', key: 'nav.settings' },
] as const;

export const App = () => {
  const { t } = useI18n();
  const { status, loadError, route, load, go } = useApp();
  const refreshInstitutions = useInstitutions((s) => s.refresh);
  const refreshAgreements = useAgreementOptions((s) => s.refresh);
  useBeforeUnload();
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (status?.initialized) void refreshInstitutions();
  }, [status?.initialized, refreshInstitutions]);
  useBackupWarning(status?.initialized === true);

  // Pickers on every page offer the agreements; one may have been added or deleted since the last page.
  useEffect(() => {
    if (status?.initialized) refreshAgreements().catch(() => undefined);
  }, [status?.initialized, route.page, refreshAgreements]);

  if (loadError) {
    return (
      <main className="setup">
        <div className="card">
          <div className="banner error">{loadError}</div>
          <button type="button" onClick={() => void load()}>
            {t('app.retry')}
          </button>
        </div>
      </main>
    );
  }
  if (!status) return <p className="page muted">{t('app.loading')}</p>;
  if (!status.initialized) return <SetupPage />;
  // Print views are the paper alone: no sidebar, nothing else on the page.
  if (route.page === 'reportPrint') return <ReportPrint id={route.id} />;
  if (route.page === 'planPrint') return <PlanPrint agreementId={route.agreementId} month={route.month} />;
  const section = route.page === 'agreement' || route.page === 'agreementForm' ? 'agreements' : route.page;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('app.name')}>
        <div className="brand">
          {t('app.name')}
          <small>{status.siteName}</small>
        </div>
        {NAV.map((n) => (
          <button
            key={n.page}
            type="button"
            className={section === n.page ? 'active' : ''}
            aria-current={section === n.page ? 'page' : undefined}
            onClick={() => go({ page: n.page })}
          >
            {t(n.key)}
          </button>
        ))}
        <div className="hint">{t('keys.hint')}</div>
      </nav>
      <main className="content">
        <Suspense fallback={<p className="page muted">{t('app.loading')}</p>}>
          <Page route={route} />
        </Suspense>
      </main>
      <ActivityEditorHost />
      <DiscardHost />
      <Toasts />
    </div>
  );
};
