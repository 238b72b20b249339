import { DownloadOutlined, DownOutlined, ExclamationCircleOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Dropdown, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { TIP_STATE_LABELS, TIP_STATES, type TipState } from '@domain/tip/workflow';
import { formatDate } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { tipsExportUrl, type Tip, type TipResult } from '../api/tips-api';
import { TipRegisterModal } from '../components/tip-register-modal';
import { ChannelTag, OverdueTag, TipResultTag, TipStateTag } from '../components/tip-tags';
import { useTipUnits } from '../hooks/use-tip-units';
import { useTips } from '../hooks/use-tips';
import '../tips.css';

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
  const list = useListParams();
  const { params, q, page, pageSize, update } = list;
  const [registering, setRegistering] = useState(false);
  const state = list.oneOf('state', TIP_STATES);
  const overdue = params.get('overdue') === 'true';
  const districtId = list.id('district');
  const filter = { ...(state ? { state } : {}), ...(overdue ? { overdue } : {}), ...(districtId ? { districtId } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useTips({ ...filter, page, pageSize });
  const units = useTipUnits();

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
        <ListToolbar className="ws-tips-filters" total={data?.total} unit="条">
          <ListSearch list={list} placeholder="编号、内容或地点" data-testid="tips-search" />
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
        </ListToolbar>
        <PagedTable<Tip>
          data-testid="tips-table"
          list={list}
          total={data?.total}
          unit="条"
          error={error}
          loading={isFetching}
          dataSource={data?.tips ?? []}
          scroll={{ x: 1080 }}
          rowLink={(t) => `/tips/${t.id}`}
          rowClassName={(t) => (t.overdue ? 'ws-tip-row--overdue' : '')}
          locale={{ emptyText: filtered ? '没有符合条件的线索' : '暂无线索' }}
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
