import type { Role } from '../../domain/shared/roles.js';

export type Grant = { role: Role; orgUnitId: number; orgPath: string; orgName: string; orgLevel: string };

/** Who is calling: a logged-in user (session) or a machine client acting as its owner (API token). */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  grants: Grant[];
  via: 'session' | 'token';
  sessionIdHash?: string;
  mustChangePassword: boolean;
};

/** Writes made by the command line or the demo loader are audited under this name. */
export const SYSTEM_ACTOR_NAME = '系统';

/** The command line acts for the city office with the whole city in scope. */
export function systemActor(city: { id: number; path: string; name: string }): Actor {
  return {
    userId: 0,
    username: 'system',
    displayName: SYSTEM_ACTOR_NAME,
    grants: [{ role: 'city', orgUnitId: city.id, orgPath: city.path, orgName: city.name, orgLevel: 'city' }],
    via: 'token',
    mustChangePassword: false,
  };
}
