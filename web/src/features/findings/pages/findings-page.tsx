import { DownloadOutlined, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { FINDING_STATE_LABELS, FINDING_STATES, type FindingState } from '@domain/inspection/finding';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan, useMe } from '../../auth/hooks/use-session';
import { FINDINGS_EXPORT_URL, type Finding } from '../api/findings-api';
import { FindingCategoryTag, FindingOverdueTag, FindingStateTag } from '../components/finding-tags';
import { FindingsBoard } from '../components/findings-board';
import { FindingsImportModal } from '../components/findings-import-modal';
import { RaiseFindingModal } from '../components/raise-finding-modal';
import { VocabularyModal } from '../components/vocabulary-modal';
import { useFindingCategories } from '../hooks/use-finding-categories';
import { useFindings, useFindingsBoard } from '../hooks/use-findings';
import '../findings.css';

const PAGE_SIZES = [20, 50, 100];
const isState = (s: string | null): s is FindingState => (FINDING_STATES as readonly string[]).includes(s ?? '');

/** 问题整改: findings raised on inspections, district by district, and where each stands in its rectification. */
export function FindingsPage() {
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [raising, setRaising] = useState(false);
  const [editingWords, setEditingWords] = useState(false);
  // the lists are the city office's to keep
  const cityOffice = can('findings.verify') && me.grants.some((g) => g.role === 'city');
  const [importing, setImporting] = useState(false);
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : undefined;
  const districtId = Number(params.get('district')) || undefined;
  const category = params.get('category') || undefined;
  const overdue = params.get('overdue') === 'true';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const filter = { ...(state ? { state } : {}), ...(districtId ? { districtId } : {}), ...(category ? { category } : {}), ...(overdue ? { overdue } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useFindings({ ...filter, page, pageSize });
  const board = useFindingsBoard();
  const categories = useFindingCategories();
  const districts = board.data?.districts ?? [];

  /** Changes filters; any change but the page goes back to page 1. */
  const update = (next: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1)) p.delete(k);
      else p.set(k, String(v));
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };

  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="问题整改"
        description="督导发现的问题交责任单位整改：待整改 → 整改中 → 已提交 → 核验销号，超过整改期限未提交的标红"
        extra={
          <Space wrap>
            {cityOffice && (
              <Button icon={<SettingOutlined />} onClick={() => setEditingWords(true)} data-testid="findings-vocabulary">
                类别与方法
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={FINDINGS_EXPORT_URL} download data-testid="findings-export">
              导出
            </Button>
            {can('findings.raise') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="findings-import">
                导入
              </Button>
            )}
            {can('findings.raise') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="finding-raise">
                登记问题
              </Button>
            )}
          </Space>
        }
      />
      {board.error && <Alert type="error" showIcon title={errorMessageOf(board.error)} style={{ marginBottom: 16 }} />}
      <FindingsBoard board={board.data} selected={districtId} onSelect={(id) => update({ district: id })} />
      <Card className="ws-card">
        <div className="ws-card-toolbar">
          <div className="ws-card-toolbar__filters ws-fd-filters">
            <Input.Search
              allowClear
              placeholder="问题描述或地点"
              className="ws-card-toolbar__search"
              defaultValue={q}
              onSearch={(v) => update({ q: v.trim() })}
              onChange={(e) => !e.target.value && q && update({ q: undefined })}
              data-testid="findings-search"
            />
            {districts.length > 1 && (
              <Select<number>
                allowClear
                placeholder="全部区"
                className="ws-fd-filters__select"
                value={districtId}
                onChange={(v) => update({ district: v })}
                options={districts.map((d) => ({ value: d.districtId, label: d.district }))}
                data-testid="findings-district"
              />
            )}
            <Select<FindingState>
              allowClear
              placeholder="全部状态"
              className="ws-fd-filters__select"
              value={state}
              onChange={(v) => update({ state: v })}
              options={FINDING_STATES.map((s) => ({ value: s, label: FINDING_STATE_LABELS[s] }))}
              data-testid="findings-state"
            />
            <Select<string>
              allowClear
              placeholder="全部类别"
              className="ws-fd-filters__select"
              value={category}
              onChange={(v) => update({ category: v })}
              options={categories}
              data-testid="findings-category"
            />
            <label className="ws-fd-filters__switch">
              <Switch size="small" checked={overdue} onChange={(on) => update({ overdue: on ? 'true' : undefined })} data-testid="findings-overdue-only" />
              只看逾期
            </label>
          </div>
          <Typography.Text type="secondary">{data ? `共 ${data.total.toLocaleString('zh-CN')} 个` : ''}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} />}
        <Table<Finding>
          data-testid="findings-table"
          size="middle"
          rowKey="id"
          loading={isFetching}
          dataSource={data?.findings ?? []}
          scroll={{ x: 1000 }}
          onRow={(f) => ({ onClick: () => navigate(`/findings/${f.id}`), className: `ws-clickable-row${f.overdue ? ' ws-fd-row--overdue' : ''}` })}
          locale={{ emptyText: filtered ? '没有符合条件的问题' : '还没有登记问题' }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 个`,
            onChange: (p, size) => update(size !== pageSize ? { size, page: undefined } : { page: p }),
          }}
          columns={[
            { title: '发现日期', dataIndex: 'foundOn', width: 130, render: (d: string) => <span className="ws-nowrap">{formatDate(d)}</span> },
            {
              title: '区 / 地点',
              dataIndex: 'district',
              width: 200,
              render: (d: string, f) => (
                <div>
                  <div>{d}</div>
                  {f.place.length > 1 && <div className="ws-card-name__addr">{f.place.slice(1).join(' / ')}</div>}
                </div>
              ),
            },
            { title: '类别', dataIndex: 'category', width: 120, render: (c: string, f) => <FindingCategoryTag category={c} label={f.categoryLabel} /> },
            {
              title: '问题描述',
              dataIndex: 'description',
              render: (text: string, f) => (
                <div className="ws-fd-desc">
                  <Link to={`/findings/${f.id}`} onClick={(e) => e.stopPropagation()}>
                    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ marginBottom: 0, color: 'inherit' }}>
                      {text}
                    </Typography.Paragraph>
                  </Link>
                </div>
              ),
            },
            {
              title: '整改期限',
              dataIndex: 'deadline',
              width: 130,
              render: (d: string | null, f) =>
                d ? <span className={f.overdue ? 'ws-fd-deadline ws-fd-deadline--overdue' : 'ws-fd-deadline'}>{formatDate(d)}</span> : <Typography.Text type="secondary">—</Typography.Text>,
            },
            {
              title: '状态',
              dataIndex: 'state',
              width: 150,
              render: (s: FindingState, f) => (
                <Space size={4} wrap>
                  <FindingStateTag state={s} />
                  <FindingOverdueTag overdue={f.overdue} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RaiseFindingModal open={raising} onClose={() => setRaising(false)} />
      <FindingsImportModal open={importing} onClose={() => setImporting(false)} />
      <VocabularyModal open={editingWords} onClose={() => setEditingWords(false)} />
    </>
  );
}
