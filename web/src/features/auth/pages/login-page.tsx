import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { landingPath } from '../../../app/navigation';
import { BrandMark, OFFICE_NAME, PRODUCT_NAME } from '../../../ui/brand';
import { errorMessageOf } from '../../../ui/feedback';
import { login } from '../api/auth-api';
import { useSession, useSetSession } from '../hooks/use-session';
import './login-page.css';

type LoginForm = { username: string; password: string };

/** The page the user was sent away from, or null. */
function targetFrom(state: unknown): string | null {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string' && state.from.startsWith('/')) {
    return state.from === '/login' || state.from === '/' ? null : state.from;
  }
  return null;
}

export function LoginPage() {
  const { me } = useSession();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const location = useLocation();
  const target = targetFrom(location.state);
  const mutation = useMutation({
    mutationFn: login,
    meta: { silentErrors: true },
    onSuccess: (user) => {
      setSession(user);
      navigate(target ?? landingPath(user.grants.map((g) => g.role)), { replace: true });
    },
  });

  if (me) return <Navigate to={target ?? landingPath(me.grants.map((g) => g.role))} replace />;

  return (
    <div className="ws-login">
      <div className="ws-login__panel">
        <section className="ws-login__intro">
          <div className="ws-login__brand">
            <BrandMark size={44} />
            <div>
              <div className="ws-login__title">{PRODUCT_NAME}</div>
              <div className="ws-login__campaign">“飓风”行动 · 一井一档 · 网格化排查</div>
            </div>
          </div>
          <p className="ws-login__office">{OFFICE_NAME}</p>
          <ul className="ws-login__points">
            <li>全域网格排查，摸清自备井底数</li>
            <li>应封尽封、应管尽管，任务逐井销号</li>
            <li>南水北调水源置换，保障群众用水</li>
          </ul>
        </section>
        <section className="ws-login__card">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            用户登录
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            请使用单位分配的账号登录
          </Typography.Paragraph>
          <Form<LoginForm>
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(values) => mutation.mutate(values)}
            onValuesChange={() => mutation.isError && mutation.reset()}
          >
            {mutation.isError && (
              <Form.Item>
                <Alert type="error" showIcon title={errorMessageOf(mutation.error)} />
              </Form.Item>
            )}
            <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="用户名" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
                登 录
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" className="ws-login__hint">
            连续 5 次输错密码，账号将锁定 15 分钟。忘记密码请联系本单位管理员重置。
          </Typography.Paragraph>
        </section>
      </div>
      <footer className="ws-login__footer">{OFFICE_NAME} · Wellseal</footer>
    </div>
  );
}
