import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Result, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import type { TipState } from '@domain/tip/workflow';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import type { Tip } from '../api/tips-api';
import { TipStateTag } from '../components/tip-tags';
import { useOverdueTips } from '../hooks/use-tips';
import '../tips.css';
import { officeToday } from '../../../lib/office-clock';

const daysLate = (deadline: string | null, asOf: string) => (deadline ? dayjs(asOf).diff(dayjs(deadline), 'day') : 0);

/** 逾期线索: tips past their handling deadline and not yet closed, district by district. */
export function TipsOverduePage() {
  const { data, isPending, error } = useOverdueTips();
  const navigate = useNavigate();
  const districts = (data?.districts ?? []).filter((d) => d.overdue > 0);
  const total = districts.reduce((n, d) => n + d.overdue, 0);

  return (
    <>
      <PageHeader
        title="逾期线索"
        description="交办后超过办理期限仍未办结的线索，按区列出，请督促属地尽快核查办结"
        extra={data && <Typography.Text type="secondary">截至 {formatDate(data.asOf)}，共逾期 {total} 件</Typography.Text>}
      />
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      {isPending ? (
        <Card className="ws-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : data && total === 0 ? (
        <Card className="ws-card">
          <Result icon={<CheckCircleOutlined style={{ color: '#389e0d' }} />} title="没有逾期线索" subTitle="目前没有超过办理期限仍未办结的线索。" />
        </Card>
      ) : (
        <>
          <Card className="ws-card" styles={{ body: { padding: '12px 20px' } }} style={{ marginBottom: 16 }}>
            <Space wrap size={[24, 8]} data-testid="tips-overdue-summary">
              {(data?.districts ?? []).map((d) => (
                <Space key={d.district} size={6}>
                  <Typography.Text>{d.district}</Typography.Text>
                  <Badge count={d.overdue} showZero overflowCount={9999} color={d.overdue ? '#cf1322' : '#52c41a'} />
                </Space>
              ))}
            </Space>
          </Card>
          {districts.map((d) => (
            <Card
              key={d.district}
              className="ws-card"
              style={{ marginBottom: 16 }}
              title={
                <Space size={8}>
                  {d.district}
                  <Typography.Text type="danger" style={{ fontWeight: 400 }}>
                    逾期 {d.overdue} 件
                  </Typography.Text>
                </Space>
              }
              data-testid={`tips-overdue-${d.district}`}
            >
              <Table<Tip>
                size="small"
                rowKey="id"
                dataSource={d.tips}
                pagination={d.tips.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
                onRow={(t) => ({ onClick: () => navigate(`/tips/${t.id}`), className: 'ws-clickable-row' })}
                scroll={{ x: 900 }}
                columns={[
                  {
                    title: '编号',
                    dataIndex: 'code',
                    width: 170,
                    render: (code: string, t) => (
                      <Link to={`/tips/${t.id}`} className="ws-tip-code" onClick={(e) => e.stopPropagation()}>
                        {code}
                      </Link>
                    ),
                  },
                  { title: '交办日期', dataIndex: 'assignedOn', width: 130, render: (v: string | null) => formatDate(v) },
                  { title: '办理期限', dataIndex: 'deadline', width: 130, render: (v: string | null) => formatDate(v) },
                  {
                    title: '逾期',
                    dataIndex: 'deadline',
                    key: 'late',
                    width: 90,
                    render: (v: string | null) => <span className="ws-tip-deadline--overdue">{daysLate(v, data?.asOf ?? officeToday())} 天</span>,
                  },
                  { title: '状态', dataIndex: 'state', width: 100, render: (s: TipState) => <TipStateTag state={s} /> },
                  {
                    title: '举报内容',
                    dataIndex: 'content',
                    render: (c: string, t) => (
                      <div className="ws-tip-excerpt">
                        <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ marginBottom: 0 }}>
                          {c}
                        </Typography.Paragraph>
                        {t.place.length > 1 && <div className="ws-card-name__addr">{t.place.slice(1).join(' / ')}</div>}
                      </div>
                    ),
                  },
                ]}
              />
            </Card>
          ))}
        </>
      )}
    </>
  );
}
