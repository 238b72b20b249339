/**
 * The load driver: virtual users, each a real account with its own session (logged in once before
 * the measured phase, through POST /api/auth/login) and its own keep-alive connection, acting in a
 * closed loop with a think time between actions, as people at screens do. The mix by role:
 *  - grid workers (网格员) open their grid's cards, open a card and save it (PATCH with the version
 *    they read); those whose grid is still being surveyed sometimes register a new card (POST);
 *  - offices (street, district, city) open the paged, filtered lists (grids, cards of a grid, wells,
 *    tips, findings, card issues) and the report tables (排查进度表, 日通报, 线索统计, 问题汇总);
 *  - leaders open the command dashboard (指挥看板).
 * Think times are exponential around a mean per role (default 10 s for grid workers and offices,
 * 30 s for leaders; a grid worker waits 0.3 × that between opening a card and saving it): busy
 * people, not a flood of requests without pause.
 * Why not autocannon: it cannot keep a per-connection identity (its request context is reset each
 * time the request list loops), and 200 distinct users with their own sessions is the point here.
 */
import { setMaxListeners } from 'node:events';
import http from 'node:http';

export type Role = 'grid' | 'street' | 'district' | 'city' | 'leader';
export type VirtualUser = {
  username: string; role: Role;
  /** grid workers: their grid, and whether it is still being surveyed (new cards allowed) */
  gridId?: number; open?: boolean;
  /** offices: their unit (unitId filter of lists) and its district */
  unitId?: number; districtId?: number;
};
type Session = { user: VirtualUser; agent: http.Agent; cookie: string; csrf: string; cards: { id: number }[] };

/** One request; `unfinished`: still waiting when the measured phase ended (ms is then a lower bound). */
export type Sample = { kind: string; ms: number; ok: boolean; unfinished?: boolean };

type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders };

export class Target {
  constructor(readonly host: string, readonly port: number) {}

  request(agent: http.Agent, method: string, path: string, headers: Record<string, string>, body?: unknown, signal?: AbortSignal): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.host, port: this.port, method, path, agent, ...(signal ? { signal } : {}), headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      });
      req.setTimeout(60_000, () => req.destroy(new Error('timeout 60 s')));
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/** Logs every user in once (the rate limit is relaxed by WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE for this). */
export async function logIn(target: Target, users: readonly VirtualUser[], password: string, onProgress: (done: number) => void): Promise<{ sessions: Session[]; ms: number[] }> {
  const sessions: Session[] = new Array(users.length);
  const ms: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < users.length) {
      const i = next++;
      const user = users[i]!;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const t0 = performance.now();
      const r = await target.request(agent, 'POST', '/api/auth/login', { 'user-agent': 'wellseal-load' }, { username: user.username, password });
      ms.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`登录失败 ${user.username}: ${r.status} ${r.body.slice(0, 200)}`);
      const cookie = String(r.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
      sessions[i] = { user, agent, cookie, csrf: (JSON.parse(r.body) as { csrfToken: string }).csrfToken, cards: [] };
      onProgress(ms.length);
    }
  };
  // as many logins at once as the cores can hash (argon2 is deliberately slow)
  await Promise.all([worker(), worker(), worker()]);
  return { sessions, ms };
}

export type RunOptions = {
  warmupMs: number; durationMs: number; thinkMs: Record<Role, number>; asOf: string; campaignId: number;
  onTick?: (phase: 'warmup' | 'measure', elapsedMs: number, samples: number, errors: number) => void;
};

const pick = <T>(xs: readonly T[], r: number) => xs[Math.floor(r * xs.length) % xs.length]!;
const WELL_STAGES = ['discovered', 'verified', 'decided', 'notice_served', 'sealed', 'accepted', 'permit_issued'];
const TIP_STATES = ['received', 'assigned', 'investigated', 'closed'];
const FINDING_STATES = ['open', 'rectifying', 'submitted', 'closed'];
const SURVEY_STATES = ['not_started', 'in_progress', 'completed'];

/**
 * Runs every session's loop through a warm-up and the measured phase, without a pause between them;
 * returns one sample per request answered in the measured phase, plus one per request still waiting
 * at its end (unfinished: its wait so far is a lower bound of its latency, and it counts in the
 * percentiles so that a server that stops answering does not look fast).
 */
/**
 * How long a request still in flight when the measured phase ends is given to be answered (it stays
 * counted as unfinished with its wait up to the end; this only tells how long it really took).
 */
export const IN_FLIGHT_GRACE_MS = 10_000;
/** A request in flight at the end of the measured phase: its whole latency, if answered within the grace. */
export type InFlight = { kind: string; ms: number; answered: boolean };

export async function runMix(target: Target, sessions: readonly Session[], o: RunOptions): Promise<{ samples: Sample[]; errors: Map<string, number>; ms: number; inFlight: InFlight[] }> {
  const samples: Sample[] = [];
  const inFlight: InFlight[] = [];
  const errors = new Map<string, number>();
  let errorCount = 0;
  const t0 = performance.now();
  const from = t0 + o.warmupMs;
  const until = from + o.durationMs;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now < from) o.onTick?.('warmup', now - t0, 0, 0);
    else o.onTick?.('measure', now - from, samples.length, errorCount);
  }, 1000);
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const stopTimer = setTimeout(() => stop.abort(), until - t0 + IN_FLIGHT_GRACE_MS);

  const call = async (s: Session, kind: string, method: string, path: string, body?: unknown): Promise<unknown> => {
    // the measured phase is over: nothing new is asked (a user whose think time ran to the end, e.g. between
    // opening a card and saving it, would otherwise send a request at the last instant and count it unanswered)
    if (performance.now() >= until) return null;
    const headers: Record<string, string> = { cookie: s.cookie, 'user-agent': 'wellseal-load' };
    if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
    const start = performance.now();
    let reply: Reply | null = null;
    let failure = '';
    try {
      reply = await target.request(s.agent, method, path, headers, body, stop.signal);
      if (reply.status >= 400) failure = `${kind} → ${reply.status} ${reply.body.slice(0, 160)}`;
    } catch (err) {
      failure = `${kind} → ${(err as Error).message}`;
    }
    const end = performance.now();
    if (end > until) {
      // still waiting when the measured phase ended: unfinished, with its wait so far (a lower bound) in the percentiles
      samples.push({ kind, ms: until - start, ok: true, unfinished: true });
      inFlight.push({ kind, ms: end - start, answered: !stop.signal.aborted && !failure });
      return null;
    }
    const ms = end - start;
    if (end >= from && end <= until) {
      samples.push({ kind, ms, ok: !failure });
      if (failure) {
        errorCount++;
        errors.set(failure, (errors.get(failure) ?? 0) + 1);
      }
    }
    return failure || !reply ? null : JSON.parse(reply.body);
  };

  const gridWorker = async (s: Session) => {
    const u = s.user;
    if (s.cards.length === 0 || Math.random() < 0.15) {
      const r = (await call(s, '网格员 打开本网格一户一卡', 'GET', `/api/survey/grids/${u.gridId}/cards`)) as { cards: { id: number }[] } | null;
      if (r) s.cards = r.cards.map((c) => ({ id: c.id }));
      return;
    }
    if (u.open && Math.random() < 0.2) {
      const today = o.asOf;
      const n = Math.floor(Math.random() * 1e9);
      await call(s, '网格员 新增一户一卡 POST', 'POST', '/api/cards', {
        gridId: u.gridId, kind: 'household', name: `压测住户${n}户`, address: `测试路${n % 300}号`, tapAccounts: [`8${String(n).padStart(9, '0')}`],
        households: 1, persons: 1 + (n % 5), waterSource: 'tap', surveyedOn: today, pledgeSigned: true, pledgeDate: today,
      });
      return;
    }
    const card = pick(s.cards, Math.random());
    const view = (await call(s, '网格员 打开一户一卡', 'GET', `/api/cards/${card.id}`)) as (Record<string, unknown> & { version: number; persons: number | null }) | null;
    if (!view) return;
    if (!(await think(s.user.role, 0.3))) return;
    const { id: _id, gridId: _g, gridCode: _c, gridName: _n, surveyedBy: _s, pledgeStatus: _p, lacksTapAccount: _l, updatedAt: _u, photos: _ph, ...body } = view;
    await call(s, '网格员 保存一户一卡 PATCH', 'PATCH', `/api/cards/${card.id}`, { ...body, persons: ((view.persons ?? 0) % 9) + 1, remarks: `入户复核 ${new Date().toISOString().slice(11, 19)}` });
  };

  const office = async (s: Session) => {
    const u = s.user;
    const r = Math.random();
    const page = 1 + Math.floor(Math.random() * 5);
    const unit = u.unitId ? `&unitId=${u.unitId}` : '';
    const district = u.districtId ? `&districtId=${u.districtId}` : '';
    if (r < 0.14) await call(s, '办公室 网格列表 (分页+筛选)', 'GET', `/api/survey/grids?page=${page}&pageSize=50&state=${pick(SURVEY_STATES, Math.random())}${unit}`);
    else if (r < 0.28) {
      const grids = (await call(s, '办公室 网格列表 (分页+筛选)', 'GET', `/api/survey/grids?page=${page}&pageSize=20${unit}`)) as { grids: { gridId?: number; id?: number }[] } | null;
      const g = grids?.grids.length ? pick(grids.grids, Math.random()) : null;
      const gid = g?.gridId ?? g?.id;
      if (gid) await call(s, '办公室 打开网格一户一卡', 'GET', `/api/survey/grids/${gid}/cards`);
    } else if (r < 0.40) await call(s, '办公室 井档案列表 (分页+筛选)', 'GET', `/api/wells?page=${page}&pageSize=50${Math.random() < 0.5 ? `&stage=${pick(WELL_STAGES, Math.random())}` : ''}${unit}`);
    else if (r < 0.52) {
      if (u.role === 'city' || u.role === 'district' || u.role === 'street') await call(s, '办公室 举报线索列表 (分页+筛选)', 'GET', `/api/tips?page=${page}&pageSize=50${Math.random() < 0.5 ? `&state=${pick(TIP_STATES, Math.random())}` : ''}${district}`);
    } else if (r < 0.62) await call(s, '办公室 问题整改列表 (分页+筛选)', 'GET', `/api/findings?page=${page}&pageSize=50${Math.random() < 0.5 ? `&state=${pick(FINDING_STATES, Math.random())}` : ''}${district}`);
    else if (r < 0.68) await call(s, '办公室 一户一卡问题清单 (分页)', 'GET', `/api/survey/issues?kind=pledges&page=${page}&pageSize=50${unit}`);
    // the district tables are for district and city offices; a street office sees its own progress instead
    else if (r < 0.78) await (u.role === 'street' ? call(s, '办公室 进度 (下级单位)', 'GET', `/api/survey/progress?asOf=${o.asOf}${unit}`) : call(s, '报表 排查进度表', 'GET', `/api/survey/report?asOf=${o.asOf}`));
    // the 日通报 is by district: a street office has none (its page does not offer it)
    else if (r < 0.86) await (u.role === 'street' ? call(s, '办公室 井档案列表 (分页+筛选)', 'GET', `/api/wells?page=${page}&pageSize=50${unit}`) : call(s, '报表 日通报 (任务进度)', 'GET', `/api/campaigns/${o.campaignId}/progress?asOf=${o.asOf}`));
    else if (r < 0.94) await (u.role === 'street' ? call(s, '办公室 举报线索列表 (分页+筛选)', 'GET', `/api/tips?page=1&pageSize=50&state=assigned`) : call(s, '报表 举报线索统计表', 'GET', `/api/tips/summary?asOf=${o.asOf}`));
    else if (u.role !== 'street') await call(s, '报表 一周问题汇总', 'GET', `/api/findings/summary?weekEnd=${o.asOf}`);
    else await call(s, '办公室 进度 (下级单位)', 'GET', `/api/survey/progress?asOf=${o.asOf}${unit}`);
  };

  const leader = async (s: Session) => {
    if (Math.random() < 0.8) await call(s, '领导 指挥看板', 'GET', `/api/dashboard?asOf=${o.asOf}`);
    else await call(s, '报表 排查进度表', 'GET', `/api/survey/report?asOf=${o.asOf}`);
  };

  // exponential think time around the role's mean: arrivals spread out, as with people. A think that runs past the
  // end of the measured phase ends there and answers false: that user acts no more (rather than all such users
  // acting together at the last instant, a burst no real mix has, and counting as unanswered)
  const think = (role: Role, factor = 1) => {
    const wanted = -Math.log(1 - Math.random()) * o.thinkMs[role] * factor;
    const left = until - performance.now();
    return new Promise<boolean>((r) => setTimeout(() => r(wanted < left), Math.max(0, Math.min(left, wanted))));
  };

  const loop = async (s: Session, offset: number) => {
    await new Promise((r) => setTimeout(r, offset));
    while (performance.now() < until) {
      if (s.user.role === 'grid') await gridWorker(s);
      else if (s.user.role === 'leader') await leader(s);
      else await office(s);
      if (!(await think(s.user.role))) break;
    }
  };
  // users arrive over the first second, not all on the same tick
  await Promise.all(sessions.map((s, i) => loop(s, (i * 1000) / sessions.length)));
  clearInterval(ticker);
  clearTimeout(stopTimer);
  return { samples, errors, ms: o.durationMs, inFlight };
}

/** requests: answered in the measured phase; unfinished: still waiting at its end (in the percentiles as lower bounds). */
export type Figures = { requests: number; perSecond: number; p50: number; p95: number; p99: number; max: number; errors: number; unfinished: number };

export function figures(samples: readonly Sample[], ms: number): Figures {
  const xs = samples.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]! : 0);
  const unfinished = samples.filter((s) => s.unfinished).length;
  return { requests: xs.length - unfinished, perSecond: (xs.length - unfinished) / (ms / 1000), p50: q(0.5), p95: q(0.95), p99: q(0.99), max: xs.at(-1) ?? 0, errors: samples.filter((s) => !s.ok).length, unfinished };
}

export function figuresByKind(samples: readonly Sample[], ms: number): Map<string, Figures> {
  const by = new Map<string, Sample[]>();
  for (const s of samples) (by.get(s.kind) ?? by.set(s.kind, []).get(s.kind)!).push(s);
  return new Map([...by.entries()].sort((a, b) => a[0].localeCompare(b[0], 'zh')).map(([k, xs]) => [k, figures(xs, ms)]));
}
