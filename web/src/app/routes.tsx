import { Button, Result } from 'antd';
import { lazy } from 'react';
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
const SurveyProgressPage = lazy(() => import('../features/survey/pages/survey-progress-page').then((m) => ({ default: m.SurveyProgressPage })));
const GridSurveyPage = lazy(() => import('../features/survey/pages/grid-survey-page').then((m) => ({ default: m.GridSurveyPage })));
const MyGridsPage = lazy(() => import('../features/survey/pages/my-grids-page').then((m) => ({ default: m.MyGridsPage })));
const SurveyIssuesPage = lazy(() => import('../features/survey/pages/survey-issues-page').then((m) => ({ default: m.SurveyIssuesPage })));

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
        { path: 'survey', element: <RequireCapability capability="survey.read"><SurveyProgressPage /></RequireCapability> },
        { path: 'survey/my', element: <RequireCapability capability="survey.read"><MyGridsPage /></RequireCapability> },
        { path: 'survey/issues', element: <RequireCapability capability="survey.read"><SurveyIssuesPage /></RequireCapability> },
        { path: 'survey/grids/:gridId', element: <RequireCapability capability="survey.read"><GridSurveyPage /></RequireCapability> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
