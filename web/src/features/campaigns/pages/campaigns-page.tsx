import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import type { Campaign } from '../api/campaigns-api';
import { CreateCampaignModal } from '../components/create-campaign-modal';
import { useCampaigns } from '../hooks/use-campaigns';
import { officeToday } from '../../../lib/office-clock';

function PhaseTag({ c, today }: { c: Campaign; today: string }) {
  if (today < c.startsOn) return <Tag>未开始</Tag>;
  if (today > c.endsOn) return <Tag color="default">已截止</Tag>;
  return <Tag color="processing">进行中</Tag>;
}

/** 封停任务: the dated target lists (决战六月 …) with how many of their wells are done today. */
export function CampaignsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { data, isPending, error } = useCampaigns();
  const today = officeToday();

  return (
    <>
      <PageHeader
        title="封停任务"
        description="按批次下达的应封停、应纳管目标清单；完成情况由井的处置步骤自动统计，可按任一日期生成日通报"
        extra={
          can('campaigns.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建任务
            </Button>
          )
        }
      />
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      <Card className="ws-card">
        <Table<Campaign>
          data-testid="campaigns"
          rowKey="id"
          size="middle"
          loading={isPending}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 860 }}
          onRow={(c) => ({ onClick: () => navigate(`/campaigns/${c.id}`), className: 'ws-clickable-row' })}
          locale={{ emptyText: '还没有封停任务' }}
          columns={[
            {
              title: '任务',
              dataIndex: 'name',
              render: (n: string, c) => (
                <div>
                  <Link to={`/campaigns/${c.id}`} onClick={(e) => e.stopPropagation()}>
                    <strong>{n}</strong>
                  </Link>
                  <div className="ws-card-name__addr">{c.title}</div>
                </div>
              ),
            },
            { title: '起止日期', key: 'range', width: 250, render: (_, c) => `${formatDate(c.startsOn)} 至 ${formatDate(c.endsOn)}` },
            { title: '状态', key: 'phase', width: 90, render: (_, c) => <PhaseTag c={c} today={today} /> },
            { title: '任务数', dataIndex: 'tasks', width: 90, align: 'right', render: (n: number) => `${n} 眼` },
            { title: '已完成', dataIndex: 'done', width: 90, align: 'right', render: (n: number) => `${n} 眼` },
            {
              title: '完成进度',
              key: 'progress',
              width: 180,
              render: (_, c) => (
                <Progress percent={c.tasks ? Math.floor((c.done / c.tasks) * 100) : 0} size="small" strokeColor={c.tasks && c.done === c.tasks ? '#389e0d' : '#1a5fb4'} />
              ),
            },
          ]}
        />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          完成数按今天统计；点开任务可查看任一日期的日通报和分辖区任务清单。
        </Typography.Text>
      </Card>
      <CreateCampaignModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
