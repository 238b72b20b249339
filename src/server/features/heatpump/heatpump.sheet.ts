/**
 * 地温空调 in spreadsheets: the projects list out (xlsx), monitoring readings in — every row in one
 * transaction with the findings they call for, or none.
 */
import { officeToday } from '../../clock.js';
import { planReadingSheet } from '../../../domain/heatpump/reading-sheet.js';
import { requireCapability } from '../../auth/policies.js';
import { scopeFor } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { rowErrors } from '../../http/errors.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { heatPumpRules, listProjectsFor, raisePending } from './heatpump.service.js';
import * as repo from './heatpump.repo.js';

export async function importReadingSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }) {
  requireCapability(ctx.actor, 'heatpump.edit');
  const scope = scopeFor(ctx.actor, 'heatpump.edit');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const projects = await repo.listProjects(trx, scope);
    const existing = await repo.readingsOf(trx, projects.map((p) => p.id));
    const plan = planReadingSheet(sheet, { projects, taken: new Set(existing.map((r) => `${r.projectId}|${r.period}|${r.method}`)), today: officeToday() });
    if (plan.errors.length) throw rowErrors(plan.errors);
    const touched = projects.filter((p) => plan.readings.some((r) => r.projectId === p.id));
    const result = { applied: !input.dryRun, readings: plan.readings.length, projects: touched.length, raised: 0 };
    if (input.dryRun) return result;
    await repo.insertReadings(trx, plan.readings.map((r) => {
      const project = touched.find((p) => p.id === r.projectId)!;
      return { projectId: r.projectId, period: r.period, pumpedM3: r.pumpedM3, reinjectedM3: r.reinjectedM3, method: r.method, waterTempC: r.waterTempC, note: '', orgPath: project.orgPath, recordedBy: ctx.actor.displayName };
    }));
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'heat_pump_reading', entityId: null, orgPath: scope.paths[0] ?? null,
      summary: `导入地温空调监测读数（${input.fileName}）${plan.readings.length} 条，涉及项目 ${touched.length} 个`,
    });
    const rules = await heatPumpRules(trx);
    for (const p of touched) result.raised += (await raisePending(trx, ctx, p, rules)).length;
    return result;
  });
}

const pct = (r: number | null) => (r === null ? '' : `${Math.round(r * 100)}%`);
const num = (n: number | null) => (n === null ? '' : String(n));

export async function exportProjects(ctx: ServiceCtx): Promise<Buffer> {
  const list = await listProjectsFor(ctx, { page: 1, pageSize: 1_000_000 });
  const header = [
    '项目名称', '运营单位', '所属区', '街道/社区/网格', '地址', '经度', '纬度', '阶段', '审批文号', '审批日期', '审批机关', '登记井数', '已建档井数',
    '设计抽水量（立方米/日）', '设计回灌量（立方米/日）', '年运行天数', '年设计取水量（立方米）', '须在线计量', '最近月份', '最近月份回灌率', '低于标准', '未销号问题',
  ];
  const body = list.projects.map((p) => [
    p.name, p.operator, p.district, p.place.slice(1).join('/'), p.address, num(p.lng), num(p.lat), p.stageLabel, p.approvalNo, p.approvalDate ?? '', p.approvalAuthority,
    String(p.registeredWells), String(p.foundWells), num(p.designPumpM3PerDay), num(p.designReinjectM3PerDay), num(p.operatingDaysPerYear), num(p.annualDesignM3),
    p.meteringRequired === null ? '' : p.meteringRequired ? '是' : '否', p.latestMonth?.period ?? '', pct(p.latestMonth?.ratio ?? null), p.low ? '是' : '否', String(p.openFindings),
  ]);
  return writeXlsx('地温空调项目', header, body);
}
