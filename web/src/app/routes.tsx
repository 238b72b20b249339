import { Button, Result } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Link } from 'react-router-dom';
import { RequireAuth, RequireCapability } from '../features/auth/components/require-auth';
import { LoginPage } from '../features/auth/pages/login-page';
import { DashboardPage } from '../features/dashboard/pages/dashboard-page';
import { AppShell } from './app-shell';

// pages outside the dashboard load on first visit
const OrgPage = lazy(() => import('../features/org/pages/org-page').then((m) => ({ default: m.OrgPage })));
const UsersPage = lazy(() => import('../features/users/pages/users-page').then((m) => ({ default: m.UsersPage })));
const TokensPage = lazy(() => import('../features/tokens/pages/tokens-page').then((m) => ({ default: m.TokensPage })));
const AuditPage = lazy(() => import('../features/audit/pages/audit-page').then((m) => ({ default: m.AuditPage })));
const FieldSettingsPage = lazy(() => import('../features/field/pages/field-settings-page').then((m) => ({ default: m.FieldSettingsPage })));
const SurveyProgressPage = lazy(() => import('../features/survey/pages/survey-progress-page').then((m) => ({ default: m.SurveyProgressPage })));
const GridSurveyPage = lazy(() => import('../features/survey/pages/grid-survey-page').then((m) => ({ default: m.GridSurveyPage })));
const MyGridsPage = lazy(() => import('../features/survey/pages/my-grids-page').then((m) => ({ default: m.MyGridsPage })));
const WellsPage = lazy(() => import('../features/wells/pages/wells-page').then((m) => ({ default: m.WellsPage })));
const WellFilePage = lazy(() => import('../features/wells/pages/well-file-page').then((m) => ({ default: m.WellFilePage })));
const WellTagPrintPage = lazy(() => import('../features/wells/pages/well-tag-print-page').then((m) => ({ default: m.WellTagPrintPage })));
const CampaignsPage = lazy(() => import('../features/campaigns/pages/campaigns-page').then((m) => ({ default: m.CampaignsPage })));
const CampaignPage = lazy(() => import('../features/campaigns/pages/campaign-page').then((m) => ({ default: m.CampaignPage })));
const SurveyIssuesPage = lazy(() => import('../features/survey/pages/survey-issues-page').then((m) => ({ default: m.SurveyIssuesPage })));
const TipsPage = lazy(() => import('../features/tips/pages/tips-page').then((m) => ({ default: m.TipsPage })));
const TipDetailPage = lazy(() => import('../features/tips/pages/tip-detail-page').then((m) => ({ default: m.TipDetailPage })));
const TipSummaryPage = lazy(() => import('../features/tips/pages/tip-summary-page').then((m) => ({ default: m.TipSummaryPage })));
const TipsOverduePage = lazy(() => import('../features/tips/pages/tips-overdue-page').then((m) => ({ default: m.TipsOverduePage })));
const InspectionsPage = lazy(() => import('../features/inspections/pages/inspections-page').then((m) => ({ default: m.InspectionsPage })));
const InspectionNewPage = lazy(() => import('../features/inspections/pages/inspection-new-page').then((m) => ({ default: m.InspectionNewPage })));
const InspectionDetailPage = lazy(() => import('../features/inspections/pages/inspection-detail-page').then((m) => ({ default: m.InspectionDetailPage })));
const FindingsPage = lazy(() => import('../features/findings/pages/findings-page').then((m) => ({ default: m.FindingsPage })));
const FindingDetailPage = lazy(() => import('../features/findings/pages/finding-detail-page').then((m) => ({ default: m.FindingDetailPage })));
const FindingsSummaryPage = lazy(() => import('../features/findings/pages/findings-summary-page').then((m) => ({ default: m.FindingsSummaryPage })));
const ArticlesPage = lazy(() => import('../features/articles/pages/articles-page').then((m) => ({ default: m.ArticlesPage })));
const ArticleEditorPage = lazy(() => import('../features/articles/pages/article-editor-page').then((m) => ({ default: m.ArticleEditorPage })));
const BulletinsPage = lazy(() => import('../features/bulletins/pages/bulletins-page').then((m) => ({ default: m.BulletinsPage })));
const SuspectsPage = lazy(() => import('../features/suspects/pages/suspects-page').then((m) => ({ default: m.SuspectsPage })));
const SuspectChecksPage = lazy(() => import('../features/suspects/pages/suspect-checks-page').then((m) => ({ default: m.SuspectChecksPage })));
const SuspectBatchesPage = lazy(() => import('../features/suspects/pages/suspect-batches-page').then((m) => ({ default: m.SuspectBatchesPage })));
const CommandPage = lazy(() => import('../features/dashboard/pages/command-page').then((m) => ({ default: m.CommandPage })));
const MapPage = lazy(() => import('../features/map/pages/map-page').then((m) => ({ default: m.MapPage })));
const SamplesPage = lazy(() => import('../features/samples/pages/samples-page').then((m) => ({ default: m.SamplesPage })));
const SamplePage = lazy(() => import('../features/samples/pages/sample-page').then((m) => ({ default: m.SamplePage })));
const SwitchProjectsPage = lazy(() => import('../features/switch/pages/switch-projects-page').then((m) => ({ default: m.SwitchProjectsPage })));
const SwitchProjectPage = lazy(() => import('../features/switch/pages/switch-project-page').then((m) => ({ default: m.SwitchProjectPage })));
const CasesPage = lazy(() => import('../features/cases/pages/cases-page').then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import('../features/cases/pages/case-page').then((m) => ({ default: m.CasePage })));
const SmallUsersPage = lazy(() => import('../features/cases/pages/small-users-page').then((m) => ({ default: m.SmallUsersPage })));
const UtilityPage = lazy(() => import('../features/utility/pages/utility-page').then((m) => ({ default: m.UtilityPage })));
const BulletinPage = lazy(() => import('../features/bulletins/pages/bulletin-page').then((m) => ({ default: m.BulletinPage })));
const HeatPumpProjectsPage = lazy(() => import('../features/heatpump/pages/heatpump-projects-page').then((m) => ({ default: m.HeatPumpProjectsPage })));
const HeatPumpProjectPage = lazy(() => import('../features/heatpump/pages/heatpump-project-page').then((m) => ({ default: m.HeatPumpProjectPage })));
// 外业模式: its own sign-in check, which works offline from the phone's copy of the session
const FieldPage = lazy(() => import('../features/field/pages/field-page').then((m) => ({ default: m.FieldPage })));
// the public pages: no login, no shell, never /api/auth/me
const TipReportPage = lazy(() => import('../public/tip-report-page').then((m) => ({ default: m.TipReportPage })));
const TipStatusPage = lazy(() => import('../public/tip-status-page').then((m) => ({ default: m.TipStatusPage })));

function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Link to="/">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    { path: '/tip', element: <Suspense fallback={null}><TipReportPage /></Suspense> },
    { path: '/tip/status', element: <Suspense fallback={null}><TipStatusPage /></Suspense> },
    { path: '/field', element: <Suspense fallback={null}><FieldPage /></Suspense> },
    {
      // the label alone, outside the shell, for the printer
      path: '/wells/:wellId/print-tag',
      element: (
        <RequireAuth>
          <Suspense fallback={null}>
            <WellTagPrintPage />
          </Suspense>
        </RequireAuth>
      ),
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'org', element: <RequireCapability capability="org.read"><OrgPage /></RequireCapability> },
        { path: 'users', element: <RequireCapability capability="users.manage"><UsersPage /></RequireCapability> },
        { path: 'tokens', element: <RequireCapability capability="tokens.manage"><TokensPage /></RequireCapability> },
        { path: 'audit', element: <RequireCapability capability="audit.read"><AuditPage /></RequireCapability> },
        { path: 'settings/field', element: <RequireCapability capability="survey.import"><FieldSettingsPage /></RequireCapability> },
        { path: 'survey', element: <RequireCapability capability="survey.read"><SurveyProgressPage /></RequireCapability> },
        { path: 'survey/my', element: <RequireCapability capability="survey.read"><MyGridsPage /></RequireCapability> },
        { path: 'survey/issues', element: <RequireCapability capability="survey.read"><SurveyIssuesPage /></RequireCapability> },
        { path: 'survey/grids/:gridId', element: <RequireCapability capability="survey.read"><GridSurveyPage /></RequireCapability> },
        { path: 'wells', element: <RequireCapability capability="wells.read"><WellsPage /></RequireCapability> },
        { path: 'wells/:wellId', element: <RequireCapability capability="wells.read"><WellFilePage /></RequireCapability> },
        { path: 'campaigns', element: <RequireCapability capability="wells.read"><CampaignsPage /></RequireCapability> },
        { path: 'campaigns/:campaignId', element: <RequireCapability capability="wells.read"><CampaignPage /></RequireCapability> },
        { path: 'tips', element: <RequireCapability capability="tips.read"><TipsPage /></RequireCapability> },
        { path: 'tips/summary', element: <RequireCapability capability="tips.read"><TipSummaryPage /></RequireCapability> },
        { path: 'tips/overdue', element: <RequireCapability capability="tips.read"><TipsOverduePage /></RequireCapability> },
        { path: 'tips/:tipId', element: <RequireCapability capability="tips.read"><TipDetailPage /></RequireCapability> },
        { path: 'inspections', element: <RequireCapability capability="inspections.read"><InspectionsPage /></RequireCapability> },
        { path: 'inspections/new', element: <RequireCapability capability="inspections.edit"><InspectionNewPage /></RequireCapability> },
        { path: 'inspections/:inspectionId', element: <RequireCapability capability="inspections.read"><InspectionDetailPage /></RequireCapability> },
        { path: 'findings', element: <RequireCapability capability="findings.read"><FindingsPage /></RequireCapability> },
        { path: 'findings/summary', element: <RequireCapability capability="findings.read"><FindingsSummaryPage /></RequireCapability> },
        { path: 'findings/:findingId', element: <RequireCapability capability="findings.read"><FindingDetailPage /></RequireCapability> },
        { path: 'articles', element: <RequireCapability capability="articles.read"><ArticlesPage /></RequireCapability> },
        { path: 'articles/new', element: <RequireCapability capability="articles.write"><ArticleEditorPage /></RequireCapability> },
        { path: 'articles/:articleId', element: <RequireCapability capability="articles.read"><ArticleEditorPage /></RequireCapability> },
        { path: 'bulletins', element: <RequireCapability capability="bulletins.read"><BulletinsPage /></RequireCapability> },
        { path: 'bulletins/:bulletinId', element: <RequireCapability capability="bulletins.read"><BulletinPage /></RequireCapability> },
        { path: 'command', element: <RequireCapability capability="survey.read"><CommandPage /></RequireCapability> },
        { path: 'map', element: <RequireCapability capability="org.read"><MapPage /></RequireCapability> },
        { path: 'samples', element: <RequireCapability capability="samples.read"><SamplesPage /></RequireCapability> },
        { path: 'samples/:sampleId', element: <RequireCapability capability="samples.read"><SamplePage /></RequireCapability> },
        { path: 'switch', element: <RequireCapability capability="switch.read"><SwitchProjectsPage /></RequireCapability> },
        { path: 'switch/:projectId', element: <RequireCapability capability="switch.read"><SwitchProjectPage /></RequireCapability> },
        { path: 'cases', element: <RequireCapability capability="cases.read"><CasesPage /></RequireCapability> },
        { path: 'cases/:caseId', element: <RequireCapability capability="cases.read"><CasePage /></RequireCapability> },
        { path: 'small-users', element: <RequireCapability capability="cases.read"><SmallUsersPage /></RequireCapability> },
        { path: 'utility', element: <RequireCapability capability="utility.read"><UtilityPage /></RequireCapability> },
        { path: 'suspects', element: <RequireCapability capability="suspects.read"><SuspectsPage /></RequireCapability> },
        { path: 'suspects/checks', element: <RequireCapability capability="suspects.read"><SuspectChecksPage /></RequireCapability> },
        { path: 'suspects/batches', element: <RequireCapability capability="suspects.read"><SuspectBatchesPage /></RequireCapability> },
        { path: 'heatpump', element: <RequireCapability capability="heatpump.read"><HeatPumpProjectsPage /></RequireCapability> },
        { path: 'heatpump/:projectId', element: <RequireCapability capability="heatpump.read"><HeatPumpProjectPage /></RequireCapability> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
