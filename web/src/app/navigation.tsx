import {
  AccountBookOutlined,
  MobileOutlined,
  AlertOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  ThunderboltOutlined,
  ApartmentOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  LineChartOutlined,
  RiseOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  KeyOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  BookOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Capability, Role } from '@domain/shared/roles';

export type NavPage = {
  path: string;
  label: string;
  icon: ReactNode;
  capability?: Capability;
  /** shown only to users holding one of these roles (a page made for one kind of user) */
  roles?: readonly Role[];
};
export type NavGroup = { key: string; label: string; icon: ReactNode; children: NavPage[] };
export type NavEntry = NavPage | NavGroup;

/** The side menu; each page shows only to users holding its capability. */
export const NAVIGATION: NavEntry[] = [
  // a grid worker's day starts at their grids, so the item heads their menu
  { path: '/survey/my', label: '我的网格', icon: <AppstoreOutlined />, capability: 'survey.edit', roles: ['grid'] },
  // the offline phone app (installable); street offices collect cards and record sealing in the field too, district offices their inspections
  { path: '/field', label: '外业模式', icon: <MobileOutlined />, capability: 'survey.edit', roles: ['grid', 'street', 'district'] },
  { path: '/', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/map', label: '地图', icon: <EnvironmentOutlined />, capability: 'org.read', roles: ['city', 'district', 'street', 'leader', 'enforcement'] },
  { path: '/command', label: '指挥看板', icon: <FundProjectionScreenOutlined />, capability: 'survey.read', roles: ['city', 'district', 'leader'] },
  {
    key: 'survey',
    label: '网格排查',
    icon: <SearchOutlined />,
    children: [
      { path: '/survey', label: '排查进度', icon: <BarChartOutlined />, capability: 'survey.read' },
      { path: '/survey/issues', label: '问题清单', icon: <WarningOutlined />, capability: 'survey.read' },
    ],
  },
  {
    key: 'wells',
    label: '自备井',
    icon: <EnvironmentOutlined />,
    children: [
      { path: '/wells', label: '井档案', icon: <FileTextOutlined />, capability: 'wells.read' },
      { path: '/campaigns', label: '封停任务', icon: <FlagOutlined />, capability: 'wells.read' },
    ],
  },
  {
    key: 'tips',
    label: '举报线索',
    icon: <NotificationOutlined />,
    children: [
      { path: '/tips', label: '线索列表', icon: <OrderedListOutlined />, capability: 'tips.read' },
      { path: '/tips/summary', label: '办理情况表', icon: <TableOutlined />, capability: 'tips.read' },
      { path: '/tips/overdue', label: '逾期线索', icon: <FieldTimeOutlined />, capability: 'tips.read' },
    ],
  },
  {
    key: 'inspections',
    label: '督导问题',
    icon: <SafetyCertificateOutlined />,
    children: [
      { path: '/inspections', label: '督导核查', icon: <FileSearchOutlined />, capability: 'inspections.read' },
      { path: '/findings', label: '问题整改', icon: <FileDoneOutlined />, capability: 'findings.read' },
      // written per city or district office: a street office has no summary of its own
      { path: '/findings/summary', label: '一周问题汇总', icon: <ProfileOutlined />, capability: 'findings.read', roles: ['city', 'district', 'leader'] },
    ],
  },
  {
    key: 'suspects',
    label: '用水分析',
    icon: <LineChartOutlined />,
    children: [
      { path: '/utility', label: '水务数据', icon: <CloudUploadOutlined />, capability: 'utility.read' },
      { path: '/suspects', label: '疑似双水源', icon: <AlertOutlined />, capability: 'suspects.read' },
      { path: '/suspects/checks', label: '核查任务', icon: <CarryOutOutlined />, capability: 'suspects.read' },
      { path: '/suspects/batches', label: '核查成效', icon: <RiseOutlined />, capability: 'suspects.read' },
    ],
  },
  {
    key: 'oversight',
    label: '监管执法',
    icon: <SafetyOutlined />,
    children: [
      { path: '/heatpump', label: '地温空调', icon: <ThunderboltOutlined />, capability: 'heatpump.read' },
      { path: '/samples', label: '水样化验', icon: <ExperimentOutlined />, capability: 'samples.read' },
      { path: '/switch', label: '水源置换', icon: <NodeIndexOutlined />, capability: 'switch.read' },
      { path: '/cases', label: '执法案件', icon: <FileProtectOutlined />, capability: 'cases.read' },
      { path: '/small-users', label: '小用水户', icon: <AccountBookOutlined />, capability: 'cases.read' },
    ],
  },
  { path: '/articles', label: '工作动态', icon: <ReadOutlined />, capability: 'articles.read' },
  { path: '/bulletins', label: '工作简报', icon: <BookOutlined />, capability: 'bulletins.read' },
  { path: '/org', label: '组织机构', icon: <ApartmentOutlined />, capability: 'org.read' },
  {
    key: 'system',
    label: '系统管理',
    icon: <SettingOutlined />,
    children: [
      { path: '/users', label: '用户管理', icon: <TeamOutlined />, capability: 'users.manage' },
      { path: '/tokens', label: '接口令牌', icon: <KeyOutlined />, capability: 'tokens.manage' },
      { path: '/audit', label: '操作日志', icon: <AuditOutlined />, capability: 'audit.read' },
      { path: '/settings/field', label: '外业设置', icon: <MobileOutlined />, capability: 'survey.import', roles: ['city'] },
    ],
  },
];

export const isGroup = (e: NavEntry): e is NavGroup => 'children' in e;

export type NavUser = { can: (c: Capability) => boolean; roles: readonly Role[] };

function visible(p: NavPage, user: NavUser): boolean {
  return (!p.capability || user.can(p.capability)) && (!p.roles || p.roles.some((r) => user.roles.includes(r)));
}

/** The menu a user sees: pages they may open, groups that still have a page. */
export function visibleNavigation(user: NavUser): NavEntry[] {
  return NAVIGATION.flatMap((e): NavEntry[] => {
    if (isGroup(e)) {
      const children = e.children.filter((p) => visible(p, user));
      return children.length ? [{ ...e, children }] : [];
    }
    return visible(e, user) ? [e] : [];
  });
}

const within = (pathname: string, path: string) => pathname === path || pathname.startsWith(path.endsWith('/') ? path : `${path}/`);

/** The menu page a path belongs to: the longest page path it lies under (/survey/grids/7 → /survey). */
export function activePage(pathname: string, entries: NavEntry[] = NAVIGATION): { page: NavPage; group?: NavGroup } | null {
  let best: { page: NavPage; group?: NavGroup } | null = null;
  const consider = (page: NavPage, group?: NavGroup) => {
    if (page.path === '/' ? pathname === '/' : within(pathname, page.path)) {
      if (!best || page.path.length > best.page.path.length) best = group ? { page, group } : { page };
    }
  };
  for (const e of entries) {
    if (isGroup(e)) e.children.forEach((p) => consider(p, e));
    else consider(e);
  }
  return best;
}

/** The trail to a path: [group?, page]. */
export function trailTo(pathname: string, entries: NavEntry[] = NAVIGATION): { label: string; path?: string }[] {
  const hit = activePage(pathname, entries);
  if (!hit || hit.page.path === '/') return [];
  return [...(hit.group ? [{ label: hit.group.label }] : []), { label: hit.page.label, path: hit.page.path }];
}

/** Where a user lands after signing in: grid workers go straight to their grids. */
export function landingPath(roles: readonly Role[]): string {
  return roles.length > 0 && roles.every((r) => r === 'grid') ? '/survey/my' : '/';
}
