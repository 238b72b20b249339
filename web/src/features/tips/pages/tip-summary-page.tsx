import { DownloadOutlined, DownOutlined, FileExcelOutlined, FileMarkdownOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Dropdown, Space, Table, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { tipSummaryExportUrl, type TipSummaryRow } from '../api/tips-api';
import { useTipSummary } from '../hooks/use-tips';
import '../tips.css';
import { isAfterToday, officeToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const TITLE = '中心城区自备井专项整治“飓风”行动举报线索办理情况表';
type Row = TipSummaryRow & { key: string; isTotal?: boolean };

/** Quick cut-off days: the weekly bulletin is cut off on Fridays (第12期: 2024年1月12日). */
function quickDays(): { label: string; day: string }[] {
  const today = todayValue();
  const lastFriday = today.subtract((today.day() + 2) % 7 || 7, 'day');
  return [
    { label: '今天', day: today.format(DAY) },
    { label: '上周五', day: lastFriday.format(DAY) },
    { label: '上月末', day: today.startOf('month').subtract(1, 'day').format(DAY) },
  ];
}

/** 举报线索办理情况表: the bulletin's table, computed from the tips as of a cut-off day. */
export function TipSummaryPage() {
  const [params, setParams] = useSearchParams();
  const today = officeToday();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && dayjs(asOfParam, DAY, true).isValid() ? asOfParam : today;
  const { data, isFetching, error } = useTipSummary(asOf);

  const setAsOf = (day: string) => {
    const p = new URLSearchParams(params);
    if (day === today) p.delete('asOf');
    else p.set('asOf', day);
    setParams(p, { replace: true });
  };

  const rows: Row[] = data ? [{ key: 'total', isTotal: true, district: '合计', ...data.total }, ...data.rows.map((r) => ({ ...r, key: r.district }))] : [];

  return (
    <>
      <PageHeader
        title="办理情况表"
        description="按截止日期统计各区举报线索的受理、交办、办结和查实情况，与工作简报中的表格一致"
        extra={
          <Dropdown
            menu={{
              items: [
                { key: 'xlsx', icon: <FileExcelOutlined />, label: <a href={tipSummaryExportUrl(asOf, 'xlsx')} download>Excel 表格（.xlsx）</a> },
                { key: 'md', icon: <FileMarkdownOutlined />, label: <a href={tipSummaryExportUrl(asOf, 'md')} download>Markdown（.md）</a> },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="tip-summary-export">
              导出 <DownOutlined />
            </Button>
          </Dropdown>
        }
      />
      <Card className="ws-card" styles={{ body: { padding: '14px 20px' } }} style={{ marginBottom: 16 }}>
        <Space wrap size={[8, 8]}>
          <Typography.Text strong>截止日期</Typography.Text>
          <DatePicker
            allowClear={false}
            value={dayjs(asOf, DAY)}
            disabledDate={(d: Dayjs) => isAfterToday(d)}
            onChange={(d) => d && setAsOf(d.format(DAY))}
            format="YYYY年M月D日"
            style={{ width: 160 }}
            data-testid="tip-summary-asof"
          />
          {quickDays().map((q) => (
            <Button key={q.label} size="small" type={q.day === asOf ? 'primary' : 'default'} ghost={q.day === asOf} onClick={() => setAsOf(q.day)}>
              {q.label}
            </Button>
          ))}
        </Space>
      </Card>

      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}

      <Card className="ws-card">
        <div className="ws-tip-sheet">
          <div className="ws-tip-sheet__title">{TITLE}</div>
          <div className="ws-tip-sheet__date">截止日期：{formatDate(data?.asOf ?? asOf)}</div>
          <Table<Row>
            data-testid="tip-summary"
            className="ws-tip-sheet__table"
            size="middle"
            bordered
            loading={isFetching}
            dataSource={rows}
            pagination={false}
            rowClassName={(r) => (r.isTotal ? 'ws-tip-sheet__total' : '')}
            scroll={{ x: 640 }}
            columns={[
              { title: '区域 \\ 类别', dataIndex: 'district', className: 'ws-nowrap', render: (d: string, r) => (r.isTotal ? <strong>{d}</strong> : d) },
              { title: '受理（件）', dataIndex: 'received', align: 'center', width: 120 },
              { title: '交办（件）', dataIndex: 'assigned', align: 'center', width: 120 },
              { title: '办结（件）', dataIndex: 'closed', align: 'center', width: 120 },
              { title: '办结率', dataIndex: 'closureRate', align: 'center', width: 110 },
              { title: '有效（件）', dataIndex: 'substantiated', align: 'center', width: 120 },
            ]}
          />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            受理：截止日期前收到的线索（合计含尚未交办的）；交办：已交办到区；办结：已办结答复；办结率 = 办结 ÷ 交办；有效：经核查属实。
          </Typography.Text>
        </div>
      </Card>
    </>
  );
}
