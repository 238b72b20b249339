import { sql, type RawBuilder } from 'kysely';
import { roleCan, type Capability, type Role } from '../../domain/shared/roles.js';
import { isWithin } from '../../domain/org/org-unit.js';
import type { Actor } from './actor.js';
import { forbidden } from '../http/errors.js';

declare const scopeBrand: unique symbol;

/**
 * The set of org subtrees a caller may see for one capability. Only this module makes one, and
 * every repo query over scoped data takes one, so a query that forgets scope does not compile.
 */
export type Scope = { readonly paths: readonly string[]; readonly roles: readonly Role[]; readonly [scopeBrand]: true };

function makeScope(paths: string[], roles: Role[]): Scope {
  // keep only the outermost subtrees: '/1/' covers '/1/4/'
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const outer: string[] = [];
  for (const p of sorted) if (!outer.some((o) => isWithin(p, o))) outer.push(p);
  return { paths: outer, roles: [...new Set(roles)] } as unknown as Scope;
}

/** The caller's scope for a capability; 403 when no grant of theirs has it at all. */
export function scopeFor(actor: Actor, capability: Capability): Scope {
  const grants = actor.grants.filter((g) => roleCan(g.role, capability));
  if (grants.length === 0) throw forbidden();
  return makeScope(
    grants.map((g) => g.orgPath),
    grants.map((g) => g.role),
  );
}

/** Whether the caller holds the capability anywhere (for menus and /me). */
export function hasCapability(actor: Actor, capability: Capability): boolean {
  return actor.grants.some((g) => roleCan(g.role, capability));
}

/** For the command line and the demo loader: the whole city. */
export function systemScope(cityPath: string): Scope {
  return makeScope([cityPath], ['city']);
}

export function pathInScope(scope: Scope, path: string | null | undefined): boolean {
  return !!path && scope.paths.some((p) => isWithin(path, p));
}

/** SQL condition: the column (a materialised path) lies in the scope. Paths are digits and '/'. */
export function sqlPathInScope(column: string, scope: Scope): RawBuilder<boolean> {
  if (scope.paths.length === 0) return sql<boolean>`false`;
  const parts = scope.paths.map((p) => sql`${sql.ref(column)} like ${p + '%'}`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The part of a scope under one unit (e.g. a district summary made by the city office); null when outside. */
export function narrowScope(scope: Scope, path: string): Scope | null {
  return pathInScope(scope, path) ? makeScope([path], [...scope.roles]) : null;
}
