import { maskPhone } from '../../../domain/shared/masking.js';
import { ROLE_LABELS } from '../../../domain/shared/roles.js';
import { hashPassword, passwordProblem } from '../../auth/passwords.js';
import { assertMayGrant, requireCapability } from '../../auth/policies.js';
import { pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { digest, newSecret } from '../../auth/tokens.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import type { CreateUserBody, UpdateUserBody, UserView } from './users.schema.js';
import * as repo from './users.repo.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Role } from '../../../domain/shared/roles.js';
import { realNow } from '../../clock.js';
import { clearLoginFailures } from '../auth/auth.repo.js';

type UserRecord = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;

function present(u: UserRecord): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    phone: maskPhone(u.phone),
    disabled: u.disabledAt !== null,
    locked: !!u.locked,
    mustChangePassword: u.mustChangePassword,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    grants: u.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgName: g.orgName, orgLevel: g.orgLevel })),
  };
}

const grantText = (grants: { role: Role; orgName: string }[]) => grants.map((g) => `${g.orgName}·${ROLE_LABELS[g.role]}`).join('、');

export async function listUsers(ctx: ServiceCtx): Promise<UserView[]> {
  const scope = scopeFor(ctx.actor, 'users.manage');
  return (await repo.listUsers(ctx.db, scope)).map(present);
}

/** A user is manageable only when all of their grants lie inside the manager's scope. */
async function loadManageable(db: Kysely<DB>, scope: Scope, id: number): Promise<UserRecord> {
  const user = await repo.findUser(db, scope, id);
  if (!user) throw notFound();
  if (!user.grants.every((g) => pathInScope(scope, g.orgPath))) throw forbidden('该用户有管辖范围以外的授权，请联系上级管理员');
  return user;
}

async function checkGrants(db: Kysely<DB>, ctx: ServiceCtx, grants: { role: Role; orgUnitId: number }[]) {
  const units = await repo.unitPaths(db, [...new Set(grants.map((g) => g.orgUnitId))]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const named: { role: Role; orgUnitId: number; orgName: string }[] = [];
  for (const g of grants) {
    const unit = byId.get(g.orgUnitId);
    if (!unit || unit.closedOn !== null) throw badRequest('授权的单位不存在或已关闭');
    assertMayGrant(ctx.actor, { role: g.role, orgPath: unit.path });
    named.push({ ...g, orgName: unit.name });
  }
  return { named, firstPath: units.find((u) => u.id === grants[0]?.orgUnitId)?.path ?? null };
}

export async function createUser(ctx: ServiceCtx, input: CreateUserBody): Promise<UserView> {
  requireCapability(ctx.actor, 'users.manage');
  const scope = scopeFor(ctx.actor, 'users.manage');
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest(problem);
  const grants = dedupe(input.grants);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const { named, firstPath } = await checkGrants(trx, ctx, grants);
    if (await repo.usernameTaken(trx, input.username)) throw new AppError(409, 'duplicate', `用户名“${input.username}”已被使用`);
    const { id } = await repo.insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      phone: input.phone ?? null,
      passwordHash,
      mustChangePassword: true,
    });
    await repo.replaceGrants(trx, id, grants);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'user', entityId: id, orgPath: firstPath,
      summary: `新建用户 ${input.displayName}（${input.username}）：${grantText(named)}`,
      after: { username: input.username, displayName: input.displayName, phone: maskPhone(input.phone), grants },
    });
    return present((await repo.findUser(trx, scope, id))!);
  });
}

export async function updateUser(ctx: ServiceCtx, id: number, input: UpdateUserBody): Promise<UserView> {
  requireCapability(ctx.actor, 'users.manage');
  const scope = scopeFor(ctx.actor, 'users.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadManageable(trx, scope, id);
    const patch: { displayName?: string; phone?: string | null } = {};
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.phone !== undefined) patch.phone = input.phone;
    await repo.updateUser(trx, id, input.version, patch);
    let grantsAfter = before.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgName: g.orgName }));
    if (input.grants) {
      if (id === ctx.actor.userId) throw badRequest('不能修改自己的授权');
      const grants = dedupe(input.grants);
      grantsAfter = (await checkGrants(trx, ctx, grants)).named;
      await repo.replaceGrants(trx, id, grants);
    }
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'user', entityId: id,
      orgPath: before.grants[0]?.orgPath ?? null,
      summary: `修改用户 ${before.displayName}（${before.username}）`,
      before: { displayName: before.displayName, phone: maskPhone(before.phone), grants: grantText(before.grants) },
      after: { displayName: patch.displayName ?? before.displayName, phone: maskPhone(patch.phone ?? before.phone), grants: grantText(grantsAfter) },
    });
    return present((await repo.findUser(trx, scope, id))!);
  });
}

export async function setUserDisabled(ctx: ServiceCtx, id: number, version: number, disabled: boolean): Promise<UserView> {
  requireCapability(ctx.actor, 'users.manage');
  const scope = scopeFor(ctx.actor, 'users.manage');
  if (disabled && id === ctx.actor.userId) throw badRequest('不能停用自己的账号');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadManageable(trx, scope, id);
    await repo.updateUser(trx, id, version, { disabledAt: disabled ? realNow() : null });
    // enabling (解锁) also forgets the failed logins that locked the name out
    if (!disabled) await clearLoginFailures(trx, before.username);
    // a disabled user loses access at once: every session goes (tokens are refused by the disabled check)
    if (disabled) await repo.deleteSessionsOf(trx, id);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: disabled ? 'disable' : 'enable', entityType: 'user', entityId: id,
      orgPath: before.grants[0]?.orgPath ?? null,
      summary: `${disabled ? '停用' : '启用'}用户 ${before.displayName}（${before.username}）`,
      before: { disabled: before.disabledAt !== null }, after: { disabled },
    });
    return present((await repo.findUser(trx, scope, id))!);
  });
}

export async function resetPassword(ctx: ServiceCtx, id: number, version: number, password: string): Promise<UserView> {
  requireCapability(ctx.actor, 'users.manage');
  const scope = scopeFor(ctx.actor, 'users.manage');
  const problem = passwordProblem(password);
  if (problem) throw badRequest(problem);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadManageable(trx, scope, id);
    await repo.updateUser(trx, id, version, { passwordHash, mustChangePassword: true });
    await clearLoginFailures(trx, before.username);
    await repo.deleteSessionsOf(trx, id);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'reset_password', entityType: 'user', entityId: id,
      orgPath: before.grants[0]?.orgPath ?? null, summary: `重置用户 ${before.displayName}（${before.username}）的密码`,
    });
    return present((await repo.findUser(trx, scope, id))!);
  });
}

// ---- API tokens: machine clients act as their owner user, within its grants ----

export async function listTokens(ctx: ServiceCtx) {
  requireCapability(ctx.actor, 'tokens.manage');
  const scope = scopeFor(ctx.actor, 'tokens.manage');
  const users = await repo.listUsers(ctx.db, scope);
  const names = new Map(users.map((u) => [u.id, u.username]));
  const tokens = await repo.listTokens(ctx.db, users.map((u) => u.id));
  return tokens.map((t) => ({
    id: t.id, userId: t.userId, username: names.get(t.userId) ?? '', name: t.name, tokenPrefix: t.tokenPrefix,
    createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revoked: t.revokedAt !== null,
  }));
}

export async function createToken(ctx: ServiceCtx, input: { userId: number; name: string; expiresInDays: number | null }) {
  requireCapability(ctx.actor, 'tokens.manage');
  const scope = scopeFor(ctx.actor, 'tokens.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const owner = await loadManageable(trx, scope, input.userId);
    if (owner.disabledAt) throw badRequest('该用户已停用');
    const token = newSecret('wst_');
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    const row = await repo.insertToken(trx, {
      userId: owner.id, name: input.name, tokenHash: digest(token), tokenPrefix: token.slice(0, 10),
      createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null, expiresAt,
    });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'api_token', entityId: row.id,
      orgPath: owner.grants[0]?.orgPath ?? null, summary: `为 ${owner.displayName} 创建接口令牌“${input.name}”`,
      after: { name: input.name, prefix: token.slice(0, 10), expiresAt },
    });
    return {
      token,
      view: {
        id: row.id, userId: owner.id, username: owner.username, name: input.name, tokenPrefix: token.slice(0, 10),
        createdAt: row.createdAt.toISOString(), expiresAt: expiresAt?.toISOString() ?? null, lastUsedAt: null, revoked: false,
      },
    };
  });
}

export async function revokeToken(ctx: ServiceCtx, id: number) {
  requireCapability(ctx.actor, 'tokens.manage');
  const scope = scopeFor(ctx.actor, 'tokens.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const token = await repo.findToken(trx, id);
    if (!token) throw notFound();
    const owner = await repo.findUser(trx, scope, token.userId);
    if (!owner) throw notFound();
    await repo.revokeToken(trx, id);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'revoke', entityType: 'api_token', entityId: id,
      orgPath: owner.grants[0]?.orgPath ?? null, summary: `吊销 ${owner.displayName} 的接口令牌“${token.name}”`,
    });
  });
}

function dedupe<T extends { role: Role; orgUnitId: number }>(grants: T[]): T[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const k = `${g.role}|${g.orgUnitId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---- command-line conveniences: units by code, users by username ----

export async function addUserByUnitCode(
  ctx: ServiceCtx,
  input: { username: string; displayName: string; role: Role; unitCode: string; password?: string | undefined; phone?: string | undefined },
) {
  const unit = await repo.findUnitByCode(ctx.db, input.unitCode);
  if (!unit) throw badRequest(`单位代码“${input.unitCode}”不存在`);
  const generatedPassword = input.password ? null : randomPassword();
  await createUser(ctx, {
    username: input.username,
    displayName: input.displayName,
    phone: input.phone ?? null,
    password: input.password ?? generatedPassword!,
    grants: [{ role: input.role, orgUnitId: unit.id }],
  });
  return { unitName: unit.name, generatedPassword };
}

export async function disableUserByUsername(ctx: ServiceCtx, username: string) {
  const u = await repo.findUserIdByUsername(ctx.db, username);
  if (!u) throw notFound();
  return setUserDisabled(ctx, u.id, u.version, true);
}

function randomPassword(): string {
  // letters and digits, with at least one of each (passwordProblem's rule)
  const s = newSecret().replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
  return `${s}a1`;
}
