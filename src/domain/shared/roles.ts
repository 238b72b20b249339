/** Roles from DESIGN.md. A user holds one or more (role, org unit) grants. */
export const ROLES = ['city', 'district', 'street', 'grid', 'utility', 'enforcement', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  city: '市封停办',
  district: '区封停办',
  street: '街道办/乡',
  grid: '网格员',
  utility: '水务集团',
  enforcement: '水利执法',
  leader: '领导',
};

/** What each role may do, independent of where (scope decides where). */
export const CAPABILITIES_ALL = ['org.read', 'org.import', 'org.edit', 'users.manage', 'audit.read', 'tokens.manage', 'system.backup', 'survey.read', 'survey.edit', 'survey.complete', 'survey.import', 'wells.read', 'wells.edit', 'wells.import', 'campaigns.manage', 'tips.read', 'tips.register', 'tips.assign', 'tips.handle', 'tips.recheck', 'tips.reporter', 'inspections.read', 'inspections.edit', 'findings.read', 'findings.raise', 'findings.rectify', 'findings.verify', 'articles.read', 'articles.write', 'articles.approve', 'bulletins.read', 'bulletins.manage', 'utility.upload', 'utility.read', 'suspects.read', 'suspects.manage', 'suspects.verify', 'heatpump.read', 'heatpump.edit', 'samples.read', 'samples.edit', 'switch.read', 'switch.edit', 'cases.read', 'cases.edit'] as const;
export type Capability = (typeof CAPABILITIES_ALL)[number];
const CAPABILITIES: Record<Role, readonly Capability[]> = {
  city: ['org.read', 'org.import', 'org.edit', 'users.manage', 'audit.read', 'tokens.manage', 'system.backup', 'survey.read', 'survey.edit', 'survey.complete', 'survey.import', 'wells.read', 'wells.edit', 'wells.import', 'campaigns.manage', 'tips.read', 'tips.register', 'tips.assign', 'tips.handle', 'tips.recheck', 'tips.reporter', 'inspections.read', 'inspections.edit', 'findings.read', 'findings.raise', 'findings.verify', 'articles.read', 'articles.write', 'articles.approve', 'bulletins.read', 'bulletins.manage', 'utility.upload', 'utility.read', 'suspects.read', 'suspects.manage', 'suspects.verify', 'heatpump.read', 'heatpump.edit', 'samples.read', 'samples.edit', 'switch.read', 'switch.edit', 'cases.read', 'cases.edit'],
  district: ['org.read', 'org.edit', 'users.manage', 'survey.read', 'survey.edit', 'survey.complete', 'survey.import', 'wells.read', 'wells.edit', 'wells.import', 'tips.read', 'tips.handle', 'inspections.read', 'inspections.edit', 'findings.read', 'findings.raise', 'findings.rectify', 'findings.verify', 'articles.read', 'articles.write', 'bulletins.read', 'suspects.read', 'suspects.verify', 'heatpump.read', 'heatpump.edit', 'samples.read', 'samples.edit', 'switch.read', 'switch.edit', 'cases.read', 'cases.edit'],
  street: ['org.read', 'survey.read', 'survey.edit', 'survey.complete', 'wells.read', 'wells.edit', 'tips.read', 'tips.handle', 'inspections.read', 'findings.read', 'findings.rectify', 'articles.read', 'articles.write', 'suspects.read', 'suspects.verify', 'heatpump.read', 'samples.read', 'switch.read', 'switch.edit', 'cases.read'],
  grid: ['org.read', 'survey.read', 'survey.edit', 'wells.read'],
  utility: ['org.read', 'utility.upload', 'utility.read'],
  enforcement: ['org.read', 'survey.read', 'wells.read', 'wells.edit', 'inspections.read', 'inspections.edit', 'heatpump.read', 'heatpump.edit', 'samples.read', 'samples.edit', 'switch.read', 'cases.read', 'cases.edit'],
  leader: ['org.read', 'survey.read', 'wells.read', 'tips.read', 'inspections.read', 'findings.read', 'articles.read', 'bulletins.read', 'suspects.read', 'heatpump.read', 'samples.read', 'switch.read', 'cases.read'],
};

export function roleCan(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

/** The org level a grant of this role is normally attached to (for forms and checks). */
export const ROLE_LEVELS: Record<Role, readonly string[]> = {
  city: ['city'],
  district: ['district'],
  street: ['street'],
  grid: ['grid', 'community'],
  utility: ['city', 'district'],
  enforcement: ['city', 'district'],
  leader: ['city', 'district'],
};

/** Roles a user holding `actorRoles` (with users.manage) may hand out, inside their own scope. */
export function grantableRoles(actorRoles: readonly Role[]): Role[] {
  if (actorRoles.includes('city')) return [...ROLES];
  if (actorRoles.includes('district')) return ['district', 'street', 'grid', 'leader'];
  return [];
}
