/**
 * Task campaigns (封停任务, e.g. 决战六月) and the daily ranking notice (日通报): DESIGN.md figure 3.
 * Progress is counted from the wells' dated steps, never typed in. Pure.
 */
import { wellAsOf, type WellEvent, type WellStage } from '../well/lifecycle.js';
import { mdLine, mdRow } from '../shared/markdown.js';

export type TaskDisposition = 'seal' | 'permit';

/** A `seal` task is done when the well is sealed by the cut-off day; a `permit` task when permit,
 * meter and tax registration are all recorded by then. */
export function taskDone(disposition: TaskDisposition, events: readonly WellEvent[], asOf: string): boolean {
  const dates = wellAsOf(events, asOf).dates;
  if (disposition === 'seal') return dates.seal !== undefined;
  return dates.issue_permit !== undefined && dates.install_meter !== undefined && dates.register_tax !== undefined;
}

/**
 * taskDone() on a day from the well's stage on that day: the lifecycle is a line, so the stage says
 * which steps came before it (sealed, accepted and reactivated wells were sealed; a tax-registered
 * well has its permit, meter and tax registration).
 */
export function taskDoneAtStage(disposition: TaskDisposition, stage: WellStage): boolean {
  if (disposition === 'seal') return stage === 'sealed' || stage === 'accepted' || stage === 'reactivated';
  return stage === 'tax_registered';
}

/** done / tasks as a percentage rounded half up to 2 decimals; 0 tasks → 0.00%. Exact integer arithmetic. */
export function sharePercent(done: number, tasks: number): string {
  if (tasks <= 0) return '0.00%';
  const hundredths = Math.floor((done * 20000 + tasks) / (2 * tasks)); // round(done/tasks × 10000), halves up
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
}

export type Counts = { tasks: number; done: number };
export type CountsWithShare = Counts & { share: string };
export type DistrictProgress = { district: string; seal: Counts; permit: Counts };
export type RankedRow = { district: string; rank: number; share: string; seal: CountsWithShare; permit: CountsWithShare; all: CountsWithShare };
export type TaskProgressTable = { campaign: string; asOf: string; rows: RankedRow[]; total: { seal: CountsWithShare; permit: CountsWithShare; all: CountsWithShare } };

const withShare = (c: Counts): CountsWithShare => ({ ...c, share: sharePercent(c.done, c.tasks) });
const add = (a: Counts, b: Counts): Counts => ({ tasks: a.tasks + b.tasks, done: a.done + b.done });

/** Districts ranked by the share of all their tasks done (ties share a rank: 1, 2, 2, 4). */
export function rankDistricts(campaign: string, asOf: string, districts: readonly DistrictProgress[]): TaskProgressTable {
  const rows = districts.map((d) => ({ d, all: add(d.seal, d.permit) }));
  // compare exact fractions, not rounded strings: a/b > c/d ⇔ a·d > c·b (0 tasks counts as 0)
  const frac = (c: Counts) => (c.tasks === 0 ? { n: 0, d: 1 } : { n: c.done, d: c.tasks });
  const cmp = (x: Counts, y: Counts) => {
    const a = frac(x), b = frac(y);
    return b.n * a.d - a.n * b.d;
  };
  const order = rows.map((r, i) => ({ ...r, i })).sort((x, y) => cmp(x.all, y.all) || x.i - y.i);
  const ranked: RankedRow[] = order.map((r) => {
    const rank = order.findIndex((o) => cmp(o.all, r.all) === 0) + 1;
    return { district: r.d.district, rank, share: sharePercent(r.all.done, r.all.tasks), seal: withShare(r.d.seal), permit: withShare(r.d.permit), all: withShare(r.all) };
  });
  const seal = districts.reduce((t, d) => add(t, d.seal), { tasks: 0, done: 0 });
  const permit = districts.reduce((t, d) => add(t, d.permit), { tasks: 0, done: 0 });
  return { campaign, asOf, rows: ranked, total: { seal: withShare(seal), permit: withShare(permit), all: withShare(add(seal, permit)) } };
}

/** The notice as Markdown, in the layout of the seed (辖区, 分类, 总任务数, 累计完成数, 累计完成比例, 完成比例, 排名). */
export function taskProgressMarkdown(t: TaskProgressTable, title: string): string {
  const [y, m, d] = t.asOf.split('-').map(Number);
  const lines = [
    mdLine(title),
    '',
    `(${y}. ${m}. ${d})`,
    '',
    '| 辖区 | 分类 | 总任务数 | 累计完成数 | 累计完成比例 | 完成比例 | 排名 |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of t.rows) {
    lines.push(mdRow([r.district, '应封停', r.seal.tasks, r.seal.done, r.seal.share, r.share, r.rank]));
    lines.push(mdRow(['', '应纳管', r.permit.tasks, r.permit.done, r.permit.share, '', '']));
    lines.push(mdRow(['', '合计', r.all.tasks, r.all.done, r.all.share, '', '']));
  }
  lines.push(mdRow(['总计', '应封停', t.total.seal.tasks, t.total.seal.done, t.total.seal.share, t.total.all.share, '']));
  lines.push(mdRow(['', '应纳管', t.total.permit.tasks, t.total.permit.done, t.total.permit.share, '', '']));
  lines.push(mdRow(['', '合计', t.total.all.tasks, t.total.all.done, t.total.all.share, '', '']));
  return lines.join('\n') + '\n';
}
