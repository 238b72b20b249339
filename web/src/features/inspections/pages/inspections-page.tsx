import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type InspectionKind } from '@domain/inspection/inspection';
import { formatDate } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import type { Inspection } from '../api/inspections-api';
import { InspectionKindTag } from '../components/inspection-tags';
import { useInspections } from '../hooks/use-inspections';
import '../inspections.css';

const DAY = 'YYYY-MM-DD';
const isDay = (s: string | null): s is string => !!s && dayjs(s, DAY, true).isValid();

function Count({ n, unit }: { n: number; unit: string }) {
  return <span className={n ? 'ws-insp-count' : 'ws-insp-count ws-insp-count--none'}>{n ? `${n} ${unit}` : '—'}</span>;
}

/** 督导核查: the offices' field visits and meetings, newest first, with what each found. */
export function InspectionsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const list = useListParams();
  const { params, q, page, pageSize, update } = list;
  const kind = list.oneOf('kind', INSPECTION_KINDS);
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const from = isDay(fromParam) ? fromParam : undefined;
  const to = isDay(toParam) ? toParam : undefined;
  const filter = { ...(kind ? { kind } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useInspections({ ...filter, page, pageSize });

  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="督导核查"
        description="各级封停办的现场核查、暗访、调研督导、联合执法和会议记录，以及现场发现的自备井和问题"
        extra={
          can('inspections.edit') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inspections/new')} data-testid="inspection-new">
              新建督导记录
            </Button>
          )
        }
      />
      <Card className="ws-card">
        <ListToolbar className="ws-insp-filters" total={data?.total} unit="条">
          <ListSearch list={list} placeholder="标题、带队领导或情况" data-testid="inspections-search" />
          <DatePicker.RangePicker
            className="ws-insp-filters__range"
            format="YYYY年M月D日"
            inputReadOnly
            placeholder={['开始日期', '结束日期']}
            value={[from ? dayjs(from, DAY) : null, to ? dayjs(to, DAY) : null]}
            onChange={(range) => {
              const [a, b] = (range ?? [null, null]) as [Dayjs | null, Dayjs | null];
              update({ from: a ? a.format(DAY) : undefined, to: b ? b.format(DAY) : undefined });
            }}
            allowEmpty={[true, true]}
            data-testid="inspections-range"
          />
          <Select<InspectionKind>
            allowClear
            placeholder="全部类型"
            className="ws-insp-filters__kind"
            value={kind}
            onChange={(v) => update({ kind: v })}
            options={INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }))}
            data-testid="inspections-kind"
          />
        </ListToolbar>
        <PagedTable<Inspection>
          data-testid="inspections-table"
          list={list}
          total={data?.total}
          unit="条"
          error={error}
          loading={isFetching}
          dataSource={data?.inspections ?? []}
          scroll={{ x: 960 }}
          rowLink={(r) => `/inspections/${r.id}`}
          locale={{ emptyText: filtered ? '没有符合条件的督导记录' : '还没有督导记录' }}
          columns={[
            { title: '日期', dataIndex: 'onDate', width: 130, render: (d: string) => <span className="ws-nowrap">{formatDate(d)}</span> },
            { title: '类型', dataIndex: 'kind', width: 100, render: (k: InspectionKind) => <InspectionKindTag kind={k} /> },
            {
              title: '标题',
              dataIndex: 'title',
              render: (t: string, r) => (
                <div className="ws-insp-title">
                  <Link to={`/inspections/${r.id}`} onClick={(e) => e.stopPropagation()}>
                    {t}
                  </Link>
                  {r.leadersLine && <div className="ws-insp-title__leaders">带队：{r.leadersLine}</div>}
                </div>
              ),
            },
            {
              title: '区域',
              dataIndex: 'area',
              width: 200,
              render: (a: string[], r) => <span className="ws-well-place">{a.length ? a.join(' / ') : '全市'}{r.office ? <div className="ws-card-name__addr">{r.office}</div> : null}</span>,
            },
            { title: '发现井', dataIndex: 'wellsFound', width: 90, align: 'center', render: (n: number) => <Count n={n} unit="眼" /> },
            { title: '提出问题', dataIndex: 'findingsRaised', width: 100, align: 'center', render: (n: number) => <Count n={n} unit="个" /> },
          ]}
        />
      </Card>
    </>
  );
}
