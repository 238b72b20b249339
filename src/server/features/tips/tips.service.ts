import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeNow, officeToday } from '../../clock.js';
import { addWorkingDays, DEFAULT_DEADLINE_WORKING_DAYS, isOverdue, nextTipEvents, tipAsOf, transitionTip, TipRuleError, TIP_CHANNEL_LABELS, TIP_EVENT_LABELS, TIP_STATE_LABELS, type TipChannel, type TipEvent, type TipEventData, type TipEventKind, type TipState } from '../../../domain/tip/workflow.js';
import { suggestDuplicates, tipSummary, type TipSummary } from '../../../domain/tip/summary.js';
import { requireCapability } from '../../auth/policies.js';
import { hasCapability, scopeFor, type Scope } from '../../auth/scope.js';
import type { Actor } from '../../auth/actor.js';
import { keepTextUnlessChanged, maskPersonalText } from '../../../domain/shared/masking.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { AppError, badRequest, conflict, notFound, rowErrors } from '../../http/errors.js';
import { holdVersion } from '../../db/hold-version.js';
import { discardPhoto, storePhoto } from '../../files/photo-store.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { planTipSheet, type PlannedTip } from '../../../domain/tip/tip-sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { presentPhoto } from '../survey/survey.presenter.js';
import type { TipView } from './tips.schema.js';
import * as repo from './tips.repo.js';
import { addTipEvents, refreshTipStates } from './tips.state.js';
import { readSetting, writeSettingIfAbsent } from '../system/settings.repo.js';

type EventRow = { tipId: number; event: TipEventKind; onDate: string; data: unknown; actorName: string; at: Date };
const asEvent = (e: Pick<EventRow, 'event' | 'onDate' | 'data'>): TipEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as TipEventData });
const FAR_FUTURE = '9999-12-31';

// ------------------------------------------------------------------ public intake

/** Tracking codes: JB + 10 characters of an unambiguous alphabet (no 0/O, 1/I): unguessable. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** What Wellseal issues to a reporter: JB and ten random letters and digits (no 0, 1, I, O). A ledger's own codes (JB2024NNNN) never match. */
const ISSUED_CODE = /^JB[A-HJ-NP-Z2-9]{10}$/;

export function newTrackingCode(): string {
  const bytes = crypto.randomBytes(10);
  return `JB${[...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')}`;
}

const toBase32 = (n: number, len: number) => Array.from({ length: len }, (_, i) => CODE_ALPHABET[Math.floor(n / 32 ** (len - 1 - i)) % 32]).join('');
const fromBase32 = (s: string) => [...s].reduce((n, c) => n * 32 + CODE_ALPHABET.indexOf(c), 0);
const DAY_MS = 86_400_000;

/**
 * The code a bot is given when it fills the honeypot: it looks like any other, and the status page
 * answers it like a tip just received on that day — so the bot cannot tell it was caught — while
 * nothing is stored. Four random characters, the day (3), and a signature over both (3).
 */
async function honeypotCode(db: Kysely<DB>): Promise<string> {
  const head = newTrackingCode().slice(2, 6) + toBase32(Math.floor(Date.parse(`${officeToday()}T00:00:00Z`) / DAY_MS), 3);
  return `JB${head}${await honeypotMac(db, head)}`;
}

async function honeypotMac(db: Kysely<DB>, head: string): Promise<string> {
  const mac = crypto.createHmac('sha256', await formSecret(db)).update(`honeypot:${head}`).digest();
  return [...mac.subarray(0, 3)].map((b) => CODE_ALPHABET[b % 32]).join('');
}

/** The day a honeypot code was given out, or null when the code is not one. */
async function honeypotDay(db: Kysely<DB>, code: string): Promise<string | null> {
  if (!ISSUED_CODE.test(code)) return null;
  const head = code.slice(2, 9);
  if (code.slice(9) !== (await honeypotMac(db, head))) return null;
  return new Date(fromBase32(head.slice(4)) * DAY_MS).toISOString().slice(0, 10);
}

export const FORM_MIN_SECONDS = 3;
export const TIPS_PER_CLIENT_PER_HOUR = 3;

const secrets = new WeakMap<Kysely<DB>, Promise<string>>();
/** The public form's signing secret: made once per database, then held in memory (the pre-parse check reads no table). */
function formSecret(db: Kysely<DB>): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      await writeSettingIfAbsent(db, 'public_form_secret', crypto.randomBytes(32).toString('hex'));
      return String(await readSetting(db, 'public_form_secret'));
    })();
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}

/** A form token: when the form was opened, signed. A submission must come at least a few seconds later. */
export async function issueFormToken(db: Kysely<DB>, now = Date.now()): Promise<string> {
  // a nonce: two forms opened in the same millisecond are two forms (each is used once)
  const nonce = crypto.randomBytes(9).toString('base64url');
  const mac = crypto.createHmac('sha256', await formSecret(db)).update(`${now}.${nonce}`).digest('base64url');
  return `${now}.${nonce}.${mac}`;
}

const tokenDigest = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The form token: signed by this server, a few seconds to a day old. Cheap: checked before the body is read. */
export async function checkFormToken(db: Kysely<DB>, token: string, now = Date.now()) {
  if (token.length < 10 || token.length > 400) throw badRequest('页面已过期，请刷新后重新填写');
  const [issued, nonce, mac] = token.split('.');
  const expected = crypto.createHmac('sha256', await formSecret(db)).update(`${issued}.${nonce}`).digest('base64url');
  const ok = !!mac && mac.length === expected.length && crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  const age = (now - Number(issued)) / 1000;
  if (!ok || !(age >= 0) || age > 24 * 3600) throw badRequest('页面已过期，请刷新后重新填写');
  if (age < FORM_MIN_SECONDS) throw badRequest('提交太快了，请检查填写的内容后再提交');
}

export async function submitPublicTip(
  db: Kysely<DB>,
  filesDir: string,
  input: { content: string; address: string; lat: number | null; lng: number | null; name: string | null; phone: string | null; photos: { fileName: string; content: string }[]; formToken: string; website: string },
  meta: { ip: string; clientId: string },
): Promise<{ trackingCode: string }> {
  // the honeypot: a person never fills it; a bot is told "thank you" and nothing is stored
  if (input.website.trim()) return { trackingCode: await honeypotCode(db) };
  await checkFormToken(db, input.formToken);
  // a form is submitted once: a replayed token is refused (recorded with the tip, below)
  if (await repo.formTokenUsed(db, tokenDigest(input.formToken))) throw badRequest('这份表单已经提交过了，请刷新页面后再填写新的举报');
  const clientHash = crypto.createHash('sha256').update(meta.clientId).digest('hex');
  if ((await repo.countFromClient(db, clientHash, new Date(officeNow().getTime() - 3_600_000))) >= TIPS_PER_CLIENT_PER_HOUR) {
    throw new AppError(429, 'rate_limited', '您提交得太频繁了，请一小时后再试；情况紧急请拨打 12345');
  }
  const stored: Awaited<ReturnType<typeof storePhoto>>[] = [];
  for (const p of input.photos) stored.push(await storePhoto(filesDir, Buffer.from(p.content, 'base64'), p.fileName));
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await repo.useFormToken(trx, tokenDigest(input.formToken)))) throw badRequest('这份表单已经提交过了，请刷新页面后再填写新的举报');
      const city = await repo.cityRoot(trx);
      const code = newTrackingCode();
      const anonymous = !input.name && !input.phone;
      const { id } = await repo.insertTip(trx, {
        code, channel: 'web', receivedAt: officeNow(), receivedOn: officeToday(), content: input.content, address: input.address, lat: input.lat, lng: input.lng,
        districtId: null, gridId: null, orgPath: city.path, reporterName: input.name, reporterPhone: input.phone, reporterIp: meta.ip, clientHash, anonymous,
      });
      await refreshTipStates(trx, [id]);
      for (const s of stored) await repo.insertPhoto(trx, { ...s, ownerId: id, orgPath: city.path });
      // the audit entry says what came in, never who sent it
      await insertAudit(trx, { actorId: null, actorName: '公众', requestId: null, action: 'create', entityType: 'tip', entityId: id, orgPath: city.path, summary: `收到网上举报 ${code}${anonymous ? '（匿名）' : ''}` });
      return { trackingCode: code };
    });
  } catch (err) {
    for (const s of stored) discardPhoto(filesDir, s.storageKey);
    throw err;
  }
}

/** The public status page: the state, the dates and the reply — nothing internal, nobody's data. */
export async function publicStatus(db: Kysely<DB>, code: string) {
  const wanted = code.trim().toUpperCase();
  const notFoundHere = new AppError(404, 'not_found', '没有找到该查询码，请核对后重试');
  // only codes Wellseal issued to a reporter answer: a ledger's sequential codes (JB2024NNNN) are guessable
  if (!ISSUED_CODE.test(wanted)) throw notFoundHere;
  const tip = await repo.findByCode(db, wanted);
  const events = tip ? await repo.eventsOf(db, [tip.id]) : [];
  if (!tip || events.some((e) => (e.data as TipEventData | null)?.imported)) {
    const day = await honeypotDay(db, wanted);
    if (day) return { trackingCode: wanted, state: 'received' as const, stateLabel: TIP_STATE_LABELS.received, receivedOn: day, closedOn: null, reply: null };
    throw notFoundHere;
  }
  const facts = tipAsOf(events.map(asEvent), FAR_FUTURE);
  const close = [...events].reverse().find((e) => e.event === 'close');
  return {
    trackingCode: tip.code,
    state: facts.state,
    stateLabel: TIP_STATE_LABELS[facts.state],
    receivedOn: tip.receivedOn,
    closedOn: facts.closedOn,
    reply: facts.state === 'closed' ? ((close?.data as TipEventData | undefined)?.reply ?? null) : null,
  };
}

// ------------------------------------------------------------------ staff

/** Events grouped by tip, in their order: one pass, not a scan of every event per tip. */
export function eventsByTip<E extends { tipId: number }>(events: readonly E[]): Map<number, E[]> {
  const by = new Map<number, E[]>();
  for (const e of events) (by.get(e.tipId) ?? by.set(e.tipId, []).get(e.tipId)!).push(e);
  return by;
}

/** Tips by id in the given order, read in chunks (a statement takes at most 65,535 parameters). */
async function tipsInOrder(db: Kysely<DB>, scope: Scope, ids: readonly number[]): Promise<repo.TipRow[]> {
  const byId = new Map<number, repo.TipRow>();
  for (let i = 0; i < ids.length; i += 5000) for (const t of await repo.listTips(db, scope, { ids: ids.slice(i, i + 5000) })) byId.set(t.id, t);
  return ids.map((id) => byId.get(id)).filter((t): t is repo.TipRow => t !== undefined);
}

async function placesOf(db: Kysely<DB>, tips: readonly repo.TipRow[]) {
  const ids = [...new Set(tips.flatMap((t) => [...t.orgPath.split('/').filter(Boolean).map(Number), ...(t.gridId ? [t.gridId] : [])]))];
  const units = new Map((await repo.unitsByIds(db, ids)).map((u) => [u.id, u]));
  return (t: repo.TipRow) => {
    const chain = t.orgPath.split('/').filter(Boolean).map((id) => units.get(Number(id))).filter((u) => u && u.level !== 'city');
    return chain.map((u) => u!.name);
  };
}

/**
 * A tip's free text (what the reporter wrote, merged texts, handling notes) may carry the reporter's
 * or a neighbour's phone or ID number. Like the reporter, those are seen in full by the city office
 * alone (tips.reporter); every other role gets them masked, in lists, details, history and exports.
 */
export function tipTextFor(actor: Actor): (text: string) => string {
  return hasCapability(actor, 'tips.reporter') ? (text) => text : (text) => maskPersonalText(text);
}

/** An event's notes (核查情况, 答复, 说明…) through `text`. */
function eventDataFor(data: unknown, text: (t: string) => string): TipEventData {
  return Object.fromEntries(Object.entries((data ?? {}) as TipEventData).map(([k, v]) => [k, typeof v === 'string' ? text(v) : v])) as TipEventData;
}

/** New notes on a tip must not carry a masked number (the stars would be stored in place of it). */
function refuseMaskedNotes(data: TipEventData) {
  for (const v of [data.evidence, data.reply, data.reason]) {
    if (v !== undefined && !keepTextUnlessChanged(v, null).ok) throw badRequest('填写的内容中有遮蔽后的号码（带 *）：请写出完整号码，或删去该号码');
  }
}

function present(t: repo.TipRow, events: readonly EventRow[], place: string[], day: string, text: (t: string) => string): TipView {
  const facts = tipAsOf(events.map(asEvent), day);
  return {
    id: t.id, code: t.code, channel: t.channel, receivedAt: t.receivedAt.toISOString(), receivedOn: t.receivedOn, content: text(t.content), mergedText: t.mergedText === null ? null : text(t.mergedText),
    address: t.address, lat: t.lat, lng: t.lng, district: place[0] ?? null, place, state: facts.state, result: facts.result, deadline: facts.deadline,
    overdue: isOverdue(facts, day), assignedOn: facts.assignedOn, closedOn: facts.closedOn, anonymous: t.anonymous, duplicateOf: t.duplicateOf, wellId: t.wellId,
    next: nextTipEvents(facts, { merged: t.duplicateOf !== null }), version: t.version,
  };
}

export async function listTipsFor(ctx: ServiceCtx, q: { state?: TipState | undefined; overdue?: 'true' | 'false' | undefined; districtId?: number | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const scope = scopeFor(ctx.actor, 'tips.read');
  const today = officeToday();
  const filter: repo.TipFilter = { ...(q.q ? { q: q.q, maskedSearch: !hasCapability(ctx.actor, 'tips.reporter') } : {}), ...(q.districtId ? { districtId: q.districtId } : {}) };
  const stateFilter: repo.TipStateFilter = { ...(q.state ? { state: q.state } : {}), ...(q.overdue ? { overdueOn: { day: today, overdue: q.overdue === 'true' } } : {}) };
  const filtered = !!(q.state || q.overdue);
  let total: number;
  let pageIds: number[];
  if (!filtered || (await repo.statesHoldOn(ctx.db, scope, filter, today))) {
    // the stored states are today's (no tip has a later event): filter, count and page in SQL
    ({ total, ids: pageIds } = await repo.pageByState(ctx.db, scope, { ...filter, ...stateFilter }, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }));
  } else {
    // a tip dated after today or not folded: every tip's facts on the day (a fold of only its events' kinds, dates and data)
    const facts = eventsByTip(await repo.eventFactsOfTips(ctx.db, scope, filter));
    const keys = (await repo.listTipKeys(ctx.db, scope, filter)).filter((k) => {
      const f = tipAsOf((facts.get(k.id) ?? []).map(asEvent), today);
      return (!q.state || f.state === q.state) && (!q.overdue || (q.overdue === 'true') === isOverdue(f, today));
    });
    total = keys.length;
    pageIds = keys.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((k) => k.id);
  }
  const page = await tipsInOrder(ctx.db, scope, pageIds);
  const byTip = eventsByTip(await repo.eventsOf(ctx.db, pageIds));
  const place = await placesOf(ctx.db, page);
  const text = tipTextFor(ctx.actor);
  return { total, tips: page.map((t) => present(t, byTip.get(t.id) ?? [], place(t), today, text)) };
}

export async function getTip(ctx: ServiceCtx, id: number) {
  const scope = scopeFor(ctx.actor, 'tips.read');
  const tip = await repo.findTip(ctx.db, scope, id);
  if (!tip) throw notFound();
  const events = await repo.eventsOf(ctx.db, [id]);
  const place = await placesOf(ctx.db, [tip]);
  const others = await repo.listTips(ctx.db, scope);
  const dups = suggestDuplicates(
    { id: tip.id, content: tip.content, receivedOn: tip.receivedOn, gridId: tip.gridId, lat: tip.lat, lng: tip.lng },
    others.filter((o) => o.duplicateOf === null).map((o) => ({ id: o.id, content: o.content, receivedOn: o.receivedOn, gridId: o.gridId, lat: o.lat, lng: o.lng })),
  );
  const byId = new Map(others.map((o) => [o.id, o]));
  const text = tipTextFor(ctx.actor);
  return {
    ...present(tip, events, place(tip), officeToday(), text),
    events: events.map((e) => ({ event: e.event, onDate: e.onDate, data: eventDataFor(e.data, text), actorName: e.actorName, at: e.at.toISOString() })),
    photos: (await repo.photosOf(ctx.db, id)).map(presentPhoto),
    duplicates: dups.slice(0, 5).map((d) => ({ id: d.id, code: byId.get(d.id)!.code, content: text(byId.get(d.id)!.content).slice(0, 120), receivedOn: byId.get(d.id)!.receivedOn, similarity: d.similarity })),
  };
}

/** Tips from the 12345 hotline, letters, visits…: registered by the city office with the original time. */
export async function registerTip(
  ctx: ServiceCtx,
  input: { channel: TipChannel; receivedAt: string; content: string; address: string; lat: number | null; lng: number | null; orgUnitId: number | null; reporterName: string | null; reporterPhone: string | null },
) {
  requireCapability(ctx.actor, 'tips.register');
  const scope = scopeFor(ctx.actor, 'tips.register');
  const received = new Date(input.receivedAt);
  const receivedOn = new Date(received.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (receivedOn > officeToday()) throw badRequest('受理时间不能晚于现在');
  if (!keepTextUnlessChanged(input.content, null).ok) throw badRequest('线索内容中有遮蔽后的号码（带 *）：请写出完整号码，或删去该号码');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const city = await repo.cityRoot(trx);
    const unit = input.orgUnitId ? await repo.unitInScope(trx, scope, input.orgUnitId) : undefined;
    if (input.orgUnitId && !unit) throw notFound();
    const code = newTrackingCode();
    const { id } = await repo.insertTip(trx, {
      code, channel: input.channel, receivedAt: received, receivedOn, content: input.content, address: input.address, lat: input.lat, lng: input.lng,
      districtId: null, gridId: unit?.level === 'grid' ? unit.id : null, orgPath: city.path, reporterName: input.reporterName, reporterPhone: input.reporterPhone,
      reporterIp: null, clientHash: null, anonymous: !input.reporterName && !input.reporterPhone,
    });
    await refreshTipStates(trx, [id]);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'tip', entityId: id, orgPath: city.path, summary: `登记举报线索 ${code}（${TIP_CHANNEL_LABELS[input.channel]}）` });
    return id;
  });
  return getTip(ctx, id);
}

const EVENT_CAPABILITY: Record<TipEventKind, 'tips.assign' | 'tips.handle' | 'tips.recheck'> = {
  assign: 'tips.assign', pass: 'tips.handle', investigate: 'tips.handle', close: 'tips.handle', recheck: 'tips.recheck', reopen: 'tips.recheck',
};

export async function recordTipEvent(ctx: ServiceCtx, id: number, input: { event: TipEventKind; onDate?: string | undefined; data: TipEventData; version: number }) {
  const capability = EVENT_CAPABILITY[input.event];
  requireCapability(ctx.actor, capability);
  const scope = scopeFor(ctx.actor, capability);
  const today = officeToday();
  const onDate = input.onDate ?? today;
  await ctx.db.transaction().execute(async (trx) => {
    const tip = await repo.findTip(trx, scope, id);
    if (!tip) throw notFound();
    // a step taken from a stale page is a conflict, whatever the step (not a rule error about the newer state)
    if (tip.version !== input.version) throw conflict();
    await holdVersion(trx, 'tips', id, input.version);
    if (tip.duplicateOf !== null) throw badRequest('该线索已合并到另一条线索，请在那条线索上办理');
    const history = (await repo.eventsOf(trx, [id])).map(asEvent);
    if (onDate > today) throw badRequest('日期不能晚于今天');
    if (onDate < tip.receivedOn) throw badRequest(`日期不能早于受理日期（${tip.receivedOn}）`);
    const last = history.at(-1);
    if (last && onDate < last.onDate) throw badRequest(`日期不能早于上一步（${TIP_EVENT_LABELS[last.event]}，${last.onDate}）`);
    // `imported` is for ledger loads only, never from a request
    const { imported: _ignored, ...data }: TipEventData = input.data;
    refuseMaskedNotes(data);
    const patch: Parameters<typeof repo.bumpTip>[3] = {};
    if (input.event === 'assign') {
      const district = data.districtId ? await repo.unitInScope(trx, scope, data.districtId) : undefined;
      if (data.districtId && (!district || district.level !== 'district')) throw badRequest('请选择一个区');
      data.deadline ??= addWorkingDays(onDate, DEFAULT_DEADLINE_WORKING_DAYS);
      if (district) Object.assign(patch, { districtId: district.id, orgPath: district.path });
    }
    if (input.event === 'pass') {
      const street = data.streetId ? await repo.unitInScope(trx, scope, data.streetId) : undefined;
      if (data.streetId && (!street || street.level !== 'street' || !street.path.startsWith(tip.orgPath))) throw badRequest('只能转交本区的街道');
      if (street) patch.orgPath = street.path;
    }
    if (input.event === 'investigate' && data.wellId) {
      // another district's well, or none at all, is answered like any record out of reach
      if (!hasCapability(ctx.actor, 'wells.read') || !(await repo.wellInScope(trx, scopeFor(ctx.actor, 'wells.read'), data.wellId))) throw notFound();
      patch.wellId = data.wellId;
    }
    try {
      transitionTip(tipAsOfFacts(history), { event: input.event, onDate, data });
    } catch (err) {
      if (err instanceof TipRuleError) throw badRequest(err.message);
      throw err;
    }
    await repo.bumpTip(trx, id, input.version, patch);
    if (patch.orgPath) await repo.movePhotos(trx, id, patch.orgPath);
    await addTipEvents(trx, [{ tipId: id, event: input.event, onDate, data, actorName: ctx.actor.displayName }]);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: `tip_${input.event}`, entityType: 'tip', entityId: id, orgPath: patch.orgPath ?? tip.orgPath,
      summary: `举报线索 ${tip.code}：${TIP_EVENT_LABELS[input.event]}（${onDate}）${data.result ? `，${data.result === 'substantiated' ? '有效' : '无效'}` : ''}`, after: eventDataFor(data, maskPersonalText),
    });
  });
  return getTip(ctx, id);
}

const tipAsOfFacts = (history: TipEvent[]) => tipAsOf(history, FAR_FUTURE);

/** The reporter's identity: city office only, and every look is written to the audit log. */
export async function revealReporter(ctx: ServiceCtx, id: number) {
  requireCapability(ctx.actor, 'tips.reporter');
  const scope = scopeFor(ctx.actor, 'tips.reporter');
  const r = await repo.findReporter(ctx.db, scope, id);
  if (!r) throw notFound();
  await insertAudit(ctx.db, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'view_reporter', entityType: 'tip', entityId: id, orgPath: r.orgPath,
    summary: `查看举报线索 ${r.code} 的举报人信息`,
  });
  return { anonymous: r.anonymous, name: r.reporterName, phone: r.reporterPhone, ip: r.reporterIp };
}

export async function mergeTip(ctx: ServiceCtx, id: number, intoId: number) {
  requireCapability(ctx.actor, 'tips.assign');
  const scope = scopeFor(ctx.actor, 'tips.assign');
  if (id === intoId) throw badRequest('不能与自身合并');
  await ctx.db.transaction().execute(async (trx) => {
    const tip = await repo.findTip(trx, scope, id);
    const into = await repo.findTip(trx, scope, intoId);
    if (!tip || !into) throw notFound();
    if (into.duplicateOf !== null) throw badRequest('目标线索本身已被合并');
    // both texts are kept: the duplicate's words are appended to the kept tip
    const merged = [into.mergedText, `【${tip.code}，${tip.receivedOn}】${tip.content}`].filter(Boolean).join('\n');
    await repo.bumpTip(trx, into.id, into.version, { mergedText: merged });
    await repo.bumpTip(trx, tip.id, tip.version, { duplicateOf: into.id });
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'merge', entityType: 'tip', entityId: id, orgPath: into.orgPath, summary: `举报线索 ${tip.code} 合并到 ${into.code}` });
  });
  return getTip(ctx, intoId);
}

type TipFacts = { tip: { id: number; duplicateOf: number | null }; facts: ReturnType<typeof tipAsOf> };

/** Every tip in scope received by the end of `asOf` (merged ones too), with its facts on that day: one read for the table and the dashboard. */
export async function tipFactsAsOf(ctx: ServiceCtx, asOf: string): Promise<TipFacts[]> {
  const scope = scopeFor(ctx.actor, 'tips.read');
  const tips = await repo.tipKeysAsOf(ctx.db, scope, asOf);
  const byTip = eventsByTip(await repo.eventsOfTipsAsOf(ctx.db, scope, asOf));
  const asFact = (e: { event: TipEventKind; onDate: string; data: unknown }): TipEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as TipEventData });
  return tips.map((tip) => ({ tip, facts: tipAsOf((byTip.get(tip.id) ?? []).map(asFact), asOf) }));
}

/** 举报线索办理情况表 as of the end of `asOf`: districts in org order, 合计 first. */
export async function tipSummaryAsOf(ctx: ServiceCtx, asOf: string, known?: TipFacts[]): Promise<TipSummary> {
  const scope = scopeFor(ctx.actor, 'tips.read');
  const districts = (await repo.districtsInScope(ctx.db, scope)).filter((d) => d.openedOn <= asOf && (d.closedOn === null || d.closedOn > asOf));
  if (districts.length === 0) throw badRequest('管辖范围内没有区级单位，无法生成分区统计');
  if (!known && (await repo.statesHoldOn(ctx.db, scope, {}, asOf))) {
    // no tip in scope has an event after the cut-off: the stored states are the states on that day, counted in SQL
    const counts = await repo.summaryCounts(ctx.db, scope, asOf);
    const zero = { received: 0, assigned: 0, closed: 0, substantiated: 0 };
    const of = (id: number | null) => counts.find((c) => c.districtId === id) ?? zero;
    const rows = districts.map((d) => ({ district: d.name, received: of(d.id).received, assigned: of(d.id).assigned, closed: of(d.id).closed, substantiated: of(d.id).substantiated }));
    return tipSummary(asOf, rows, of(null).received);
  }
  const facts = (known ?? (await tipFactsAsOf(ctx, asOf))).filter((x) => x.tip.duplicateOf === null).map((x) => x.facts);
  const rows = districts.map((d) => {
    const mine = facts.filter((f) => f.districtId === d.id);
    return {
      district: d.name,
      received: mine.length,
      assigned: mine.filter((f) => f.assignedOn !== null).length,
      closed: mine.filter((f) => f.state === 'closed').length,
      substantiated: mine.filter((f) => f.result === 'substantiated').length,
    };
  });
  return tipSummary(asOf, rows, facts.filter((f) => f.districtId === null).length);
}

export async function overdueTips(ctx: ServiceCtx) {
  const list = await listTipsFor(ctx, { overdue: 'true', page: 1, pageSize: 100_000 });
  const by = new Map<string, TipView[]>();
  for (const t of list.tips) (by.get(t.district ?? '未交办') ?? by.set(t.district ?? '未交办', []).get(t.district ?? '未交办')!).push(t);
  return { asOf: officeToday(), districts: [...by].map(([district, tips]) => ({ district, overdue: tips.length, tips })) };
}

/** Tips to a sheet; the reporter columns only for the city office when asked, and that is audited. */
export async function exportTips(ctx: ServiceCtx, includeReporter: boolean): Promise<Buffer> {
  const scope = scopeFor(ctx.actor, 'tips.read');
  if (includeReporter) requireCapability(ctx.actor, 'tips.reporter');
  const rows = await repo.exportRows(ctx.db, scope);
  const events = await repo.eventsOf(ctx.db, rows.map((r) => r.id));
  const place = await placesOf(ctx.db, rows);
  const header = ['线索编号', '受理日期', '来源渠道', '所属区', '状态', '交办日期', '办结日期', '是否有效', '内容', '地点', ...(includeReporter ? ['举报人', '联系电话'] : [])];
  const byTip = eventsByTip(events);
  const text = tipTextFor(ctx.actor);
  const body = rows.map((r) => {
    const f = tipAsOf((byTip.get(r.id) ?? []).map(asEvent), FAR_FUTURE);
    return [
      r.code, r.receivedOn, TIP_CHANNEL_LABELS[r.channel], place(r)[0] ?? '', TIP_STATE_LABELS[f.state], f.assignedOn ?? '', f.closedOn ?? '',
      f.result === 'substantiated' ? '是' : f.result === 'unsubstantiated' ? '否' : '', text(r.content), r.address,
      ...(includeReporter ? [r.reporterName ?? '', r.reporterPhone ?? ''] : []),
    ];
  });
  if (includeReporter) {
    await insertAudit(ctx.db, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'export_reporters', entityType: 'tip', entityId: null, orgPath: null, summary: `导出举报线索（含举报人信息）${rows.length} 条` });
  }
  return writeXlsx('举报线索', header, body);
}


/** Loads tips kept in spreadsheets: every row, or none. */
export async function importTipSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }) {
  requireCapability(ctx.actor, 'tips.register');
  const scope = scopeFor(ctx.actor, 'tips.register');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const districts = (await repo.districtsByName(trx)).filter((d) => scope.paths.some((p) => d.path.startsWith(p)));
    const codes = sheet.body.map((r) => r[sheet.header.indexOf('线索编号')] ?? '').filter(Boolean);
    const plan = planTipSheet(sheet.header, sheet.body, sheet.firstDataRow, { districts, takenCodes: await repo.codesExisting(trx, codes), today: officeToday() });
    if (plan.errors.length) throw rowErrors(plan.errors);
    if (!input.dryRun) await applyPlannedTips(trx, ctx, plan.tips, input.fileName);
    return { applied: !input.dryRun, created: plan.tips.length };
  });
}

export async function applyPlannedTips(trx: Kysely<DB>, ctx: ServiceCtx, tips: PlannedTip[], source: string) {
  const city = await repo.cityRoot(trx);
  const districts = new Map((await repo.districtsByName(trx)).map((d) => [d.id, d]));
  const events: Parameters<typeof addTipEvents>[1][number][] = [];
  const ids: number[] = [];
  for (const t of tips) {
    const district = t.districtId ? districts.get(t.districtId) : undefined;
    const { id } = await repo.insertTip(trx, {
      code: t.code, channel: t.channel, receivedAt: new Date(`${t.receivedOn}T09:00:00+08:00`), receivedOn: t.receivedOn, content: t.content, address: '', lat: null, lng: null,
      districtId: district?.id ?? null, gridId: null, orgPath: district?.path ?? city.path, reporterName: null, reporterPhone: null, reporterIp: null, clientHash: null, anonymous: true,
    });
    ids.push(id);
    for (const e of t.events) events.push({ tipId: id, event: e.event, onDate: e.onDate, data: e.data, actorName: ctx.actor.displayName });
  }
  await addTipEvents(trx, events, ids);
  await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'tip', entityId: null, orgPath: city.path, summary: `导入举报线索（${source}）${tips.length} 条` });
}
