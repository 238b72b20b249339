import { DownOutlined, HomeOutlined, LockOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Breadcrumb, Button, Dropdown, Grid, Layout, Menu, Spin, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '@domain/shared/roles';
import { ChangePasswordModal } from '../features/auth/components/change-password-modal';
import { useLogout } from '../features/auth/hooks/use-logout';
import { useCan, useMe } from '../features/auth/hooks/use-session';
import { BrandMark, OFFICE_NAME } from '../ui/brand';
import { activePage, isGroup, trailTo, visibleNavigation } from './navigation';

const { Sider, Header, Content, Footer } = Layout;

export function AppShell() {
  const me = useMe();
  const can = useCan();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // on a phone the menu slides over the page instead of taking a column of it
  const phone = screens.sm === false;
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const roles = useMemo(() => me.grants.map((g) => g.role), [me.grants]);
  const nav = useMemo(() => visibleNavigation({ can, roles }), [can, roles]);
  const menuItems: MenuProps['items'] = nav.map((e) =>
    isGroup(e)
      ? { key: e.key, icon: e.icon, label: e.label, children: e.children.map((p) => ({ key: p.path, icon: p.icon, label: p.label })) }
      : { key: e.path, icon: e.icon, label: e.label },
  );
  const trail = trailTo(location.pathname, nav);
  const selected = activePage(location.pathname, nav)?.page.path;
  const primary = me.grants[0];
  const roleLine = primary ? `${primary.orgName} · ${ROLE_LABELS[primary.role]}${me.grants.length > 1 ? ` 等${me.grants.length}项` : ''}` : '';

  const userMenu: MenuProps['items'] = [
    {
      key: 'grants',
      type: 'group',
      label: '角色与单位',
      children: me.grants.map((g) => ({ key: `g-${g.role}-${g.orgUnitId}`, label: `${g.orgName} · ${ROLE_LABELS[g.role]}`, disabled: true })),
    },
    { type: 'divider' },
    { key: 'password', icon: <LockOutlined />, label: '修改密码', onClick: () => setChangingPassword(true) },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true, onClick: logout },
  ];

  return (
    <Layout className="ws-shell">
      <Sider
        width={224}
        collapsedWidth={phone ? 0 : 64}
        collapsed={collapsed}
        className={`ws-sider${phone ? ' ws-sider--overlay' : ''}`}
        breakpoint="lg"
        onBreakpoint={(broken) => setCollapsed(broken)}
        trigger={null}
      >
        <Link to="/" className="ws-logo" aria-label="返回工作台">
          <BrandMark size={32} />
          {!collapsed && (
            <span className="ws-logo__text">
              <span className="ws-logo__name">自备井封停平台</span>
              <span className="ws-logo__sub">“飓风”行动</span>
            </span>
          )}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          items={menuItems}
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={['survey', 'wells', 'tips', 'inspections', 'system']}
          onClick={({ key }) => {
            navigate(key);
            if (phone) setCollapsed(true);
          }}
        />
      </Sider>
      {phone && !collapsed && <div className="ws-sider-backdrop" onClick={() => setCollapsed(true)} aria-hidden="true" />}
      <Layout>
        <Header className="ws-header">
          <Button
            type="text"
            className="ws-header__trigger"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={collapsed ? '展开菜单' : '收起菜单'}
          />
          <Typography.Text className="ws-header__office">{OFFICE_NAME}</Typography.Text>
          <Dropdown menu={{ items: userMenu }} placement="bottomRight" trigger={['click']}>
            <button type="button" className="ws-user" data-testid="user-menu">
              <Avatar size={34} icon={<UserOutlined />} className="ws-user__avatar" />
              <span className="ws-user__text">
                <span className="ws-user__name">{me.displayName}</span>
                <span className="ws-user__role">{roleLine}</span>
              </span>
              <DownOutlined className="ws-user__caret" />
            </button>
          </Dropdown>
        </Header>
        <Content className="ws-content">
          <Breadcrumb
            className="ws-breadcrumb"
            items={[
              { title: <Link to="/"><HomeOutlined /> 工作台</Link> },
              ...trail.map((t) => ({ title: t.path ? <Link to={t.path}>{t.label}</Link> : t.label })),
            ]}
          />
          <Suspense fallback={<div className="ws-page-loading"><Spin size="large" /></div>}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer className="ws-footer">{OFFICE_NAME} · 自备井封停工作平台</Footer>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
