import { DownloadOutlined, DownOutlined, ExclamationCircleOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Dropdown, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { TIP_STATE_LABELS, TIP_STATES, type TipState } from '@domain/tip/workflow';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import { tipsExportUrl, type Tip, type TipResult } from '../api/tips-api';
import { TipRegisterModal } from '../components/tip-register-modal';
import { ChannelTag, OverdueTag, TipResultTag, TipStateTag } from '../components/tip-tags';
import { useTipUnits } from '../hooks/use-tip-units';
import { useTips } from '../hooks/use-tips';
import '../tips.css';

const PAGE_SIZES = [20, 50, 100];
const isState = (s: string | null): s is TipState => (TIP_STATES as readonly string[]).includes(s ?? '');

/** Starts a download of `url` (a plain link click, so the browser's own download handling applies). */
function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** 线索列表: every tip in the user's scope, found by state, district, overdue or text. */
export function TipsPage() {
  const can = useCan();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [registering, setRegistering] = useState(false);
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : undefined;
  const overdue = params.get('overdue') === 'true';
  const districtId = Number(params.get('district')) || undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const filter = { ...(state ? { state } : {}), ...(overdue ? { overdue } : {}), ...(districtId ? { districtId } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useTips({ ...filter, page, pageSize });
  const units = useTipUnits();

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

  const exportWithReporter = () =>
    modal.confirm({
      title: '导出含举报人信息的台账？',
      icon: <ExclamationCircleOutlined />,
      content: '导出文件将包含举报人姓名、电话，本次导出将记入操作日志。文件须妥善保管，不得向属地或被举报人透露。',
      okText: '确定导出',
      cancelText: '取消',
      onOk: () => download(tipsExportUrl(true)),
    });

  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="举报线索"
        description="群众举报和各渠道转来的线索：受理 → 交办到区 → 核查 → 办结答复，逾期未办结的标红"
        extra={
          <Space wrap>
            {can('tips.reporter') ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'plain', icon: <FileExcelOutlined />, label: <a href={tipsExportUrl(false)} download>线索台账（不含举报人）</a> },
                    { key: 'reporter', icon: <ExclamationCircleOutlined />, label: '线索台账（含举报人信息，记入日志）', onClick: exportWithReporter },
                  ],
                }}
              >
                <Button icon={<DownloadOutlined />}>
                  导出 <DownOutlined />
                </Button>
              </Dropdown>
            ) : (
              <Button icon={<DownloadOutlined />} href={tipsExportUrl(false)} download>
                导出台账
              </Button>
            )}
            {can('tips.register') && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="tip-register" onClick={() => setRegistering(true)}>
                登记线索
              </Button>
            )}
          </Space>
        }
      />
      <Card className="ws-card">
        <div className="ws-card-toolbar">
          <div className="ws-card-toolbar__filters ws-tips-filters">
            <Input.Search
              allowClear
              placeholder="编号、内容或地点"
              className="ws-card-toolbar__search"
              defaultValue={q}
              onSearch={(v) => update({ q: v.trim() })}
              onChange={(e) => !e.target.value && q && update({ q: undefined })}
              data-testid="tips-search"
            />
            <Select<TipState>
              allowClear
              placeholder="全部状态"
              className="ws-tips-filters__select"
              value={state}
              onChange={(v) => update({ state: v })}
              options={TIP_STATES.map((s) => ({ value: s, label: TIP_STATE_LABELS[s] }))}
              data-testid="tips-state"
            />
            {units.districts.length > 1 && (
              <Select<number>
                allowClear
                placeholder="全部区"
                className="ws-tips-filters__district"
                value={districtId}
                onChange={(v) => update({ district: v })}
                options={units.districts.map((d) => ({ value: d.id, label: d.name }))}
                data-testid="tips-district"
              />
            )}
            <Checkbox checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })} className="ws-tips-filters__overdue" data-testid="tips-overdue">
              只看逾期
            </Checkbox>
          </div>
          <Typography.Text type="secondary">{data ? `共 ${data.total.toLocaleString('zh-CN')} 条` : ''}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} />}
        <Table<Tip>
          data-testid="tips-table"
          size="middle"
          rowKey="id"
          loading={isFetching}
          dataSource={data?.tips ?? []}
          scroll={{ x: 1080 }}
          onRow={(t) => ({ onClick: () => navigate(`/tips/${t.id}`), className: `ws-clickable-row${t.overdue ? ' ws-tip-row--overdue' : ''}` })}
          locale={{ emptyText: filtered ? '没有符合条件的线索' : '暂无线索' }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 条`,
            onChange: (p, size) => update(size !== pageSize ? { size, page: undefined } : { page: p }),
          }}
          columns={[
            {
              title: '编号',
              dataIndex: 'code',
              width: 170,
              fixed: 'left',
              render: (code: string, t) => (
                <Link to={`/tips/${t.id}`} className="ws-tip-code" onClick={(e) => e.stopPropagation()}>
                  {code}
                </Link>
              ),
            },
            {
              title: '受理日期',
              dataIndex: 'receivedOn',
              width: 140,
              render: (d: string, t) => (
                <div>
                  <div className="ws-nowrap">{formatDate(d)}</div>
                  <ChannelTag channel={t.channel} />
                </div>
              ),
            },
            {
              title: '区',
              dataIndex: 'district',
              width: 140,
              render: (d: string | null) => d ?? <Typography.Text type="secondary">待交办</Typography.Text>,
            },
            {
              title: '举报内容',
              dataIndex: 'content',
              render: (c: string, t) => (
                <div className="ws-tip-excerpt">
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {c}
                  </Typography.Paragraph>
                  {t.address && <div className="ws-card-name__addr">{t.address}</div>}
                </div>
              ),
            },
            {
              title: '状态',
              dataIndex: 'state',
              width: 130,
              render: (s: TipState, t) => (
                <Space size={4} wrap>
                  <TipStateTag state={s} />
                  <OverdueTag overdue={t.overdue} />
                  {t.duplicateOf !== null && <Tag>已合并</Tag>}
                </Space>
              ),
            },
            { title: '结果', dataIndex: 'result', width: 80, render: (r: TipResult | null) => <TipResultTag result={r} /> },
            {
              title: '办理期限',
              dataIndex: 'deadline',
              width: 130,
              render: (d: string | null, t) =>
                d ? <span className={t.overdue ? 'ws-tip-deadline ws-tip-deadline--overdue' : 'ws-tip-deadline'}>{formatDate(d)}</span> : <Typography.Text type="secondary">—</Typography.Text>,
            },
          ]}
        />
      </Card>
      <TipRegisterModal open={registering} onClose={() => setRegistering(false)} />
    </>
  );
}
