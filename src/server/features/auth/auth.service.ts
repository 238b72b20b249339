import Tokens from '@fastify/csrf';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Actor } from '../../auth/actor.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/passwords.js';
import { digest, newSecret } from '../../auth/tokens.js';
import { AppError, badRequest, unauthorized } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import * as repo from './auth.repo.js';
import { LOGIN_FAILURE_LIMIT, LOGIN_WINDOW_MINUTES } from '../users/users.repo.js';

const LOCK_AFTER_FAILURES = LOGIN_FAILURE_LIMIT;
const LOCK_MINUTES = LOGIN_WINDOW_MINUTES;
const csrf = Tokens();

export type SessionInfo = { sessionId: string; csrfToken: string; actor: Actor };
export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string | null };

// a real hash to compare against when the user does not exist, so timing does not reveal it
let dummyHash: Promise<string> | null = null;

export async function login(
  db: Kysely<DB>,
  input: { username: string; password: string },
  meta: RequestMeta,
  sessionHours: number,
): Promise<SessionInfo> {
  const username = input.username.trim();
  // counted before any password is checked, per name and client address, the same for names that
  // do not exist: at most LOCK_AFTER_FAILURES passwords per window, whatever runs in parallel, and
  // a stranger elsewhere cannot lock the account out for its owner
  const client = meta.ip ?? 'unknown';
  const attempt = await repo.countLoginAttempt(db, username, client, LOCK_MINUTES);
  if (attempt > LOCK_AFTER_FAILURES) {
    if (attempt === LOCK_AFTER_FAILURES + 1) {
      await insertAudit(db, {
        actorId: null, actorName: username.slice(0, 64), requestId: meta.requestId, action: 'lock', entityType: 'session', entityId: null, orgPath: null,
        summary: `用户名 ${username.slice(0, 64)} 从 ${client} 连续 ${LOCK_AFTER_FAILURES} 次登录失败，该地址 ${LOCK_MINUTES} 分钟内不能再登录此账号`,
      });
    }
    throw new AppError(429, 'rate_limited', `登录失败次数过多，请 ${LOCK_MINUTES} 分钟后再试`);
  }
  const user = await repo.findUserByUsername(db, username);
  if (!user) {
    dummyHash ??= hashPassword('not-a-user-password-1');
    await verifyPassword(await dummyHash, input.password);
    throw unauthorized('用户名或密码错误');
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.disabledAt) throw unauthorized('用户名或密码错误');
  await repo.clearLoginFailures(db, username, client);
  // a new id on every login: a session id planted before login is worthless (fixation)
  const sessionId = newSecret();
  const csrfSecret = csrf.secretSync();
  await repo.insertSession(db, {
    idHash: digest(sessionId),
    userId: user.id,
    csrfSecret,
    expiresAt: new Date(Date.now() + sessionHours * 3_600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  const grants = await repo.loadGrants(db, user.id);
  await insertAudit(db, {
    actorId: user.id, actorName: user.displayName, requestId: meta.requestId, action: 'login',
    entityType: 'session', entityId: user.id, orgPath: null, summary: `${user.displayName}（${user.username}）登录`,
  });
  return {
    sessionId,
    csrfToken: csrf.create(csrfSecret),
    actor: {
      userId: user.id, username: user.username, displayName: user.displayName, grants,
      via: 'session', sessionIdHash: digest(sessionId), mustChangePassword: user.mustChangePassword,
    },
  };
}

/** Resolves a session cookie to an actor; null when absent, expired, or the user is disabled. */
export async function actorFromSession(db: Kysely<DB>, sessionId: string) {
  const s = await repo.findLiveSession(db, digest(sessionId));
  if (!s) return null;
  if (Date.now() - s.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, s.idHash);
  const actor: Actor = {
    userId: s.userId, username: s.username, displayName: s.displayName,
    grants: await repo.loadGrants(db, s.userId), via: 'session', sessionIdHash: s.idHash,
    mustChangePassword: s.mustChangePassword,
  };
  return { actor, csrfSecret: s.csrfSecret };
}

export async function actorFromToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const t = await repo.findLiveToken(db, digest(token));
  if (!t) return null;
  await repo.touchToken(db, t.id);
  return {
    userId: t.userId, username: t.username, displayName: t.displayName,
    grants: await repo.loadGrants(db, t.userId), via: 'token', mustChangePassword: false,
  };
}

export const csrfTokenFor = (secret: string) => csrf.create(secret);
export const csrfValid = (secret: string, token: string) => csrf.verify(secret, token);

export async function logout(db: Kysely<DB>, actor: Actor, requestId: string | null) {
  if (actor.sessionIdHash) await repo.deleteSession(db, actor.sessionIdHash);
  await insertAudit(db, {
    actorId: actor.userId, actorName: actor.displayName, requestId, action: 'logout',
    entityType: 'session', entityId: actor.userId, orgPath: null, summary: `${actor.displayName} 退出登录`,
  });
}

export async function changePassword(
  db: Kysely<DB>,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  requestId: string | null,
) {
  const user = await repo.findUserById(db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('当前密码不正确');
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw badRequest(problem);
  if (input.newPassword === input.currentPassword) throw badRequest('新密码不能与当前密码相同');
  await db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, await hashPassword(input.newPassword));
    // other devices are signed out; this one stays
    await repo.deleteUserSessions(trx, user.id, actor.sessionIdHash);
    await insertAudit(trx, {
      actorId: actor.userId, actorName: actor.displayName, requestId, action: 'change_password',
      entityType: 'user', entityId: user.id, orgPath: null, summary: `${actor.displayName} 修改了密码`,
    });
  });
}
