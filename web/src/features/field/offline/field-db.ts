import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Bundle, Card, CardData, Conflict, Me, Op, RecordConflict } from '../api/field-api';

/**
 * The phone's own copy of the worker's grids (IndexedDB, one database per user) and the queue of
 * what was done offline. Nothing here is trusted by the server: every operation is checked again
 * when it syncs.
 */

export type LocalPhoto = { opId: string; dataUrl: string; fileName: string };

export type LocalCard = {
  /** `s<id>` for a card loaded from the server, `l<createOpId>` for one made on this phone */
  key: string;
  serverId: number | null;
  /** the queued create of a card made offline: later operations name the card by it */
  createOpId: string | null;
  gridId: number;
  data: CardData;
  /** the version the server last reported; an edit is based on it */
  serverVersion: number | null;
  /** the card as the server last sent it (photos, grid name) */
  view: Card | null;
  localPhotos: LocalPhoto[];
  updatedAt: string;
};

/** A well to seal as cached, with what was recorded on this phone and not yet synced. */
export type LocalWell = Bundle['wellsToSeal'][number] & { localSteps?: string[]; localPhotos?: number };
export type LocalInspection = Bundle['inspections'][number] & { localPhotos?: number };
export type LocalCheck = Bundle['checks'][number] & { localOutcome?: string };

export type OpStatus = 'pending' | 'conflict' | 'failed';
export type QueuedOp = {
  seq?: number;
  opId: string;
  /** the record the operation is about: a card's key, or `w<id>` (well), `i<id>` (inspection), `c<id>` (verification task) */
  cardKey: string;
  op: Op;
  status: OpStatus;
  /** 409: the office's version and the one sent */
  conflict?: Conflict | RecordConflict;
  error?: string;
  createdAt: string;
};

export type Session = { me: Me; csrfToken: string };
export type Meta = { session?: Session; lastSyncAt?: string; bundleAt?: string; gpsAccuracyLimitM?: number; truncated?: boolean; canRecordWells?: boolean };

interface FieldSchema extends DBSchema {
  meta: { key: string; value: unknown };
  grids: { key: number; value: Bundle['grids'][number] };
  wells: { key: number; value: LocalWell };
  inspections: { key: number; value: LocalInspection };
  checks: { key: number; value: LocalCheck };
  cards: { key: string; value: LocalCard; indexes: { byGrid: number } };
  ops: { key: number; value: QueuedOp; indexes: { byOpId: string } };
}

export type FieldDb = IDBPDatabase<FieldSchema>;

const LAST_USER_KEY = 'wellseal.field.user';
const DB_PREFIX = 'wellseal-field-';
const dbName = (userId: number) => `${DB_PREFIX}${userId}`;

/** Offline, the page cannot ask the server who is signed in: the last online session's user opens their own database. */
export function rememberUser(userId: number): void {
  localStorage.setItem(LAST_USER_KEY, String(userId));
}
export function lastUser(): number | null {
  const v = Number(localStorage.getItem(LAST_USER_KEY));
  return Number.isInteger(v) && v > 0 ? v : null;
}

export function openFieldDb(userId: number): Promise<FieldDb> {
  const db = openDB<FieldSchema>(dbName(userId), 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('meta');
        db.createObjectStore('grids', { keyPath: 'gridId' });
        db.createObjectStore('wells', { keyPath: 'id' });
        db.createObjectStore('cards', { keyPath: 'key' }).createIndex('byGrid', 'gridId');
        db.createObjectStore('ops', { keyPath: 'seq', autoIncrement: true }).createIndex('byOpId', 'opId', { unique: true });
      }
      // 2: inspections (督导核查) and verification tasks (核查任务)
      if (oldVersion < 2) {
        db.createObjectStore('inspections', { keyPath: 'id' });
        db.createObjectStore('checks', { keyPath: 'id' });
      }
    },
    // a logout (in this tab or another) deletes the database: an open connection must not hold that up
    blocking() {
      void db.then((d) => d.close());
    },
  });
  return db;
}

/** What the phone holds that the server has not got yet: queued, conflicting and refused records. */
export type UnsentWork = { pending: number; conflicts: number; failed: number; total: number };

async function fieldDbExists(userId: number): Promise<boolean> {
  // opening a database that is not there would create it; where the browser cannot list them, assume it is there
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === dbName(userId));
}

export async function unsentFieldWork(userId: number): Promise<UnsentWork> {
  if (!(await fieldDbExists(userId))) return { pending: 0, conflicts: 0, failed: 0, total: 0 };
  const db = await openFieldDb(userId);
  try {
    const ops = await db.getAll('ops');
    const count = (s: OpStatus) => ops.filter((o) => o.status === s).length;
    return { pending: count('pending'), conflicts: count('conflict'), failed: count('failed'), total: ops.length };
  } finally {
    db.close();
  }
}

/**
 * Logging out on a shared phone: the user's copy of residents' cards, wells and photos goes, and
 * so does the memory that opens it offline. A connection of an old tab that ignores the request
 * cannot hold the logout: the deletion then completes when that tab closes.
 */
export async function forgetFieldData(userId: number): Promise<void> {
  if (lastUser() === userId) localStorage.removeItem(LAST_USER_KEY);
  if (!(await fieldDbExists(userId))) return;
  await Promise.race([deleteDB(dbName(userId)), new Promise((r) => setTimeout(r, 3000))]);
}

export async function readMeta(db: FieldDb): Promise<Meta> {
  return ((await db.get('meta', 'meta')) as Meta | undefined) ?? {};
}

export async function patchMeta(db: FieldDb, patch: Partial<Meta>): Promise<Meta> {
  const tx = db.transaction('meta', 'readwrite');
  const next = { ...(((await tx.store.get('meta')) as Meta | undefined) ?? {}), ...patch };
  await tx.store.put(next, 'meta');
  await tx.done;
  return next;
}

/** The form's fields of a card as the server sent it. */
export function dataOf(c: Card): CardData {
  return {
    kind: c.kind, name: c.name, address: c.address, contactName: c.contactName, contactPhone: c.contactPhone, industry: c.industry,
    tapAccounts: c.tapAccounts, households: c.households, persons: c.persons, beds: c.beds, areaM2: c.areaM2, wellsDeclared: c.wellsDeclared,
    waterSource: c.waterSource, lat: c.lat, lng: c.lng, gpsAccuracyM: c.gpsAccuracyM, surveyedOn: c.surveyedOn, remarks: c.remarks,
    pledgeSigned: c.pledgeSigned, pledgeStamped: c.pledgeStamped, pledgeDate: c.pledgeDate,
  };
}

export function serverCard(c: Card): LocalCard {
  return { key: `s${c.id}`, serverId: c.id, createOpId: null, gridId: c.gridId, data: dataOf(c), serverVersion: c.version, view: c, localPhotos: [], updatedAt: c.updatedAt };
}

/**
 * Replaces the cached grids, wells and cards with a fresh bundle, keeping every card that still
 * has queued work (its local state is newer than the server's until that work syncs).
 */
export async function storeBundle(db: FieldDb, bundle: Bundle): Promise<void> {
  const tx = db.transaction(['grids', 'wells', 'inspections', 'checks', 'cards', 'ops'], 'readwrite');
  const ops = await tx.objectStore('ops').getAll();
  const busyKeys = new Set(ops.map((o) => o.cardKey));
  // wells, inspections and tasks with queued work keep their local state until it syncs
  const wells = tx.objectStore('wells');
  const inspections = tx.objectStore('inspections');
  const checks = tx.objectStore('checks');
  const cards = tx.objectStore('cards');
  const grids = tx.objectStore('grids');
  const keptWells = (await wells.getAll()).filter((w) => busyKeys.has(`w${w.id}`));
  const keptInsp = (await inspections.getAll()).filter((i) => busyKeys.has(`i${i.id}`));
  const keptChecks = (await checks.getAll()).filter((c) => busyKeys.has(`c${c.id}`));
  const kept = (await cards.getAll()).filter((c) => busyKeys.has(c.key));
  const keptIds = new Set(kept.map((c) => c.serverId).filter((id) => id !== null));
  await Promise.all([wells.clear(), inspections.clear(), checks.clear(), grids.clear(), cards.clear()]);
  // all writes queued at once in the one transaction (a street's or district's bundle holds thousands of cards)
  await Promise.all([
    ...keptWells.map((w) => wells.put(w)),
    ...bundle.wellsToSeal.filter((w) => !busyKeys.has(`w${w.id}`)).map((w) => wells.put(w)),
    ...keptInsp.map((i) => inspections.put(i)),
    ...bundle.inspections.filter((i) => !busyKeys.has(`i${i.id}`)).map((i) => inspections.put(i)),
    ...keptChecks.map((c) => checks.put(c)),
    ...bundle.checks.filter((c) => !busyKeys.has(`c${c.id}`)).map((c) => checks.put(c)),
    ...bundle.grids.map((g) => grids.put(g)),
    ...kept.map((c) => cards.put(c)),
    ...bundle.cards.filter((c) => !keptIds.has(c.id)).map((c) => cards.put(serverCard(c))),
    tx.done,
  ]);
}
