import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Typography } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { forgetFieldData, unsentFieldWork, type UnsentWork } from '../../field/offline/field-db';
import type { FieldStore } from '../../field/offline/field-store';
import { logout, type Me } from '../api/auth-api';
import { SESSION_KEY, useSetSession } from './use-session';

const unsentLine = (u: UnsentWork) =>
  [u.pending && `待同步 ${u.pending} 条`, u.conflicts && `冲突 ${u.conflicts} 条`, u.failed && `被拒绝 ${u.failed} 条`].filter(Boolean).join('、');

/**
 * 退出登录. A shared phone must not keep residents' data after its user leaves: the user's offline
 * field database (外业模式) is deleted. When it still holds work the server has not got, the user
 * is warned first and chooses: 先同步, 仍然退出 (that work is lost) or 取消.
 *
 * `field`: the field page passes its user (its session is not in the query cache) and its running store.
 */
export function useLogout(field?: { userId: number; store: FieldStore | null }): () => void {
  const setSession = useSetSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();

  return useCallback(() => {
    const userId = field?.userId ?? qc.getQueryData<Me | null>(SESSION_KEY)?.id ?? null;

    const leave = async () => {
      if (userId !== null) await forgetFieldData(userId).catch(() => undefined);
      // signing out locally still makes sense when the server is gone
      await logout().catch(() => undefined);
      setSession(null);
      navigate('/login', { replace: true });
    };

    const ask = async (note: string | null) => {
      const unsent = userId === null ? null : await unsentFieldWork(userId).catch(() => null);
      if (!unsent || unsent.total === 0) return leave();
      const n = unsent.total;
      const dialog = modal.confirm({
        title: `本机还有 ${n} 条外业记录未同步`,
        width: 440,
        content: (
          <div data-testid="logout-unsent">
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              外业模式中有 {unsentLine(unsent)}，尚未上传到服务器。退出登录会删除本机的外业数据（户卡、照片、封井和核查记录）。
            </Typography.Paragraph>
            {note && <Typography.Paragraph type="danger" style={{ marginBottom: 0 }}>{note}</Typography.Paragraph>}
            {unsent.conflicts + unsent.failed > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>冲突和被拒绝的记录需要在外业模式中处理后才能同步。</Typography.Paragraph>
            )}
          </div>
        ),
        footer: (
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
            <Button block type="primary" onClick={() => {
              dialog.destroy();
              void (async () => {
                const hide = message.loading('正在同步…', 0);
                try {
                  const { syncBeforeLogout } = await import('../../field/offline/field-logout');
                  const after = await syncBeforeLogout(userId!, field?.store ?? null);
                  if (after.left.total === 0) {
                    void message.success('外业记录已全部同步');
                    return leave();
                  }
                  return ask(after.message ?? `同步后仍有 ${after.left.total} 条未能上传`);
                } finally {
                  hide();
                }
              })();
            }}>先同步</Button>
            <Button block danger onClick={() => { dialog.destroy(); void leave(); }}>仍然退出（本机未同步的 {n} 条记录将被删除）</Button>
            <Button block onClick={() => dialog.destroy()}>取消</Button>
          </Space>
        ),
      });
    };

    void ask(null);
  }, [field?.userId, field?.store, qc, modal, message, setSession, navigate]);
}
