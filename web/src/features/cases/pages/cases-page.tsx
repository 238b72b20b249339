import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CASE_STATE_LABELS, CASE_STATES, VIOLATION_LABELS, VIOLATIONS, type CaseState, type Violation } from '@domain/case/case';
import { formatDate } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { CASES_EXPORT_URL, type Case } from '../api/cases-api';
import { CaseFormModal } from '../components/case-form-modal';
import { CasesImportModal } from '../components/cases-import-modal';
import { CaseStateTag, formatYuan, TypicalTag, ViolationTag } from '../components/case-tags';
import { useCases } from '../hooks/use-cases';
import '../cases.css';

/** 执法案件: cases against concealment, refusal, reactivation and discharge, where each stands and what it was fined. */
export function CasesPage() {
  const can = useCan();
  const list = useListParams();
  const { params, q, page, pageSize, update } = list;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const state = list.oneOf('state', CASE_STATES);
  const violation = list.oneOf('violation', VIOLATIONS);
  const districtId = list.id('district');
  const typical = params.get('typical') === 'true';
  const filter = { ...(state ? { state } : {}), ...(violation ? { violation } : {}), ...(districtId ? { districtId } : {}), ...(typical ? { typical } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useCases({ ...filter, page, pageSize });
  const districts = data?.districts ?? [];
  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="执法案件"
        description="对拒不配合、隐瞒不报、私自启用、外排等行为立案查处：立案 → 调查 → 处罚决定 → 执行 → 结案；典型案例可生成工作信息稿"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={CASES_EXPORT_URL} download data-testid="cases-export">
              导出
            </Button>
            {can('cases.edit') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="cases-import">
                导入
              </Button>
            )}
            {can('cases.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-create">
                立案
              </Button>
            )}
          </Space>
        }
      />
      <Card className="ws-card">
        <ListToolbar total={data?.total} unit="件">
          <ListSearch list={list} placeholder="案件编号、当事人或违法事实" data-testid="cases-search" />
          {districts.length > 1 && (
            <Select<number>
              allowClear
              placeholder="全部区"
              className="ws-case-filters__select"
              value={districtId}
              onChange={(v) => update({ district: v })}
              options={districts.map((d) => ({ value: d.id, label: d.name }))}
              data-testid="cases-district"
            />
          )}
          <Select<CaseState>
            allowClear
            placeholder="全部状态"
            className="ws-case-filters__select"
            value={state}
            onChange={(v) => update({ state: v })}
            options={CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))}
            data-testid="cases-state"
          />
          <Select<Violation>
            allowClear
            placeholder="全部违法类型"
            className="ws-case-filters__select"
            value={violation}
            onChange={(v) => update({ violation: v })}
            options={VIOLATIONS.map((v) => ({ value: v, label: VIOLATION_LABELS[v] }))}
            data-testid="cases-violation"
          />
          <label className="ws-case-filters__switch">
            <Switch size="small" checked={typical} onChange={(on) => update({ typical: on ? 'true' : undefined })} data-testid="cases-typical-only" /> 只看典型案例
          </label>
          {data && data.total > 0 && <Typography.Text type="secondary">罚款合计 <span className="ws-case-fine">{formatYuan(data.fineTotal)}</span></Typography.Text>}
        </ListToolbar>
        <PagedTable<Case>
          data-testid="cases-table"
          list={list}
          total={data?.total}
          unit="件"
          error={error}
          loading={isFetching}
          dataSource={data?.cases ?? []}
          scroll={{ x: 1000 }}
          rowLink={(c) => `/cases/${c.id}`}
          locale={{ emptyText: filtered ? '没有符合条件的案件' : '还没有执法案件' }}
          columns={[
            {
              title: '案件编号',
              dataIndex: 'number',
              width: 190,
              render: (n: string, c) => (
                <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()} className="ws-nowrap">
                  {n}
                </Link>
              ),
            },
            { title: '立案日期', dataIndex: 'filedOn', width: 130, render: (d: string) => <span className="ws-nowrap">{formatDate(d)}</span> },
            { title: '区', dataIndex: 'district', width: 100 },
            {
              title: '当事人',
              dataIndex: 'partyName',
              render: (p: string, c) => (
                <div>
                  <div>{p}</div>
                  {c.wellCount > 0 && <div className="ws-case-party__sub">涉及自备井 {c.wellCount} 眼</div>}
                </div>
              ),
            },
            { title: '违法类型', dataIndex: 'violation', width: 130, render: (v: Violation, c) => <ViolationTag violation={v} label={c.violationLabel} /> },
            { title: '罚款', dataIndex: 'fineYuan', width: 120, align: 'right', render: (f: number | null) => <span className="ws-case-fine">{formatYuan(f)}</span> },
            {
              title: '状态',
              dataIndex: 'state',
              width: 160,
              render: (s: CaseState, c) => (
                <Space size={4} wrap>
                  <CaseStateTag state={s} />
                  <TypicalTag typical={c.typical} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <CaseFormModal open={creating} onClose={() => setCreating(false)} />
      <CasesImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
