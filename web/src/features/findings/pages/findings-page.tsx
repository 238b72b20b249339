import { DownloadOutlined, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FINDING_STATE_LABELS, FINDING_STATES, type FindingState } from '@domain/inspection/finding';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
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

/** 问题整改: findings raised on inspections, district by district, and where each stands in its rectification. */
export function FindingsPage() {
  const can = useCan();
  const me = useMe();
  const list = useListParams();
  const { params, q, page, pageSize, update } = list;
  const [raising, setRaising] = useState(false);
  const [editingWords, setEditingWords] = useState(false);
  // the lists are the city office's to keep
  const cityOffice = can('findings.verify') && me.grants.some((g) => g.role === 'city');
  const [importing, setImporting] = useState(false);
  const state = list.oneOf('state', FINDING_STATES);
  const districtId = list.id('district');
  const category = params.get('category') || undefined;
  const overdue = params.get('overdue') === 'true';
  const filter = { ...(state ? { state } : {}), ...(districtId ? { districtId } : {}), ...(category ? { category } : {}), ...(overdue ? { overdue } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useFindings({ ...filter, page, pageSize });
  const board = useFindingsBoard();
  const categories = useFindingCategories();
  const districts = board.data?.districts ?? [];

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
        <ListToolbar className="ws-fd-filters" total={data?.total} unit="个">
          <ListSearch list={list} placeholder="问题描述或地点" data-testid="findings-search" />
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
        </ListToolbar>
        <PagedTable<Finding>
          data-testid="findings-table"
          list={list}
          total={data?.total}
          unit="个"
          error={error}
          loading={isFetching}
          dataSource={data?.findings ?? []}
          scroll={{ x: 1000 }}
          rowLink={(f) => `/findings/${f.id}`}
          rowClassName={(f) => (f.overdue ? 'ws-fd-row--overdue' : '')}
          locale={{ emptyText: filtered ? '没有符合条件的问题' : '还没有登记问题' }}
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
