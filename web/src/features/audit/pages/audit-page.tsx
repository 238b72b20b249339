import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { PageHeader } from '../../../ui/page-header';
import type { AuditEntry, AuditFilters } from '../api/audit-api';
import { AuditDiff } from '../components/audit-diff';
import { AUDIT_ACTION_COLORS, AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../components/audit-labels';
import { useAudit } from '../hooks/use-audit';

type FilterForm = { actor?: string; q?: string; range?: [Dayjs | null, Dayjs | null] | null; entityType?: string };

function toFilters(v: FilterForm): AuditFilters {
  const f: AuditFilters = {};
  if (v.actor?.trim()) f.actor = v.actor.trim();
  if (v.q?.trim()) f.q = v.q.trim();
  if (v.entityType) f.entityType = v.entityType;
  const [from, to] = v.range ?? [];
  if (from) f.from = from.format('YYYY-MM-DD');
  if (to) f.to = to.format('YYYY-MM-DD');
  return f;
}

export function AuditPage() {
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, isFetching, refetch } = useAudit(filters, page, pageSize);

  return (
    <>
      <PageHeader title="操作日志" description="平台上的每一次写操作和登录都有记录：谁、何时、做了什么、修改前后的内容。日志不可修改。" />
      <Card className="ws-card">
        <Form<FilterForm>
          form={form}
          layout="inline"
          className="ws-filter-bar"
          onFinish={(v) => {
            setFilters(toFilters(v));
            setPage(1);
          }}
        >
          <Form.Item name="actor" label="操作人">
            <Input allowClear placeholder="姓名" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="q" label="关键词">
            <Input allowClear placeholder="摘要中的文字" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="entityType" label="对象">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 130 }}
              options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                  setPage(1);
                }}
              >
                重置
              </Button>
              <Button icon={<ReloadOutlined />} onClick={() => void refetch()} aria-label="刷新" />
            </Space>
          </Form.Item>
        </Form>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          style={{ marginTop: 16 }}
          loading={isFetching}
          dataSource={data?.entries ?? []}
          expandable={{
            expandedRowRender: (entry) => <AuditDiff entry={entry} />,
            rowExpandable: () => true,
          }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => `共 ${n} 条`,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
          scroll={{ x: 900 }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
            { title: '操作人', dataIndex: 'actorName', width: 180 },
            {
              title: '操作',
              dataIndex: 'action',
              width: 100,
              render: (a: string) => <Tag color={AUDIT_ACTION_COLORS[a] ?? 'default'}>{AUDIT_ACTION_LABELS[a] ?? a}</Tag>,
            },
            { title: '对象', dataIndex: 'entityType', width: 110, render: (t: string) => AUDIT_ENTITY_LABELS[t] ?? t },
            { title: '摘要', dataIndex: 'summary', render: (s: string) => <Typography.Text>{s}</Typography.Text> },
          ]}
        />
      </Card>
    </>
  );
}
