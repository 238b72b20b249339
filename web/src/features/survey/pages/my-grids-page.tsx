import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { SURVEY_STATE_LABELS, SURVEY_STATES, type SurveyState } from '@domain/survey/survey-state';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import type { GridSurvey } from '../api/survey-api';
import { SurveyStateTag } from '../components/survey-tags';
import { useSurveyGrids } from '../hooks/use-survey';

const PAGE_SIZE = 24;

/** A grid worker's grids as big cards to tap on a phone: state, counts, and straight to work. */
export function MyGridsPage() {
  const can = useCan();
  const [state, setState] = useState<SurveyState | 'all'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, isPending, error } = useSurveyGrids({ ...(state === 'all' ? {} : { state }), ...(q ? { q } : {}), page, pageSize: PAGE_SIZE });
  const many = (data?.total ?? 0) > 6 || state !== 'all' || q !== '';

  return (
    <>
      <PageHeader title="我的网格" description="点开网格登记一户一卡、拍照定位、签订承诺书" />
      {many && (
        <div className="ws-my-grids__filters">
          <Segmented<SurveyState | 'all'>
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
            options={[{ value: 'all', label: '全部' }, ...SURVEY_STATES.map((s) => ({ value: s, label: SURVEY_STATE_LABELS[s] }))]}
          />
          <Input.Search
            allowClear
            placeholder="网格名称或编号"
            style={{ maxWidth: 260 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
        </div>
      )}
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      {isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : !data?.grids.length ? (
        <Empty description={q || state !== 'all' ? '没有符合条件的网格' : '您名下没有负责的网格，请联系街道办分配'} style={{ marginTop: 48 }} />
      ) : (
        <>
          <div className="ws-my-grids" data-testid="my-grids">
            {data.grids.map((g) => (
              <GridTile key={g.gridId} grid={g} canAdd={can('survey.edit')} />
            ))}
          </div>
          {data.total > PAGE_SIZE && (
            <Pagination style={{ marginTop: 16, textAlign: 'center' }} current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} showSizeChanger={false} />
          )}
        </>
      )}
    </>
  );
}

function GridTile({ grid, canAdd }: { grid: GridSurvey; canAdd: boolean }) {
  const navigate = useNavigate();
  const to = `/survey/grids/${grid.gridId}`;
  const figures: { label: string; value: number; warn?: boolean }[] = [
    { label: '一户一卡', value: grid.cards },
    { label: '沿街门店', value: grid.shops, warn: grid.shops === 0 && grid.cards > 0 },
    { label: '承诺书不齐', value: grid.pledgeIssues, warn: grid.pledgeIssues > 0 },
    { label: '无户号', value: grid.withoutTap, warn: grid.withoutTap > 0 },
  ];
  return (
    <div className={`ws-grid-tile ws-grid-tile--${grid.state}`}>
      <Link to={to} className="ws-grid-tile__link">
        <div className="ws-grid-tile__head">
          <div className="ws-grid-tile__name">{grid.name}</div>
          <SurveyStateTag state={grid.state} large />
        </div>
        <div className="ws-grid-tile__parents">{grid.parents.join(' / ')}</div>
        <div className="ws-grid-tile__figures">
          {figures.map((f) => (
            <div key={f.label} className={`ws-grid-tile__figure${f.warn ? ' ws-grid-tile__figure--warn' : ''}`}>
              <div className="ws-grid-tile__value">{f.value}</div>
              <div className="ws-grid-tile__label">{f.label}</div>
            </div>
          ))}
        </div>
        <div className="ws-grid-tile__foot">
          <Typography.Text type="secondary">
            {grid.state === 'completed' ? `${formatDate(grid.completedOn)} 完成` : grid.startedOn ? `${formatDate(grid.startedOn)} 开始` : '尚未开始排查'}
          </Typography.Text>
          <RightOutlined />
        </div>
      </Link>
      {canAdd && grid.state !== 'completed' && (
        <Button type="primary" size="large" block icon={<PlusOutlined />} className="ws-grid-tile__add" onClick={() => navigate(`${to}?card=new`)}>
          新增一户一卡
        </Button>
      )}
    </div>
  );
}
