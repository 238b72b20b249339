import { Tag } from 'antd';
import type { Bulletin } from '../api/bulletins-api';

export const BULLETIN_STATE_LABELS: Record<Bulletin['state'], string> = { draft: '草稿', issued: '已印发' };

export function BulletinStateTag({ state, large }: { state: Bulletin['state']; large?: boolean }) {
  return (
    <Tag color={state === 'issued' ? 'success' : 'warning'} className={large ? 'ws-tag-large' : undefined} data-testid="bulletin-state">
      {BULLETIN_STATE_LABELS[state]}
    </Tag>
  );
}
