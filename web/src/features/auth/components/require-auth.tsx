import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Capability } from '@domain/shared/roles';
import { errorMessageOf } from '../../../ui/feedback';
import { useCan, useSession } from '../hooks/use-session';
import { useLogout } from '../hooks/use-logout';
import { ChangePasswordModal } from './change-password-modal';

/** Renders its children for a signed-in user; sends everyone else to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error } = useSession();
  const location = useLocation();
  const logout = useLogout();

  if (loading) {
    return (
      <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }
  if (error) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={errorMessageOf(error)}
        extra={<Button type="primary" onClick={() => window.location.reload()}>重新加载</Button>}
      />
    );
  }
  if (!me) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return (
    <>
      {children}
      {me.mustChangePassword && <ChangePasswordModal open forced onClose={() => {}} onLogout={logout} />}
    </>
  );
}

/** A page for users holding a capability; others get a plain 无权访问. */
export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const can = useCan();
  if (!can(capability)) {
    return <Result status="403" title="无权访问" subTitle="您的账号没有访问此页面的权限，如需开通请联系上级管理员。" />;
  }
  return <>{children}</>;
}
