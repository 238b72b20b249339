import { ApartmentOutlined, AuditOutlined, DashboardOutlined, KeyOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Capability } from '@domain/shared/roles';

export type NavPage = { path: string; label: string; icon: ReactNode; capability?: Capability };
export type NavGroup = { key: string; label: string; icon: ReactNode; children: NavPage[] };
export type NavEntry = NavPage | NavGroup;

/** The side menu; each page shows only to users holding its capability. */
export const NAVIGATION: NavEntry[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/org', label: '组织机构', icon: <ApartmentOutlined />, capability: 'org.read' },
  {
    key: 'system',
    label: '系统管理',
    icon: <SettingOutlined />,
    children: [
      { path: '/users', label: '用户管理', icon: <TeamOutlined />, capability: 'users.manage' },
      { path: '/tokens', label: '接口令牌', icon: <KeyOutlined />, capability: 'tokens.manage' },
      { path: '/audit', label: '操作日志', icon: <AuditOutlined />, capability: 'audit.read' },
    ],
  },
];

export const isGroup = (e: NavEntry): e is NavGroup => 'children' in e;

/** The menu a user sees: pages they may open, groups that still have a page. */
export function visibleNavigation(can: (c: Capability) => boolean): NavEntry[] {
  return NAVIGATION.flatMap((e): NavEntry[] => {
    if (isGroup(e)) {
      const children = e.children.filter((p) => !p.capability || can(p.capability));
      return children.length ? [{ ...e, children }] : [];
    }
    return !e.capability || can(e.capability) ? [e] : [];
  });
}

/** The trail to a path: [group?, page]. */
export function trailTo(pathname: string): { label: string; path?: string }[] {
  for (const e of NAVIGATION) {
    if (isGroup(e)) {
      const page = e.children.find((p) => pathname.startsWith(p.path));
      if (page) return [{ label: e.label }, { label: page.label, path: page.path }];
    } else if (e.path !== '/' && pathname.startsWith(e.path)) {
      return [{ label: e.label, path: e.path }];
    }
  }
  return [];
}
