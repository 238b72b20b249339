import { Col, Descriptions, Row, Typography } from 'antd';
import type { AuditEntry } from '../api/audit-api';

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const empty = value === null || value === undefined;
  return (
    <div className="ws-json">
      <div className="ws-json__title">{title}</div>
      {empty ? (
        <Typography.Text type="secondary">（无）</Typography.Text>
      ) : (
        <pre className="ws-json__body">{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

/** An audit entry's before/after side by side, with the request it came from. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  return (
    <div className="ws-audit-diff">
      <Descriptions
        size="small"
        column={3}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'id', label: '记录编号', children: entry.id },
          { key: 'entity', label: '对象编号', children: entry.entityId ?? '—' },
          { key: 'req', label: '请求编号', children: entry.requestId ? <Typography.Text copyable code>{entry.requestId}</Typography.Text> : '—' },
        ]}
      />
      <Row gutter={12}>
        <Col span={12}>
          <JsonBlock title="修改前" value={entry.before} />
        </Col>
        <Col span={12}>
          <JsonBlock title="修改后" value={entry.after} />
        </Col>
      </Row>
    </div>
  );
}
