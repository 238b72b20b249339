import { Tag, Typography } from 'antd';
import type { CheckFilter } from '../api/suspects-api';
import { CHECK_FILTER_LABELS, percent } from './suspects-format';

/** 疑似度 as a percent: red from 80 %, orange from 50 %. */
export function ScoreTag({ score }: { score: number }) {
  const color = score >= 0.8 ? 'red' : score >= 0.5 ? 'orange' : 'default';
  return (
    <Tag color={color} className="ws-sp-score">
      {percent(score)}
    </Tag>
  );
}

/** 排查缺口: what the household survey missed about this account. */
export function SurveyGapTag({ label }: { label: string | null }) {
  return label ? <Tag color="warning" className="ws-sp-gap">{label}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
}

/** 疑似原因, one a line. */
export function ReasonList({ reasons }: { reasons: string[] }) {
  if (!reasons.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul className="ws-sp-reasons">
      {reasons.map((r, i) => (
        <li key={i}>{r}</li>
      ))}
    </ul>
  );
}

const OUTCOME_COLORS: Record<CheckFilter, string> = { pending: 'processing', found: 'red', normal: 'green', no_access: 'orange' };

/** 核查结果: 待核查, 发现自备井, 用水正常 or 无法入户. */
export function OutcomeTag({ outcome, label }: { outcome: CheckFilter | null; label?: string }) {
  const key = outcome ?? 'pending';
  return <Tag color={OUTCOME_COLORS[key]}>{label ?? CHECK_FILTER_LABELS[key]}</Tag>;
}
