import { nextWellEvents, transitionWell, type WellEventData, type WellEventKind } from '@domain/well/lifecycle';
import { fetchBundle, fetchSession, isRecordConflict, sendOp, type Answer, type CardData, type Op } from '../api/field-api';
import { dataOf, patchMeta, readMeta, storeBundle, type FieldDb, type LocalCard, type QueuedOp } from './field-db';
import { deviceNowIso, setOfficeTimeZone } from '../../../lib/office-clock';

export type Gps = { lat: number; lng: number; accuracyM: number | null };
export type NewWellPhoto = { stage: 'before' | 'after' | 'meter' | 'general'; fileName: string; base64: string; gps: Gps | null };
/** the queued operations that change a versioned record (each bumps its version by one) */
const VERSIONED = new Set(['well.transition', 'inspection.note', 'check.outcome']);
const TARGETS = { w: 'well', i: 'inspection', c: 'check' } as const;

/**
 * The field app's queue and its sync. Operations go to the server one at a time, in the order
 * they were made. No answer (offline, a dropped or killed request) stops the run and leaves the
 * operation queued: sent again later with the same opId, the server applies it at most once. A
 * conflict parks the operation until the worker chooses; a refusal parks it with the reason.
 */

export type SyncState = {
  online: boolean;
  syncing: boolean;
  pending: number;
  conflicts: QueuedOp[];
  failed: QueuedOp[];
  lastSyncAt: string | null;
  /** the last run's problem, in Chinese */
  message: string | null;
  needsLogin: boolean;
  /** bumps whenever cached data changes (pages re-read IndexedDB) */
  rev: number;
};

const newId = () => crypto.randomUUID();
const now = () => deviceNowIso();

export class FieldStore {
  private state: SyncState;
  private listeners = new Set<() => void>();
  private inFlight: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private csrfToken: string;

  constructor(readonly db: FieldDb, csrfToken: string, lastSyncAt: string | null) {
    this.csrfToken = csrfToken;
    this.state = { online: navigator.onLine, syncing: false, pending: 0, conflicts: [], failed: [], lastSyncAt, message: null, needsLogin: false, rev: 0 };
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getState = () => this.state;

  private set(patch: Partial<SyncState>) {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  async refreshCounts(bump = true): Promise<void> {
    const ops = await this.db.getAll('ops');
    this.set({
      pending: ops.filter((o) => o.status === 'pending').length,
      conflicts: ops.filter((o) => o.status === 'conflict'),
      failed: ops.filter((o) => o.status === 'failed'),
      ...(bump ? { rev: this.state.rev + 1 } : {}),
    });
  }

  setOnline(online: boolean) {
    this.set({ online });
    if (online) void this.sync();
  }

  // ------------------------------------------------------------ recording work offline

  /** A new card (with its photos) saved on the phone and queued. */
  async createCard(gridId: number, data: CardData, photos: { fileName: string; base64: string; mime: string }[]): Promise<string> {
    const createOpId = newId();
    const key = `l${createOpId}`;
    const tx = this.db.transaction(['cards', 'ops'], 'readwrite');
    const card: LocalCard = { key, serverId: null, createOpId, gridId, data, serverVersion: null, view: null, localPhotos: [], updatedAt: now() };
    await tx.objectStore('ops').add({ opId: createOpId, cardKey: key, op: { opId: createOpId, kind: 'card.create', card: { ...data, gridId } }, status: 'pending', createdAt: now() });
    for (const p of photos) card.localPhotos.push(await this.queuePhoto(tx.objectStore('ops'), card, p));
    await tx.objectStore('cards').put(card);
    await tx.done;
    await this.afterChange();
    return key;
  }

  /**
   * An edit of a cached card: folded into its queued create or edit when that has not been sent
   * yet. A create or edit the server refused is corrected this way and queued again.
   */
  async editCard(key: string, data: CardData, photos: { fileName: string; base64: string; mime: string }[]): Promise<void> {
    const tx = this.db.transaction(['cards', 'ops'], 'readwrite');
    const cards = tx.objectStore('cards');
    const ops = tx.objectStore('ops');
    const card = await cards.get(key);
    if (!card) throw new Error('户卡不存在');
    const mine = (await ops.getAll()).filter((o) => o.cardKey === key && o.status !== 'conflict' && o.opId !== this.inFlight);
    const create = mine.find((o) => o.op.kind === 'card.create');
    const update = mine.find((o) => o.op.kind === 'card.update');
    if (create && create.op.kind === 'card.create') {
      create.op = { ...create.op, card: { ...data, gridId: card.gridId } };
      await ops.put({ ...create, status: 'pending', error: undefined });
    } else if (update && update.op.kind === 'card.update') {
      update.op = { ...update.op, data };
      await ops.put({ ...update, status: 'pending', error: undefined });
    } else {
      const opId = newId();
      const ref = card.serverId !== null ? { id: card.serverId } : { opId: card.createOpId! };
      await ops.add({ opId, cardKey: key, op: { opId, kind: 'card.update', card: ref, baseVersion: card.serverVersion ?? 1, data }, status: 'pending', createdAt: now() });
    }
    card.data = data;
    card.updatedAt = now();
    for (const p of photos) card.localPhotos.push(await this.queuePhoto(ops, card, p));
    await cards.put(card);
    await tx.done;
    await this.afterChange();
  }

  private async queuePhoto(ops: { add(v: QueuedOp): Promise<number> }, card: LocalCard, p: { fileName: string; base64: string; mime: string }) {
    const opId = newId();
    const ref = card.serverId !== null ? { id: card.serverId } : { opId: card.createOpId! };
    await ops.add({ opId, cardKey: card.key, op: { opId, kind: 'card.photo', card: ref, ownerType: 'card', fileName: p.fileName, content: p.base64 }, status: 'pending', createdAt: now() });
    return { opId, fileName: p.fileName, dataUrl: `data:${p.mime};base64,${p.base64}` };
  }

  /** 保留我的: the field version is sent again, now based on the office's current version. */
  async keepMine(seq: number): Promise<void> {
    const op = await this.db.get('ops', seq);
    if (!op || op.status !== 'conflict' || op.op.kind !== 'card.update' || !op.conflict || isRecordConflict(op.conflict)) return;
    op.op = { ...op.op, baseVersion: op.conflict.current.version };
    op.status = 'pending';
    delete op.conflict;
    await this.db.put('ops', op);
    await this.afterChange();
  }

  /** 采用办公室的: the card takes the office's version; the field version is sent to the card's history. */
  async takeOffice(seq: number): Promise<void> {
    const tx = this.db.transaction(['cards', 'ops'], 'readwrite');
    const op = await tx.objectStore('ops').get(seq);
    if (!op || op.status !== 'conflict' || op.op.kind !== 'card.update' || !op.conflict || isRecordConflict(op.conflict)) return;
    const current = op.conflict.current;
    op.op = { opId: op.opId, kind: 'card.discard', card: op.op.card, baseVersion: op.op.baseVersion, officeVersion: current.version, data: op.op.data };
    op.status = 'pending';
    delete op.conflict;
    await tx.objectStore('ops').put(op);
    const card = await tx.objectStore('cards').get(op.cardKey);
    if (card) {
      await tx.objectStore('cards').put({ ...card, data: dataOf(current), view: current, serverVersion: current.version, updatedAt: now() });
    }
    await tx.done;
    await this.afterChange();
  }

  /**
   * Drops an operation the server refused (the worker read the reason). A refused sealing step,
   * inspection note or outcome is not just deleted: it goes to the record's audit log (未采用).
   */
  async dropFailed(seq: number): Promise<void> {
    const op = await this.db.get('ops', seq);
    if (op && VERSIONED.has(op.op.kind) && 'baseVersion' in op.op) {
      const { opId: _o, kind: _k, ...rest } = op.op as Record<string, unknown>;
      const data = { 操作: op.op.kind, ...rest, 被拒绝原因: op.error ?? '' };
      await this.db.put('ops', { ...op, status: 'pending', error: undefined, op: this.discardOf(op, op.op.baseVersion, data) });
    } else await this.db.delete('ops', seq);
    await this.afterChange();
  }

  private discardOf(op: QueuedOp, officeVersion: number, data: Record<string, unknown>): Op {
    const target = TARGETS[op.cardKey[0] as keyof typeof TARGETS];
    return { opId: op.opId, kind: 'record.discard', target, targetId: Number(op.cardKey.slice(1)), baseVersion: (op.op as { baseVersion: number }).baseVersion, officeVersion, data };
  }

  // ------------------------------------------------------------ sealing records, inspection notes, verification outcomes

  /** 封井记录: a lifecycle step (with where it was recorded) and well photos, saved on the phone and queued. */
  async recordWell(wellId: number, step: { event: WellEventKind; onDate: string; data: WellEventData; gps: Gps | null } | null, photos: NewWellPhoto[]): Promise<void> {
    const tx = this.db.transaction(['wells', 'ops'], 'readwrite');
    const well = await tx.objectStore('wells').get(wellId);
    if (!well) throw new Error('井不存在');
    const key = `w${wellId}`;
    const ops = tx.objectStore('ops');
    if (step) {
      const opId = newId();
      await ops.add({ opId, cardKey: key, op: { opId, kind: 'well.transition', wellId, baseVersion: well.version, event: step.event, onDate: step.onDate, data: step.data, gps: step.gps }, status: 'pending', createdAt: now() });
      // the phone follows the step: the next one (e.g. 验收 after 封井) is based on the version this one makes
      const facts = transitionWell({ stage: well.stage, disposition: 'seal', sealMode: step.data.sealMode ?? null }, { event: step.event, onDate: step.onDate, data: step.data });
      well.stage = facts.stage;
      well.next = nextWellEvents(facts);
      well.version += 1;
      well.localSteps = [...(well.localSteps ?? []), step.event];
    }
    for (const p of photos) {
      const opId = newId();
      await ops.add({ opId, cardKey: key, op: { opId, kind: 'well.photo', wellId, stage: p.stage, gps: p.gps, fileName: p.fileName, content: p.base64 }, status: 'pending', createdAt: now() });
    }
    well.localPhotos = (well.localPhotos ?? 0) + photos.length;
    await tx.objectStore('wells').put(well);
    await tx.done;
    await this.afterChange();
  }

  /** 督导核查: the inspection's notes (and photos), saved on the phone and queued. */
  async noteInspection(id: number, narrative: string, photos: { fileName: string; base64: string }[]): Promise<void> {
    const tx = this.db.transaction(['inspections', 'ops'], 'readwrite');
    const insp = await tx.objectStore('inspections').get(id);
    if (!insp) throw new Error('督导记录不存在');
    const key = `i${id}`;
    const ops = tx.objectStore('ops');
    if (narrative !== insp.narrative) {
      const opId = newId();
      await ops.add({ opId, cardKey: key, op: { opId, kind: 'inspection.note', inspectionId: id, baseVersion: insp.version, narrative }, status: 'pending', createdAt: now() });
      insp.narrative = narrative;
      insp.version += 1;
    }
    for (const p of photos) {
      const opId = newId();
      await ops.add({ opId, cardKey: key, op: { opId, kind: 'inspection.photo', inspectionId: id, fileName: p.fileName, content: p.base64 }, status: 'pending', createdAt: now() });
    }
    insp.localPhotos = (insp.localPhotos ?? 0) + photos.length;
    await tx.objectStore('inspections').put(insp);
    await tx.done;
    await this.afterChange();
  }

  /** 核查任务: the visit's outcome, saved on the phone and queued. */
  async recordCheck(id: number, outcome: 'normal' | 'no_access', checkedOn: string, note: string | null): Promise<void> {
    const tx = this.db.transaction(['checks', 'ops'], 'readwrite');
    const check = await tx.objectStore('checks').get(id);
    if (!check) throw new Error('核查任务不存在');
    const opId = newId();
    await tx.objectStore('ops').add({ opId, cardKey: `c${id}`, op: { opId, kind: 'check.outcome', checkId: id, baseVersion: check.version, outcome, checkedOn, note }, status: 'pending', createdAt: now() });
    await tx.objectStore('checks').put({ ...check, version: check.version + 1, localOutcome: outcome });
    await tx.done;
    await this.afterChange();
  }

  /** 重新提交: the worker's record is sent again on top of the office's current version (later records of it follow). */
  async resubmit(seq: number): Promise<void> {
    const tx = this.db.transaction('ops', 'readwrite');
    const op = await tx.store.get(seq);
    if (!op || op.status !== 'conflict' || !isRecordConflict(op.conflict) || !('baseVersion' in op.op)) return;
    const current = op.conflict.current.version;
    await tx.store.put({ ...op, status: 'pending', conflict: undefined, op: { ...op.op, baseVersion: current } as Op });
    await this.rebaseLater(tx.store, op, current + 1);
    await tx.done;
    await this.afterChange();
  }

  /** 放弃我的: the record keeps the office's version; the worker's record goes to its audit log as 未采用. */
  async dropMine(seq: number): Promise<void> {
    const tx = this.db.transaction('ops', 'readwrite');
    const op = await tx.store.get(seq);
    if (!op || op.status !== 'conflict' || !isRecordConflict(op.conflict)) return;
    const current = op.conflict.current.version;
    await tx.store.put({ ...op, status: 'pending', conflict: undefined, op: this.discardOf(op, current, { ...op.conflict.submitted }) });
    await this.rebaseLater(tx.store, op, current);
    await tx.done;
    await this.afterChange();
  }

  /** Later versioned operations of the same record, made on top of `op`, are based on `version` and the ones after it. */
  private async rebaseLater(store: { getAll(): Promise<QueuedOp[]>; put(v: QueuedOp): Promise<number> }, op: QueuedOp, version: number) {
    let v = version;
    for (const o of (await store.getAll()).filter((x) => x.cardKey === op.cardKey && x.seq! > op.seq! && x.status === 'pending' && VERSIONED.has(x.op.kind))) {
      await store.put({ ...o, op: { ...o.op, baseVersion: v } as Op });
      v += 1;
    }
  }

  private async afterChange() {
    await this.refreshCounts();
    if (this.state.online) void this.sync();
  }

  // ------------------------------------------------------------ sync

  /**
   * Runs the queue now (立即同步). A run already going is joined, not doubled; work saved while it
   * runs (after it read the queue) gets one more run at its end instead of waiting for the timer.
   */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.run();
      } while (this.again && this.state.online && !this.state.needsLogin);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    this.set({ syncing: true, message: null });
    try {
      // a fresh CSRF token (the session may have been renewed since the page was opened)
      const session = await fetchSession();
      if (session.kind === 'network') return this.set({ online: false, message: '无法连接服务器，已保存在本机，联网后自动同步' });
      if (session.kind !== 'ok') return this.set({ needsLogin: true, message: '登录已失效，请重新登录后同步（本机记录不会丢失）' });
      this.csrfToken = session.value.csrfToken;
      setOfficeTimeZone(session.value.office.timeZone);
      await patchMeta(this.db, { session: { me: session.value.user, csrfToken: session.value.csrfToken } });
      // the answer may arrive after the connection dropped again: the browser's own state wins
      this.set({ online: navigator.onLine, needsLogin: false });

      for (;;) {
        const ops = await this.db.getAll('ops');
        const blocked = new Set(ops.filter((o) => o.status !== 'pending').map((o) => o.cardKey));
        // in order; a card whose earlier operation waits for a choice keeps its later ones waiting too
        const next = ops.find((o) => o.status === 'pending' && !blocked.has(o.cardKey));
        if (!next) break;
        this.inFlight = next.opId;
        const outcome = await sendOp(next.op as Op, this.csrfToken);
        this.inFlight = null;
        if (outcome.kind === 'network') return this.set({ message: '同步中断，未完成的记录仍在本机，稍后自动重试' });
        if (outcome.kind === 'clock') return this.set({ message: outcome.message });
        if (outcome.kind === 'unauthorized') return this.set({ needsLogin: true, message: '登录已失效，请重新登录后同步（本机记录不会丢失）' });
        if (outcome.kind === 'ok') await this.applied(next, outcome.value);
        else if (outcome.kind === 'conflict') await this.db.put('ops', { ...next, status: 'conflict', conflict: outcome.details });
        else await this.db.put('ops', { ...next, status: 'failed', error: outcome.message });
        await this.refreshCounts();
      }
      const bundle = await fetchBundle();
      if (bundle.kind === 'ok') {
        await storeBundle(this.db, bundle.value);
        const at = now();
        await patchMeta(this.db, { lastSyncAt: at, bundleAt: bundle.value.generatedAt, gpsAccuracyLimitM: bundle.value.gpsAccuracyLimitM, truncated: bundle.value.truncated, canRecordWells: bundle.value.canRecordWells });
        // the lists are read again with the new time: a page showing this sync's time shows this sync's data
        this.set({ lastSyncAt: at, rev: this.state.rev + 1 });
      } else if (bundle.kind === 'network') {
        this.set({ message: '同步中断，稍后自动重试' });
      }
    } finally {
      this.inFlight = null;
      this.set({ syncing: false });
      await this.refreshCounts();
    }
  }

  /** The server applied (or had applied) an operation: the card takes the server's state. */
  private async applied(op: QueuedOp, answer: Answer) {
    if (!answer.card) {
      // a well, inspection or task: the phone predicted its version; the fresh bundle after the run replaces the rest
      await this.db.delete('ops', op.seq!);
      return;
    }
    const tx = this.db.transaction(['cards', 'ops'], 'readwrite');
    const ops = tx.objectStore('ops');
    await ops.delete(op.seq!);
    const cards = tx.objectStore('cards');
    const card = await cards.get(op.cardKey);
    if (card) {
      const before = card.serverVersion;
      const rest = (await ops.getAll()).filter((o) => o.cardKey === card.key);
      // later edits of this card were made on top of this one: they are based on the version it produced
      for (const o of rest) {
        if (o.op.kind === 'card.update' && o.op.baseVersion === (before ?? 1) && answer.card.version > (before ?? 1)) await ops.put({ ...o, op: { ...o.op, baseVersion: answer.card.version } });
      }
      const view = answer.card;
      await cards.put({
        ...card,
        serverId: view.id,
        serverVersion: view.version,
        view,
        data: rest.some((o) => o.op.kind !== 'card.photo') ? card.data : dataOf(view),
        localPhotos: card.localPhotos.filter((p) => p.opId !== op.opId),
      });
    }
    await tx.done;
  }
}

export async function storeFor(db: FieldDb, csrfToken: string): Promise<FieldStore> {
  const meta = await readMeta(db);
  const store = new FieldStore(db, csrfToken, meta.lastSyncAt ?? null);
  await store.refreshCounts();
  return store;
}
