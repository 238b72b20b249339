/**
 * The water company's files in: accounts (all or nothing, like every sheet import) and meter
 * readings (streamed, millions of rows, loaded in committed chunks that stay invisible until the
 * import applies; a load cut off resumes after its last committed row; bad rows hold the import
 * back until the uploader accepts or discards it; re-importing a period replaces it).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Progress, ServiceCtx } from '../../context.js';
import { auditActor } from '../../context.js';
import { officeFor, requireCapability } from '../../auth/policies.js';
import { pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { insertAudit } from '../audit/audit.repo.js';
import { badRequest, conflict, notFound, rowErrors } from '../../http/errors.js';
import { streamRows, type FileRow } from '../../files/row-stream.js';
import { officeToday } from '../../clock.js';
import type { RowError } from '../../../domain/org/org-import.js';
import { ACCOUNT_COLUMNS, ACCOUNT_REQUIRED, ALIASES, parseAccountRow, parseReadingRow, READING_COLUMNS, READING_REQUIRED, type AccountFields } from '../../../domain/utility/rows.js';
import * as repo from './utility.repo.js';

/** A file on disk (CLI, a web upload saved first) or in memory (a small sheet sent as base64). */
export type ImportSource = { fileName: string } & ({ path: string } | { data: Buffer });

const open = (src: ImportSource): Readable => ('path' in src ? fs.createReadStream(src.path) : Readable.from([src.data]));
const sizeOf = (src: ImportSource): number => ('path' in src ? fs.statSync(src.path).size : src.data.length);

async function sha256Of(src: ImportSource): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of open(src)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** How many bad rows are kept for the report (all are counted). */
const ERRORS_KEPT = 200;
const CHUNK = 20_000;

/** Column positions from the header row; missing required columns are errors on that row. */
function mapHeader(header: FileRow, columns: readonly string[], required: ReadonlySet<string>): { at: Map<string, number>; errors: RowError[] } {
  const at = new Map<string, number>();
  const errors: RowError[] = [];
  for (const col of columns) {
    const names = [col, ...(ALIASES[col] ?? [])];
    const i = header.cells.findIndex((h) => names.includes(h.replace(/^\uFEFF/, '').trim()));
    if (i >= 0) at.set(col, i);
    else if (required.has(col)) errors.push({ row: header.row, column: col, message: `缺少必填列“${col}”` });
  }
  return { at, errors };
}

/** The header row (the first non-blank row) and the data rows after it. */
async function* withHeader(rows: AsyncGenerator<FileRow>): AsyncGenerator<{ header: FileRow } | { data: FileRow }> {
  let seen = false;
  for await (const r of rows) {
    if (r.cells.every((c) => c === '')) continue;
    yield seen ? { data: r } : { header: r };
    seen = true;
  }
}

/** The office a water-company upload belongs to: the uploader's unit (the city for the command line). */
function supplierOf(ctx: ServiceCtx): { scope: Scope; path: string } {
  requireCapability(ctx.actor, 'utility.upload');
  return { scope: scopeFor(ctx.actor, 'utility.upload'), path: officeFor(ctx.actor, 'utility.upload').path };
}

// ---------------------------------------------------------------- accounts

export type AccountImportResult = {
  applied: boolean; rows: number; created: number; updated: number; unchanged: number;
  matchedByCard: number; matchedByGridCode: number; matchedByAddress: number; unmatched: number;
};

const sameAccount = (a: repo.AccountValues, b: repo.AccountValues) =>
  (['name', 'address', 'category', 'industry', 'households', 'persons', 'beds', 'areaM2', 'gridId', 'cardId', 'matchedBy', 'orgPath', 'supplierPath'] as const).every((k) => a[k] === b[k]);

/**
 * Accounts: matched to a card by the account number on it, else to a grid by 网格编号, else to a
 * card at the same address. Every row applies, or none (the bad rows are reported).
 */
export async function importAccounts(ctx: ServiceCtx, src: ImportSource, opts: { dryRun: boolean; progress?: Progress }): Promise<AccountImportResult> {
  const supplier = supplierOf(ctx);
  const size = sizeOf(src);
  const [grids, cards, existing, city] = await Promise.all([repo.openGrids(ctx.db), repo.cardsByAccount(ctx.db), repo.accountsByNo(ctx.db), repo.cityPath(ctx.db)]);
  const errors: RowError[] = [];
  let errorCount = 0;
  const fail = (row: number, column: string, message: string) => {
    errorCount++;
    if (errors.length < 1000) errors.push({ row, column, message });
  };
  const rows: { row: number; v: AccountFields }[] = [];
  const seen = new Map<string, number>();
  let at = new Map<string, number>();
  for await (const item of withHeader(streamRows(open(src), src.fileName, (b) => opts.progress?.(Math.min(b, size), size, '正在检查')))) {
    if ('header' in item) {
      const h = mapHeader(item.header, ACCOUNT_COLUMNS, ACCOUNT_REQUIRED);
      if (h.errors.length) throw rowErrors(h.errors, '导入文件缺少必填列，未导入任何数据');
      at = h.at;
      continue;
    }
    const { row, cells } = item.data;
    const cell = (c: string) => (at.has(c) ? (cells[at.get(c)!] ?? '') : '');
    const { value, errors: es } = parseAccountRow(cell);
    for (const c of ACCOUNT_REQUIRED) if (!cell(c)) es.unshift({ column: c, message: '不能为空' });
    if (value.accountNo && seen.has(value.accountNo)) es.push({ column: '户号', message: `与第${seen.get(value.accountNo)}行重复` });
    if (value.gridCode && !grids.byCode.has(value.gridCode)) es.push({ column: '网格编号', message: `网格编号“${value.gridCode}”不存在` });
    const old = existing.get(value.accountNo);
    if (old && !pathInScope(supplier.scope, old.supplierPath)) es.push({ column: '户号', message: '该户号由其他供水单位管理' });
    for (const e of es) fail(row, e.column, e.message);
    if (!seen.has(value.accountNo)) seen.set(value.accountNo, row);
    if (!es.length) rows.push({ row, v: value });
  }
  if (errorCount) throw rowErrors(errors, errorCount > errors.length ? `导入文件有${errorCount}处错误（列出前${errors.length}处），未导入任何数据` : undefined);
  if (!rows.length && !seen.size) throw badRequest('文件中没有用水户数据');

  const result: AccountImportResult = { applied: false, rows: rows.length, created: 0, updated: 0, unchanged: 0, matchedByCard: 0, matchedByGridCode: 0, matchedByAddress: 0, unmatched: 0 };
  const values: repo.AccountValues[] = rows.map(({ v }) => {
    const card = cards.byAccount.get(v.accountNo) ?? null;
    const byAddress = !card && !v.gridCode ? cards.byAddress(v.address) : null;
    const match = card ? { card, by: 'card' as const } : v.gridCode ? { card: null, by: 'grid_code' as const } : byAddress ? { card: byAddress, by: 'address' as const } : null;
    const grid = match?.card ? grids.byId.get(match.card.gridId) : v.gridCode ? grids.byCode.get(v.gridCode) : undefined;
    if (!match) result.unmatched++;
    else if (match.by === 'card') result.matchedByCard++;
    else if (match.by === 'grid_code') result.matchedByGridCode++;
    else result.matchedByAddress++;
    const { gridCode: _g, ...fields } = v;
    return { ...fields, gridId: grid?.id ?? null, cardId: match?.card?.cardId ?? null, matchedBy: match?.by ?? null, orgPath: grid?.path ?? city, supplierPath: existing.get(v.accountNo)?.supplierPath ?? supplier.path };
  });
  for (const v of values) {
    const old = existing.get(v.accountNo);
    if (!old) result.created++;
    else if (sameAccount(old, v)) result.unchanged++;
    else result.updated++;
  }
  if (opts.dryRun || result.created + result.updated === 0) return result;
  const changed = values.filter((v) => { const old = existing.get(v.accountNo); return !old || !sameAccount(old, v); });
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < changed.length; i += 2000) {
      await repo.upsertAccounts(trx, changed.slice(i, i + 2000));
      opts.progress?.(i, changed.length, '正在写入');
    }
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'utility_accounts', entityId: null, orgPath: supplier.path,
      summary: `导入用水户 ${src.fileName}：新增${result.created}户，更新${result.updated}户`, after: result,
    });
  });
  opts.progress?.(1, 1, '完成');
  return { ...result, applied: true };
}

// ---------------------------------------------------------------- readings

export type ReadingsImport = repo.ImportRow;

/**
 * Registers (or finds again) a readings import of a file on disk. The same file whose earlier load
 * was cut off is the same import, resumed after its last committed row; one held back is returned
 * as it is.
 */
export async function prepareReadingsImport(ctx: ServiceCtx, src: { path: string; fileName: string; storageKey?: string | null }): Promise<ReadingsImport> {
  const supplier = supplierOf(ctx);
  const sha = await sha256Of(src);
  const unfinished = await repo.unfinishedImport(ctx.db, sha, supplier.path);
  if (unfinished) return unfinished;
  const id = await repo.createImport(ctx.db, {
    kind: 'readings', fileName: src.fileName, fileSha256: sha, sizeBytes: sizeOf(src), supplierPath: supplier.path, state: 'loading',
    storageKey: src.storageKey ?? null, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null,
  });
  return (await repo.getImport(ctx.db, id))!;
}

/** Imports a readings file from start to end (the command line): applied, held back, or failed. */
export async function importReadings(ctx: ServiceCtx, src: { path: string; fileName: string }, opts: { progress?: Progress; chunkRows?: number } = {}): Promise<ReadingsImport> {
  const imp = await prepareReadingsImport(ctx, src);
  return imp.state === 'loading' ? loadReadings(ctx, imp.id, src.path, opts.progress, opts.chunkRows) : imp;
}

const running = new Set<number>();
export const isLoading = (id: number): boolean => running.has(id);

/** Loads (or goes on loading) import `id` from its file; ends applied, held back, or failed. */
export async function loadReadings(ctx: ServiceCtx, id: number, filePath: string, progress?: Progress, chunkRows = CHUNK): Promise<ReadingsImport> {
  const imp = await repo.getImport(ctx.db, id);
  if (!imp) throw notFound();
  if (imp.state !== 'loading') throw conflict('该导入已结束，不能继续载入');
  if (running.has(id)) throw conflict('该文件正在导入中');
  running.add(id);
  try {
    return await load(ctx, imp, filePath, progress, chunkRows);
  } finally {
    running.delete(id);
  }
}

async function load(ctx: ServiceCtx, imp: repo.ImportRow, filePath: string, progress: Progress | undefined, chunkRows: number): Promise<ReadingsImport> {
  const id = imp.id;
  // the accounts of the uploader's company: its unit and below
  const accounts = await repo.accountIdsUnder(ctx.db, imp.supplierPath);
  let maxId = 0;
  for (const accountId of accounts.values()) if (accountId > maxId) maxId = accountId; // no spread: 200,000 arguments overflow the stack
  // one bit per account and period: a second reading of the same account and period is a bad row
  const seen = new Map<string, Uint8Array>();
  const mark = (accountId: number, period: string): boolean => {
    let bits = seen.get(period);
    if (!bits) seen.set(period, (bits = new Uint8Array((maxId >> 3) + 1)));
    const had = (bits[accountId >> 3]! >> (accountId & 7)) & 1;
    bits[accountId >> 3]! |= 1 << (accountId & 7);
    return had === 1;
  };
  if (imp.lastRow > 0) for (const r of await repo.loadedKeys(ctx.db, id)) mark(r.accountId, r.period);
  const today = officeToday();
  let errorsKept = (imp.errors as RowError[]).length;
  let chunk = { ids: [] as number[], periods: [] as string[], m3: [] as number[], errors: [] as RowError[], bad: 0, lastRow: imp.lastRow, bytes: 0 };
  const periods = new Set(imp.periods);
  let loaded = imp.rowsLoaded, bytes = 0;
  const size = Number(imp.sizeBytes);
  // one chunk commits while the next is parsed (PostgreSQL works in its own process meanwhile);
  // chunks still commit one after another, in file order, so last_row is always a clean resume point
  let inflight: Promise<void> = Promise.resolve();
  const commit = async () => {
    const c = chunk;
    chunk = { ids: [], periods: [], m3: [], errors: [], bad: 0, lastRow: c.lastRow, bytes: c.bytes };
    const seenPeriods = [...periods];
    await inflight;
    inflight = ctx.db.transaction().execute(async (trx) => {
      await repo.insertReadings(trx, id, c.ids, c.periods, c.m3);
      await repo.advanceImport(trx, id, { lastRow: c.lastRow, bytesRead: c.bytes, loaded: c.ids.length, bad: c.bad, errors: c.errors, periods: seenPeriods });
    }).then(() => {
      loaded += c.ids.length;
      progress?.(Math.min(c.bytes, size), size, `已载入${loaded}行`);
    });
    inflight.catch(() => undefined); // handled: the next commit (or the end) awaits it and throws
  };
  try {
    let at = new Map<string, number>();
    for await (const item of withHeader(streamRows(fs.createReadStream(filePath), imp.fileName, (b) => (bytes = b)))) {
      if ('header' in item) {
        const h = mapHeader(item.header, READING_COLUMNS, READING_REQUIRED);
        if (h.errors.length) return await failImport(ctx, id, `文件缺少必填列：${h.errors.map((e) => e.column).join('、')}（需要“户号、期间、用水量”）`);
        at = h.at;
        continue;
      }
      const { row, cells } = item.data;
      if (row <= imp.lastRow) continue;
      const cell = (c: string) => cells[at.get(c)!] ?? '';
      const accountNo = cell('户号');
      const { value, errors } = parseReadingRow(accountNo, cell('期间'), cell('用水量'), today);
      const accountId = accountNo ? accounts.get(accountNo) : undefined;
      if (accountNo && accountId === undefined) errors.unshift({ column: '户号', message: `户号“${accountNo.slice(0, 40)}”不存在（请先导入用水户）` });
      if (value && accountId !== undefined && mark(accountId, value.period)) errors.push({ column: '期间', message: '与文件中前面的行重复（同一户号、同一期间）' });
      if (errors.length) {
        chunk.bad++;
        for (const e of errors) {
          if (errorsKept >= ERRORS_KEPT) break;
          errorsKept++;
          chunk.errors.push({ row, ...e });
        }
      } else {
        chunk.ids.push(accountId!);
        chunk.periods.push(value!.period);
        chunk.m3.push(value!.m3);
        periods.add(value!.period);
      }
      chunk.lastRow = row;
      chunk.bytes = bytes;
      if (chunk.ids.length + chunk.bad >= chunkRows) await commit();
    }
    chunk.bytes = size;
    await commit();
    await inflight;
  } catch (err) {
    await inflight.catch(() => undefined); // never leave a chunk committing behind our back
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status < 500) return failImport(ctx, id, (err as Error).message);
    throw err; // the import stays 'loading': the same file resumes it
  }
  const after = (await repo.getImport(ctx.db, id))!;
  if (after.rowsLoaded === 0 && after.badRows === 0) return failImport(ctx, id, '文件中没有用水量数据');
  if (after.badRows > 0) return repo.setImportState(ctx.db, id, 'held', `有${after.badRows}行数据有误，其余${after.rowsLoaded}行暂不生效：请改正文件后重新导入，或确认跳过错误行`);
  return applyImport(ctx, id);
}

async function failImport(ctx: ServiceCtx, id: number, message: string): Promise<ReadingsImport> {
  await repo.deleteImportReadings(ctx.db, id);
  return repo.setImportState(ctx.db, id, 'failed', message);
}

/** Makes a loaded import count: the periods it holds replace what earlier imports said for them. */
async function applyImport(ctx: ServiceCtx, id: number): Promise<ReadingsImport> {
  await ctx.db.transaction().execute(async (trx) => {
    const imp = (await repo.getImport(trx, id, { forUpdate: true }))!;
    if (imp.state !== 'loading' && imp.state !== 'held') throw conflict('该导入已结束');
    const replaced = await repo.replacePeriods(trx, id, imp.periods);
    await repo.setImportState(trx, id, 'applied', replaced ? `已替换此前导入的同期数据${replaced}行` : null);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'utility_import', entityId: id, orgPath: imp.supplierPath,
      summary: `导入用水量 ${imp.fileName}：${imp.rowsLoaded}行，期间${periodRange(imp.periods)}${imp.badRows ? `，跳过错误行${imp.badRows}行` : ''}`,
      after: { rowsLoaded: imp.rowsLoaded, badRows: imp.badRows, replaced },
    });
  });
  return (await repo.getImport(ctx.db, id))!;
}

const periodRange = (ps: readonly string[]) => {
  const s = [...ps].sort();
  return s.length ? (s.length === 1 ? s[0]! : `${s[0]}至${s.at(-1)}`) : '无';
};

async function importInScope(ctx: ServiceCtx, id: number): Promise<repo.ImportRow> {
  const imp = await repo.getImport(ctx.db, id);
  if (!imp || !pathInScope(scopeFor(ctx.actor, 'utility.upload'), imp.supplierPath)) throw notFound();
  return imp;
}

/** The uploader accepts the bad rows of a held import: the good rows apply. */
export async function acceptImport(ctx: ServiceCtx, id: number): Promise<ReadingsImport> {
  const imp = await importInScope(ctx, id);
  if (imp.state !== 'held') throw conflict('只有“待确认”的导入可以跳过错误行导入');
  return applyImport(ctx, id);
}

/** Drops an import that is held back, failed or cut off: its rows never count. */
export async function discardImport(ctx: ServiceCtx, id: number, filesDir?: string): Promise<ReadingsImport> {
  const imp = await importInScope(ctx, id);
  if (imp.state === 'applied' || imp.state === 'discarded') throw conflict('已生效或已放弃的导入不能放弃');
  await repo.deleteImportReadings(ctx.db, id);
  const row = await repo.setImportState(ctx.db, id, 'discarded', '已放弃，数据未生效');
  if (filesDir && imp.storageKey) fs.rmSync(`${filesDir}/utility/${imp.storageKey}`, { force: true });
  return row;
}
