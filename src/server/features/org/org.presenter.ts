import type { OrgUnitRow } from '../../db/types.js';
import type { OrgUnitView } from './org.schema.js';

export function presentUnit(u: OrgUnitRow, counts: { gridCount: number; childCount: number }): OrgUnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    level: u.level,
    parentId: u.parentId,
    path: u.path,
    openedOn: u.openedOn,
    closedOn: u.closedOn,
    version: u.version,
    ...counts,
  };
}
