import { grantableRoles, roleCan, type Capability, type Role } from '../../domain/shared/roles.js';
import type { Actor } from './actor.js';
import { forbidden, unauthorized } from '../http/errors.js';
import { scopeFor, pathInScope } from './scope.js';

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthorized();
  return actor;
}

export function requireCapability(actor: Actor, capability: Capability): void {
  if (!actor.grants.some((g) => roleCan(g.role, capability))) throw forbidden();
}

/** A grant (role at unit) may be given only by a user who manages users above that unit. */
export function assertMayGrant(actor: Actor, grant: { role: Role; orgPath: string }): void {
  const scope = scopeFor(actor, 'users.manage');
  if (!pathInScope(scope, grant.orgPath)) throw forbidden('不能在管辖范围以外授权');
  if (!grantableRoles(scope.roles).includes(grant.role)) throw forbidden('无权授予该角色');
}

/** The office a caller acts for with a capability: the unit of their first grant that has it. */
export function officeFor(actor: Actor, capability: Capability): { id: number; path: string; name: string } {
  const g = actor.grants.find((x) => roleCan(x.role, capability));
  if (!g) throw forbidden();
  return { id: g.orgUnitId, path: g.orgPath, name: g.orgName };
}
