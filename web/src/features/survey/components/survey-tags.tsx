import { Tag } from 'antd';
import { CARD_KIND_LABELS, PLEDGE_STATUS_LABELS, type CardKind, type PledgeStatus } from '@domain/survey/card';
import { SURVEY_STATE_LABELS, type SurveyState } from '@domain/survey/survey-state';

const STATE_COLORS: Record<SurveyState, string> = { not_started: 'default', in_progress: 'processing', completed: 'success' };

export function SurveyStateTag({ state, testId, large }: { state: SurveyState; testId?: string; large?: boolean }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId} className={large ? 'ws-tag-large' : undefined}>
      {SURVEY_STATE_LABELS[state]}
    </Tag>
  );
}

const PLEDGE_COLORS: Record<PledgeStatus, string> = { unsigned: 'red', unstamped: 'orange', complete: 'green' };

export function PledgeTag({ status }: { status: PledgeStatus }) {
  return <Tag color={PLEDGE_COLORS[status]}>{PLEDGE_STATUS_LABELS[status]}</Tag>;
}

const KIND_COLORS: Record<CardKind, string> = { household: 'blue', unit: 'purple', shop: 'gold', village_house: 'cyan', other: 'default' };

export function CardKindTag({ kind }: { kind: CardKind }) {
  return (
    <Tag variant="outlined" color={KIND_COLORS[kind]}>
      {CARD_KIND_LABELS[kind]}
    </Tag>
  );
}
