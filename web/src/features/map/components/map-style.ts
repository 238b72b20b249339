import type { WellGroup } from '../api/map-api';

export const WELL_GROUP_STYLE: Record<WellGroup, { color: string; label: string }> = {
  pending: { color: '#fa541c', label: '待封停/处置中' },
  sealed: { color: '#389e0d', label: '已封井/已验收' },
  permitted: { color: '#1677ff', label: '已纳管（取水许可）' },
  reactivated: { color: '#722ed1', label: '已启用（备用井）' },
};
export const TIP_COLOR = '#08979c';
export const SUSPECT_COLOR = '#c41d7f';
/** Heat-pump projects: red when the latest month reinjects below the threshold. */
export const HEATPUMP_STYLE = { ok: { color: '#13a8a8', label: '回灌达标' }, low: { color: '#f5222d', label: '回灌不足' } } as const;

export const SURVEY_STYLE: Record<'not_started' | 'in_progress' | 'completed', { color: string; label: string }> = {
  not_started: { color: '#8c8c8c', label: '未开展排查' },
  in_progress: { color: '#2f54eb', label: '排查中' },
  completed: { color: '#52c41a', label: '已完成排查' },
};
export const GRID_COLOR = '#2f54eb';

export const LAYER_LABELS = { grids: '网格边界', wells: '自备井', tips: '举报线索', suspects: '疑似双水源用水户', heatpump: '地温空调项目' } as const;
