import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import type { BulletinSummary, Series } from '../api/bulletins-api';
import { BulletinStateTag } from '../components/bulletin-tags';
import { CreateBulletinModal } from '../components/create-bulletin-modal';
import { SeriesModal } from '../components/series-modal';
import { useBulletins, useSeries } from '../hooks/use-bulletins';
import '../bulletins.css';

/** 工作简报: the issues of each series (the weekly 工作简报, each campaign's 日通报), newest first. */
export function BulletinsPage() {
  const can = useCan();
  const manager = can('bulletins.manage');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Series | null>(null);
  const series = useSeries();
  const list = series.data ?? [];
  const current = list.find((s) => s.id === Number(params.get('series'))) ?? list[0];
  const bulletins = useBulletins(current?.id);
  const rows = bulletins.data ?? [];
  const numberOf = new Map(rows.map((b) => [b.id, b.number]));

  const pick = (id: string) => {
    const p = new URLSearchParams(params);
    p.set('series', id);
    setParams(p, { replace: true });
  };

  const error = series.error ?? bulletins.error;

  return (
    <div data-testid="bulletins-page">
      <PageHeader
        title="工作简报"
        description="按期编排稿件和统计表，预览无误后印发；印发后内容冻结，可下载 Word、PDF"
        extra={
          manager && (
            <Space wrap>
              <Button icon={<EditOutlined />} disabled={!current} onClick={() => current && setEditing(current)} data-testid="bulletin-series-edit">
                编辑版头
              </Button>
              <Button type="primary" icon={<PlusOutlined />} disabled={!list.length} onClick={() => setCreating(true)} data-testid="bulletin-new">
                新建一期
              </Button>
            </Space>
          )
        }
      />
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      <Card className="ws-card" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={current ? String(current.id) : undefined}
          onChange={pick}
          items={list.map((s) => ({ key: String(s.id), label: s.name }))}
          data-testid="bulletin-series"
        />
        {current && (
          <div className="ws-bul-masthead">
            <span className="ws-bul-masthead__title">{current.title}</span>
            <Typography.Text type="secondary">{current.office}</Typography.Text>
          </div>
        )}
        <Table<BulletinSummary>
          data-testid="bulletins-table"
          rowKey="id"
          size="middle"
          loading={series.isPending || bulletins.isFetching}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 720 }}
          onRow={(b) => ({ onClick: () => navigate(`/bulletins/${b.id}`), className: 'ws-clickable-row' })}
          locale={{ emptyText: manager ? '本系列还没有简报，点“新建一期”开始编排' : '本系列还没有印发的简报' }}
          columns={[
            {
              title: '期号',
              dataIndex: 'number',
              width: 200,
              render: (n: number, b) => (
                <Space size={6}>
                  <Link to={`/bulletins/${b.id}`} onClick={(e) => e.stopPropagation()}>
                    <strong>第 {n} 期</strong>
                  </Link>
                  {b.correctsId && <Tag color="orange">更正第 {numberOf.get(b.correctsId) ?? '?'} 期</Tag>}
                </Space>
              ),
            },
            { title: '日期', dataIndex: 'issuedOn', width: 160, render: (d: string) => formatDate(d) },
            { title: '截止日期', dataIndex: 'asOf', width: 160, render: (d: string) => formatDate(d) },
            { title: '状态', dataIndex: 'state', width: 100, render: (s: BulletinSummary['state']) => <BulletinStateTag state={s} /> },
            { title: '印发人', dataIndex: 'issuedBy', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          ]}
        />
      </Card>
      {manager && <CreateBulletinModal open={creating} onClose={() => setCreating(false)} series={list} seriesId={current?.id} />}
      <SeriesModal series={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
