import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../lib/api-client';
import { showApiError } from './feedback';

export type RevealTarget = { kind: 'card' | 'case' | 'user'; id: number; field: string };

/**
 * A phone (or a contact text) as the server sends it, masked (138****1234), with a
 * “查看完整号码” action for the roles that may call the person. Each reveal is audited by the
 * server; the full value is kept only in this component's state, never in the query cache.
 */
export function MaskedValue({ value, target, canReveal, label = '查看完整号码' }: { value: string | null | undefined; target: RevealTarget; canReveal: boolean; label?: string }) {
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  if (full !== null) return <Typography.Text copyable data-testid="revealed-value">{full}</Typography.Text>;
  const reveal = async () => {
    setBusy(true);
    try {
      const res = await api.post<{ value: string | null }>('/api/personal-info/reveal', target);
      setFull(res.value ?? '');
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4} wrap>
      <span data-testid="masked-value">{value}</span>
      {canReveal && value.includes('*') && (
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          loading={busy}
          onClick={(e) => {
            e.stopPropagation(); // inside clickable table rows
            void reveal();
          }}
          title="查看完整号码（将记入操作日志）"
          data-testid="reveal-button"
          style={{ padding: 0 }}
        >
          {label}
        </Button>
      )}
    </Space>
  );
}
