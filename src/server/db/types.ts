import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrgLevel } from '../../domain/org/org-unit.js';
import type { Role } from '../../domain/shared/roles.js';
import type { CardKind, WaterSource } from '../../domain/survey/card.js';
import type { SurveyEventKind, SurveyState } from '../../domain/survey/survey-state.js';
import type { Disposition, WellEventKind, WellStage } from '../../domain/well/lifecycle.js';
import type { TipChannel, TipEventKind, TipState } from '../../domain/tip/workflow.js';
import type { FoundVia, WellUse } from '../../domain/well/well.js';
import type { InspectionKind } from '../../domain/inspection/inspection.js';
import type { FindingEventKind, FindingState } from '../../domain/inspection/finding.js';
import type { ArticleCategory, ArticleState } from '../../domain/bulletin/article.js';
import type { HeatPumpStage, ObservationKind, ReadingMethod } from '../../domain/heatpump/project.js';
import type { SwitchState } from '../../domain/switch/switch-project.js';

/** Database tables as Kysely sees them (camelCase; the CamelCasePlugin maps snake_case). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export interface OrgUnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: OrgLevel;
  parentId: number | null;
  path: string;
  sortOrder: Generated<number>;
  shortName: string | null;
  openedOn: ColumnType<string, string | undefined, string>;
  closedOn: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  phone: string | null;
  passwordHash: string;
  mustChangePassword: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: NullableTimestamp;
  disabledAt: NullableTimestamp;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UserGrantsTable {
  id: Generated<number>;
  userId: number;
  role: Role;
  orgUnitId: number;
}

export interface SessionsTable {
  idHash: string;
  userId: number;
  csrfSecret: string;
  createdAt: Timestamp;
  expiresAt: ColumnType<Date, Date | string, Date | string>;
  lastSeenAt: Timestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  userId: number;
  name: string;
  tokenHash: string;
  tokenPrefix: string;
  createdBy: number | null;
  createdAt: Timestamp;
  expiresAt: NullableTimestamp;
  lastUsedAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actorId: number | null;
  actorName: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgPath: string | null;
  summary: string;
  before: Json;
  after: Json;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updatedAt: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  appliedAt: Timestamp;
}

export interface UserCardsTable {
  id: Generated<number>;
  gridId: number;
  kind: CardKind;
  name: string;
  address: string;
  contactName: string | null;
  contactPhone: string | null;
  industry: string | null;
  tapAccounts: string[];
  households: number | null;
  persons: number | null;
  beds: number | null;
  areaM2: number | null;
  wellsDeclared: number;
  waterSource: WaterSource;
  lat: number | null;
  lng: number | null;
  gpsAccuracyM: number | null;
  surveyedBy: string;
  surveyedOn: string;
  remarks: string | null;
  pledgeSigned: boolean;
  pledgeStamped: boolean;
  pledgeDate: string | null;
  version: Generated<number>;
  createdBy: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UserCardVersionsTable {
  cardId: number;
  version: number;
  data: Json;
  changedBy: string;
  changedAt: Timestamp;
}

export interface ClientOperationsTable {
  opId: string;
  userId: number;
  kind: string;
  targetId: number | null;
  result: Json;
  createdAt: Timestamp;
}

export interface UserCardDiscardedVersionsTable {
  id: Generated<number>;
  cardId: number;
  basedOn: number;
  officeVersion: number;
  data: Json;
  changedBy: string;
  changedAt: Timestamp;
}

export interface PhotosTable {
  id: Generated<number>;
  ownerType: 'card' | 'pledge' | 'well' | 'tip' | 'inspection' | 'finding';
  stage: string | null;
  lat: number | null;
  lng: number | null;
  distanceM: number | null;
  ownerId: number;
  orgPath: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: number | null;
  uploadedAt: Timestamp;
}

export interface GridSurveyEventsTable {
  id: Generated<number>;
  gridId: number;
  event: SurveyEventKind;
  onDate: string;
  reason: string | null;
  summary: Json;
  actorName: string;
  at: Timestamp;
}

/** A grid's survey state, the fold of its events (survey.state.ts); no row: no events, not started. */
export interface GridSurveyStatesTable {
  gridId: number;
  state: SurveyState;
  lastEventOn: string;
}

export interface WellsTable {
  id: Generated<number>;
  code: string;
  orgUnitId: number;
  orgPath: string;
  ownerName: string;
  cardId: number | null;
  address: string;
  lat: number | null;
  lng: number | null;
  yearDrilled: number | null;
  depthM: number | null;
  innerDiameterMm: number | null;
  casing: string | null;
  aquifer: string | null;
  use: WellUse;
  pumpPowerKw: number | null;
  powerMeterNo: string | null;
  inUseStatus: Generated<'in_use' | 'stopped' | 'sealed'>;
  foundVia: FoundVia;
  foundRef: string | null;
  discoveredOn: string;
  remarks: string | null;
  /** annual withdrawal (年取水量, m³) as recorded for small users and the water-resource tax */
  annualVolumeM3: Generated<number | null>;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** the fold of every event (wells.state.ts); null: not folded yet */
  stage: Generated<WellStage | null>;
  disposition: Generated<Disposition | null>;
  lastEventOn: Generated<string | null>;
}

export interface WellEventsTable {
  id: Generated<number>;
  wellId: number;
  event: WellEventKind;
  onDate: string;
  data: Json;
  actorName: string;
  at: Timestamp;
}

export interface TaskCampaignsTable {
  id: Generated<number>;
  name: string;
  title: string;
  startsOn: string;
  endsOn: string;
  createdAt: Timestamp;
}

export interface CampaignTasksTable {
  id: Generated<number>;
  campaignId: number;
  wellId: number;
  districtId: number;
  disposition: 'seal' | 'permit';
  deadline: string | null;
  addedOn: string;
}

export interface TipsTable {
  id: Generated<number>;
  code: string;
  channel: TipChannel;
  receivedAt: ColumnType<Date, Date | string, Date | string>;
  receivedOn: string;
  content: string;
  address: string;
  lat: number | null;
  lng: number | null;
  districtId: number | null;
  gridId: number | null;
  orgPath: string;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterIp: string | null;
  clientHash: string | null;
  anonymous: boolean;
  duplicateOf: number | null;
  mergedText: string | null;
  wellId: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** the fold of every event (tips.state.ts); null: not folded yet */
  state: Generated<TipState | null>;
  assignedDistrictId: Generated<number | null>;
  dueOn: Generated<string | null>;
  result: Generated<'substantiated' | 'unsubstantiated' | null>;
  assignedOn: Generated<string | null>;
  closedOn: Generated<string | null>;
  lastEventOn: Generated<string | null>;
  /** content with phone and ID numbers masked: what roles without tips.reporter search */
  contentMasked: string | null;
}

export interface TipEventsTable {
  id: Generated<number>;
  tipId: number;
  event: TipEventKind;
  onDate: string;
  data: Json;
  actorName: string;
  at: Timestamp;
}

export interface InspectionsTable {
  id: Generated<number>;
  onDate: string;
  kind: InspectionKind;
  title: string;
  leaders: Json;
  team: string;
  officeUnitId: number;
  areaUnitId: number;
  orgPath: string;
  targets: Json;
  methods: Json;
  narrative: string;
  samples: Json;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface InspectionWellsTable {
  inspectionId: number;
  wellId: number;
  relation: 'found' | 'checked';
}

export interface FindingsTable {
  id: Generated<number>;
  foundOn: string;
  category: string;
  description: string;
  unitId: number;
  districtId: number;
  orgPath: string;
  raisedByUnitId: number;
  raisedPath: string;
  inspectionId: number | null;
  gridId: number | null;
  cardId: number | null;
  wellId: number | null;
  deadline: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** the fold of every event (findings.state.ts); null: not folded yet */
  state: Generated<FindingState | null>;
  lastEventOn: Generated<string | null>;
}

export interface FindingEventsTable {
  id: Generated<number>;
  findingId: number;
  event: FindingEventKind;
  onDate: string;
  data: Json;
  actorName: string;
  at: Timestamp;
}

export interface FindingsSummaryEditsTable {
  id: Generated<number>;
  unitId: number;
  orgPath: string;
  weekEnd: string;
  generatedText: string;
  editedText: string;
  editedBy: string;
  version: Generated<number>;
  updatedAt: Timestamp;
}

export interface ArticlesTable {
  id: Generated<number>;
  category: ArticleCategory;
  title: string;
  onDate: string;
  paragraphs: Json;
  authorUnitId: number;
  districtId: number | null;
  orgPath: string;
  inspectionId: number | null;
  state: ColumnType<ArticleState, ArticleState | undefined, ArticleState>;
  returnReason: string | null;
  approvedBy: string | null;
  approvedOn: string | null;
  usedIn: string | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface BulletinSeriesTable {
  id: Generated<number>;
  name: string;
  title: string;
  office: string;
  reportLine: string;
  sendLine: string;
  campaignId: number | null;
  createdAt: Timestamp;
}

export interface BulletinsTable {
  id: Generated<number>;
  seriesId: number;
  number: number;
  issuedOn: string;
  asOf: string;
  state: ColumnType<'draft' | 'issued', 'draft' | 'issued' | undefined, 'draft' | 'issued'>;
  sections: Json;
  correctsId: number | null;
  correction: string | null;
  content: Json;
  issuedAt: NullableTimestamp;
  issuedBy: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type UtilityImportState = 'loading' | 'held' | 'applied' | 'discarded' | 'failed';

export interface UtilityAccountsTable {
  id: Generated<number>;
  accountNo: string;
  name: string;
  address: ColumnType<string, string | undefined, string>;
  category: string;
  industry: string | null;
  households: number | null;
  persons: number | null;
  beds: number | null;
  areaM2: number | null;
  gridId: number | null;
  cardId: number | null;
  matchedBy: 'card' | 'grid_code' | 'address' | null;
  orgPath: string;
  supplierPath: string;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UtilityImportsTable {
  id: Generated<number>;
  kind: 'accounts' | 'readings';
  fileName: string;
  fileSha256: string;
  sizeBytes: number;
  supplierPath: string;
  state: UtilityImportState;
  lastRow: Generated<number>;
  bytesRead: Generated<number>;
  rowsLoaded: Generated<number>;
  badRows: Generated<number>;
  errors: Json;
  periods: ColumnType<string[], string[] | undefined, string[]>;
  message: string | null;
  storageKey: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  finishedAt: NullableTimestamp;
}

export interface UtilityReadingsTable {
  accountId: number;
  period: string;
  m3: number;
  importId: number;
}

export interface SuspectRunsTable {
  id: Generated<number>;
  asOf: string;
  weights: Json;
  outcomesUsed: Generated<number>;
  accounts: number;
  flagged: number;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface SuspectScoresTable {
  runId: number;
  rank: number;
  accountId: number;
  score: number;
  features: Json;
  signals: Json;
  reasons: string[];
  surveyGap: 'noCard' | 'tapOnlyCard' | null;
}

export interface SuspectBatchesTable {
  id: Generated<number>;
  number: number;
  runId: number;
  topN: number;
  controlShare: number;
  dueOn: string | null;
  createdBy: number | null;
  createdAt: Timestamp;
}

export interface SuspectChecksTable {
  id: Generated<number>;
  batchId: number;
  accountId: number;
  rank: number;
  score: number;
  features: Json;
  reasons: string[];
  inControl: boolean;
  orgPath: string;
  outcome: 'found' | 'normal' | 'no_access' | null;
  wellId: number | null;
  note: string | null;
  checkedOn: string | null;
  checkedBy: number | null;
  version: Generated<number>;
  updatedAt: Timestamp;
}

export interface GridBoundariesTable {
  unitId: number;
  /** a GeoJSON Polygon or MultiPolygon, WGS-84 [lon, lat] */
  geometry: Json;
  source: string;
  updatedAt: Timestamp;
}

export interface WaterSamplesTable {
  id: Generated<number>;
  code: string;
  sampledOn: string;
  sampledBy: ColumnType<string, string | undefined, string>;
  orgUnitId: number;
  districtId: number;
  orgPath: string;
  wellId: number | null;
  cardId: number | null;
  address: ColumnType<string, string | undefined, string>;
  lat: number | null;
  lng: number | null;
  point: 'tap' | 'tank' | 'non_potable' | 'well_head' | 'other';
  fieldChlorine: 'present' | 'absent' | 'not_done';
  fieldChlorineMgL: number | null;
  labResults: Json;
  labName: string | null;
  reportOn: string | null;
  note: string | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SampleLinksTable {
  sampleId: number;
  kind: 'account' | 'suspect_check' | 'tip' | 'inspection';
  refId: number;
  createdBy: string;
  createdAt: Timestamp;
}

export interface SwitchProjectsTable {
  id: Generated<number>;
  name: string;
  orgUnitId: number;
  orgPath: string;
  households: number | null;
  persons: number | null;
  wellsPlanned: number | null;
  budgetWan: number | null;
  costSharing: Generated<string>;
  contractor: Generated<string>;
  startedOn: string | null;
  plannedFinish: string | null;
  finishedOn: string | null;
  progress: Generated<number>;
  state: Generated<SwitchState>;
  remarks: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SwitchProjectWellsTable {
  projectId: number;
  wellId: number;
}

export interface SwitchProjectEventsTable {
  id: Generated<number>;
  projectId: number;
  onDate: string;
  state: SwitchState;
  progress: number;
  note: Generated<string>;
  actorName: string;
  at: Timestamp;
}

export interface EnforcementCasesTable {
  id: Generated<number>;
  caseYear: number;
  serial: number;
  number: string;
  filedOn: string;
  partyCardId: number | null;
  partyName: string;
  partyContact: Generated<string>;
  unitId: number;
  districtId: number;
  orgPath: string;
  violation: 'refused' | 'concealed' | 'reactivated' | 'discharge' | 'no_meter' | 'other';
  violationOther: string | null;
  legalBasis: Json;
  facts: Generated<string>;
  fineYuan: number | null;
  otherMeasures: Generated<string>;
  state: Generated<'filed' | 'investigating' | 'decided' | 'enforcing' | 'closed'>;
  typical: Generated<boolean>;
  articleId: number | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** facts with phone and ID numbers masked: what search matches */
  factsMasked: string | null;
}

export interface CaseWellsTable {
  caseId: number;
  wellId: number;
}

export interface CaseEventsTable {
  id: Generated<number>;
  caseId: number;
  event: 'file' | 'investigate' | 'decide' | 'enforce' | 'close';
  onDate: string;
  data: Json;
  actorName: string;
  at: Timestamp;
}

export interface HeatPumpProjectsTable {
  id: Generated<number>;
  name: string;
  operator: ColumnType<string, string | undefined, string>;
  address: ColumnType<string, string | undefined, string>;
  lat: number | null;
  lng: number | null;
  orgUnitId: number;
  districtId: number;
  orgPath: string;
  approvalNo: ColumnType<string, string | undefined, string>;
  approvalDate: string | null;
  approvalAuthority: ColumnType<string, string | undefined, string>;
  /** [{ title, url }] */
  approvalDocuments: Json;
  stage: HeatPumpStage;
  registeredWells: number;
  designPumpM3PerDay: number | null;
  designReinjectM3PerDay: number | null;
  operatingDaysPerYear: number | null;
  remarks: ColumnType<string, string | undefined, string>;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface HeatPumpWellsTable {
  projectId: number;
  wellId: number;
}

export interface HeatPumpReadingsTable {
  id: Generated<number>;
  projectId: number;
  /** 'YYYY-MM-DD' or 'YYYY-MM' */
  period: string;
  pumpedM3: number;
  reinjectedM3: number;
  method: ReadingMethod;
  waterTempC: number | null;
  note: ColumnType<string, string | undefined, string>;
  orgPath: string;
  recordedBy: string;
  createdAt: Timestamp;
}

export interface HeatPumpObservationsTable {
  id: Generated<number>;
  projectId: number;
  onDate: string;
  kind: ObservationKind;
  note: string;
  inspectionId: number | null;
  orgPath: string;
  recordedBy: string;
  createdAt: Timestamp;
}

export interface HeatPumpFindingsTable {
  projectId: number;
  /** 'month:2024-06', 'observation:12', 'wells:5' */
  key: string;
  findingId: number;
}

export interface DB {
  loginFailures: LoginFailuresTable;
  usedFormTokens: UsedFormTokensTable;
  heatPumpProjects: HeatPumpProjectsTable;
  heatPumpWells: HeatPumpWellsTable;
  heatPumpReadings: HeatPumpReadingsTable;
  heatPumpObservations: HeatPumpObservationsTable;
  heatPumpFindings: HeatPumpFindingsTable;
  enforcementCases: EnforcementCasesTable;
  caseWells: CaseWellsTable;
  caseEvents: CaseEventsTable;
  switchProjects: SwitchProjectsTable;
  switchProjectWells: SwitchProjectWellsTable;
  switchProjectEvents: SwitchProjectEventsTable;
  waterSamples: WaterSamplesTable;
  sampleLinks: SampleLinksTable;
  gridBoundaries: GridBoundariesTable;
  utilityAccounts: UtilityAccountsTable;
  utilityImports: UtilityImportsTable;
  utilityReadings: UtilityReadingsTable;
  suspectRuns: SuspectRunsTable;
  suspectScores: SuspectScoresTable;
  suspectBatches: SuspectBatchesTable;
  suspectChecks: SuspectChecksTable;
  bulletinSeries: BulletinSeriesTable;
  bulletins: BulletinsTable;
  inspections: InspectionsTable;
  inspectionWells: InspectionWellsTable;
  findings: FindingsTable;
  findingEvents: FindingEventsTable;
  findingsSummaryEdits: FindingsSummaryEditsTable;
  articles: ArticlesTable;
  tips: TipsTable;
  tipEvents: TipEventsTable;
  wells: WellsTable;
  wellEvents: WellEventsTable;
  taskCampaigns: TaskCampaignsTable;
  campaignTasks: CampaignTasksTable;
  userCards: UserCardsTable;
  userCardVersions: UserCardVersionsTable;
  userCardDiscardedVersions: UserCardDiscardedVersionsTable;
  clientOperations: ClientOperationsTable;
  photos: PhotosTable;
  gridSurveyEvents: GridSurveyEventsTable;
  gridSurveyStates: GridSurveyStatesTable;
  orgUnits: OrgUnitsTable;
  users: UsersTable;
  userGrants: UserGrantsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
  schemaMigrations: SchemaMigrationsTable;
}

export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type NewOrgUnit = Insertable<OrgUnitsTable>;
export type OrgUnitUpdate = Updateable<OrgUnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type UserCardRow = Selectable<UserCardsTable>;

export interface LoginFailuresTable {
  username: string;
  client: string;
  failures: Generated<number>;
  lockedUntil: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UsedFormTokensTable {
  tokenHash: string;
  usedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}
