import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { badRequest } from '../../http/errors.js';
import { systemActor } from '../../auth/actor.js';
import { startJob, jobStatus } from '../../jobs.js';
import { requireCapability } from '../../auth/policies.js';
import { IdParams } from '../org/org.schema.js';
import { SheetImportBody } from '../survey/survey.schema.js';
import {
  AccountImportResult, AccountList, AccountsQuery, BatchBody, BatchCreated, BatchList, CheckList, ChecksQuery, ImportList, ImportView, JobParams, JobView,
  NormsBody, NormsView, OutcomeBody, OutcomeList, OutcomeSaved, RunBody, RunList, ScoresQuery, ScoresView, UploadQuery,
} from './utility.schema.js';
import * as imports from './utility.import.js';
import * as service from './suspects.service.js';
import * as repo from './utility.repo.js';

/** A readings file may be large (10 million rows ≈ 300 MB as CSV). */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

export function utilityRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const dir = path.join(deps.config.filesDir, 'utility');
  return async (app) => {
    const startLoad = (ctx: ReturnType<typeof ctxOf>, id: number, file: string) => {
      if (imports.isLoading(id)) return;
      // the import row keeps its place: a failure here leaves it 'loading', and the same file resumes it
      void imports.loadReadings(ctx, id, file).catch((err: Error) => app.log.error({ err, importId: id }, '用水量导入中断 / readings import cut off'));
    };
    // raw uploads: the body is streamed to disk, never parsed or held in memory
    app.addContentTypeParser(['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], (_req, payload, done) => done(null, payload));
    app.addHook('onReady', async () => {
      // loads cut off by a restart go on from their last committed row
      for (const imp of await repo.loadingImports(deps.db)) {
        const file = path.join(dir, imp.storageKey!);
        if (!fs.existsSync(file)) continue;
        const city = await deps.db.selectFrom('orgUnits').select(['id', 'path', 'name']).where('level', '=', 'city').executeTakeFirstOrThrow();
        startLoad({ db: deps.db, actor: systemActor(city), requestId: null }, imp.id, file);
      }
    });

    app.get('/api/utility/imports', { schema: { response: { 200: ImportList } } }, async (req) => service.listImports(ctxOf(req, deps)));
    app.post('/api/utility/imports/readings', { schema: { querystring: UploadQuery, response: { 200: ImportView } } }, async (req) => {
      const ctx = ctxOf(req, deps);
      requireCapability(ctx.actor, 'utility.upload');
      const ext = path.extname(req.query.fileName).toLowerCase();
      if (!['.csv', '.txt', '.xlsx'].includes(ext)) throw badRequest('只支持 .xlsx 或 .csv 文件');
      if (!req.body || typeof (req.body as Readable).pipe !== 'function') throw badRequest('请以文件内容作为请求体上传（Content-Type: application/octet-stream）');
      fs.mkdirSync(dir, { recursive: true });
      const key = `${crypto.randomUUID()}${ext}`;
      const file = path.join(dir, key);
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _e, cb) {
          size += chunk.length;
          cb(size > MAX_UPLOAD_BYTES ? badRequest('文件过大（上限 2 GB）') : null, chunk);
        },
      });
      try {
        await pipeline(req.body as Readable, limit, fs.createWriteStream(file));
      } catch (err) {
        fs.rmSync(file, { force: true });
        throw err;
      }
      if (size === 0) {
        fs.rmSync(file, { force: true });
        throw badRequest('文件是空的');
      }
      const imp = await imports.prepareReadingsImport(ctx, { path: file, fileName: req.query.fileName, storageKey: key });
      if (imp.storageKey !== key) fs.rmSync(file, { force: true }); // the same file again: its first upload is used
      if (imp.state === 'loading') startLoad(ctx, imp.id, path.join(dir, imp.storageKey ?? key));
      return service.importView(imp);
    });
    app.get('/api/utility/imports/:id', { schema: { params: IdParams, response: { 200: ImportView } } }, async (req) => service.getImportView(ctxOf(req, deps), req.params.id));
    app.post('/api/utility/imports/:id/accept', { schema: { params: IdParams, response: { 200: ImportView } } }, async (req) =>
      service.importView(await imports.acceptImport(ctxOf(req, deps), req.params.id)),
    );
    app.post('/api/utility/imports/:id/discard', { schema: { params: IdParams, response: { 200: ImportView } } }, async (req) =>
      service.importView(await imports.discardImport(ctxOf(req, deps), req.params.id, deps.config.filesDir)),
    );
    app.post('/api/utility/accounts/import', { schema: { body: SheetImportBody, response: { 200: AccountImportResult } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      imports.importAccounts(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName }, { dryRun: req.body.dryRun }),
    );
    app.get('/api/utility/accounts', { schema: { querystring: AccountsQuery, response: { 200: AccountList } } }, async (req) => service.listAccounts(ctxOf(req, deps), req.query));
    app.get('/api/utility/outcomes', { schema: { response: { 200: OutcomeList } } }, async (req) => service.listOutcomes(ctxOf(req, deps)));

    app.get('/api/suspects/norms', { schema: { response: { 200: NormsView } } }, async (req) => service.getNorms(ctxOf(req, deps)));
    app.put('/api/suspects/norms', { schema: { body: NormsBody, response: { 200: NormsView } } }, async (req) => service.saveNorms(ctxOf(req, deps), req.body));
    app.post('/api/suspects/runs', { schema: { body: RunBody, response: { 200: JobView } } }, async (req) => {
      const ctx = ctxOf(req, deps);
      requireCapability(ctx.actor, 'suspects.manage');
      return startJob(ctx.actor.userId, (progress) => service.runAnalysis(ctx, req.body.asOf, progress));
    });
    app.get('/api/suspects/jobs/:id', { schema: { params: JobParams, response: { 200: JobView } } }, async (req) => jobStatus(req.params.id, ctxOf(req, deps).actor.userId));
    app.get('/api/suspects/runs', { schema: { response: { 200: RunList } } }, async (req) => service.listRuns(ctxOf(req, deps)));
    app.get('/api/suspects/runs/:id/scores', { schema: { params: IdParams, querystring: ScoresQuery, response: { 200: ScoresView } } }, async (req) =>
      service.runScores(ctxOf(req, deps), req.params.id, req.query),
    );
    app.get('/api/suspects/runs/:id/export', { schema: { params: IdParams } }, async (req, reply) => {
      const buf = await service.exportRun(ctxOf(req, deps), req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="suspects-${req.params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent('疑似双水源用水户.xlsx')}`)
        .send(buf);
    });
    app.get('/api/suspects/batches', { schema: { response: { 200: BatchList } } }, async (req) => service.listBatches(ctxOf(req, deps)));
    app.post('/api/suspects/batches', { schema: { body: BatchBody, response: { 200: BatchCreated } } }, async (req) => service.createBatch(ctxOf(req, deps), req.body));
    app.get('/api/suspects/checks', { schema: { querystring: ChecksQuery, response: { 200: CheckList } } }, async (req) => service.listChecks(ctxOf(req, deps), req.query));
    app.post('/api/suspects/checks/:id/outcome', { schema: { params: IdParams, body: OutcomeBody, response: { 200: OutcomeSaved } } }, async (req) =>
      service.recordOutcome(ctxOf(req, deps), req.params.id, req.body),
    );
  };
}
