// Types of the smart-access package (SPEC §7 and §8). Every input and output is typed;
// unknown fields of an account snapshot are allowed and come back unchanged.

export type IsoDate = string;

export type EntitlementActionId =
  | 'downloadSoftware' | 'openCase' | 'orderUpgrade' | 'viewAll' | 'performRma' | 'useLicense';
export type AdminActionId =
  | 'manageUsers' | 'assignAssets' | 'migrateAccess' | 'approveRequests' | 'approveAgreements'
  | 'viewAdminContacts';
export type ActionId = EntitlementActionId | AdminActionId;

export type RoleId =
  | 'admin' | 'approver' | 'viewer' | 'user' | 'licenseUser' | 'serviceUser' | 'fullUser';

// ---- account snapshot ----

export interface Grant {
  role: RoleId;
  /** Absent or null: SA scope. */
  va?: string | null;
  [field: string]: unknown;
}

export interface VirtualAccount {
  id: string;
  name?: string | null;
  [field: string]: unknown;
}

export interface User {
  id: string;
  name?: string | null;
  email?: string | null;
  org?: string | null;
  grants?: Grant[];
  [field: string]: unknown;
}

export interface Line {
  id: string;
  /** The VA the line is assigned to; null or absent: unassigned. */
  va?: string | null;
  [field: string]: unknown;
}

export interface Contract {
  id: string;
  kind: 'service' | 'subscription';
  access: 'traditional' | 'smart';
  migratedOn?: IsoDate | null;
  administrators?: string[];
  users?: string[];
  lines: Line[];
  [field: string]: unknown;
}

export interface License {
  id: string;
  va?: string | null;
  [field: string]: unknown;
}

export interface Device {
  id: string;
  va?: string | null;
  /** The contract covering the device, if any. */
  contract?: string | null;
  [field: string]: unknown;
}

export interface Order {
  id: string;
  lines: Line[];
  [field: string]: unknown;
}

/** An order, or some of its lines, shared with one user (by id) or one e-mail address. */
export type OrderShare = {
  order: string;
  /** Absent: the whole order. */
  lines?: string[];
  [field: string]: unknown;
} & ({ user: string; email?: null } | { email: string; user?: null });

export interface AccountSnapshot {
  id: string;
  name?: string | null;
  org: string;
  smartAccessMigratedOn?: IsoDate | null;
  virtualAccounts: VirtualAccount[];
  users: User[];
  contracts: Contract[];
  licenses?: License[];
  devices?: Device[];
  orders?: Order[];
  orderShares?: OrderShare[];
  [field: string]: unknown;
}

// ---- migration ----

export interface MigrationRequest {
  actor: string;
  /** Defaults to today's UTC date. */
  on?: IsoDate;
  /** Step 3.1: required while the SA has not been migrated, refused afterwards. */
  smartAccessRole?: 'licenseUser' | 'fullUser' | null;
  contracts?: string[];
  contractRole?: 'serviceUser' | 'fullUser' | null;
  /** Per contract id, the contract users left out of its migration. */
  exclude?: Record<string, string[]>;
}

/** A grant as the engine writes it: no `va` means SA scope. */
export interface GrantRef {
  role: RoleId;
  va?: string;
}

export interface AccessEntry {
  actions: ActionId[];
  /** The role whose actions equal this set, if any. */
  role: RoleId | null;
}

export interface Access {
  /** SA-scope grants; null without one. */
  sa: AccessEntry | null;
  /** VAs where the user holds a VA grant (SA grants folded in); every other VA has `sa`. */
  vas: Record<string, AccessEntry>;
  /** Contracts reached by traditional access at that moment. */
  contracts: Record<string, AccessEntry>;
}

export type ResolutionRule = 'smartAccessMigration' | 'contractMigration' | 'subsumption' | 'merge' | 'collapse';

export interface ResolutionStep {
  rule: ResolutionRule;
  contract?: string;
  took: GrantRef[];
  gave: GrantRef[];
  /** Subsumption: the grant that covers the dropped one. */
  by?: GrantRef;
  /** The step in words, e.g. "… → SA Full User (Full User on every VA, so Full User for the entire SA)". */
  text: string;
}

export interface Loss {
  contract: string;
  va: string | null;
  actions: EntitlementActionId[];
  /** The day the grace period ends. */
  on: IsoDate;
}

export interface UserPreview {
  id: string;
  before: GrantRef[];
  after: GrantRef[];
  resolution: ResolutionStep[];
  access: { before: Access; duringGrace: Access; afterGrace: Access };
  losesAtGraceEnd: Loss[];
}

export type RejectionCode = 'ALREADY_MIGRATED' | 'NOT_CONTRACT_ADMIN' | 'NOT_FULLY_ASSIGNED';

export type ContractOutcome =
  | { id: string; status: 'migrated'; vas: string[]; users: string[]; excluded: string[] }
  | { id: string; status: 'rejected'; code: RejectionCode; message: string };

export interface Warning {
  code: 'SINGLE_ADMINISTRATOR' | 'NO_USERS_TO_MIGRATE' | 'EXCLUDED_USER_KEEPS_NOTHING';
  message: string;
  user?: string;
  contract?: string;
}

export interface Submission {
  transactionId: string;
  smartAccessMigratedOn?: IsoDate;
  contracts: { id: string; access: 'smart'; migratedOn: IsoDate }[];
  changes: { user: string; add: GrantRef[]; remove: GrantRef[] }[];
}

export interface MigrationPreview {
  smartAccess: { role: 'licenseUser' | 'fullUser'; affectedUsers: number } | null;
  contracts: ContractOutcome[];
  graceEndsOn: IsoDate | null;
  users: UserPreview[];
  warnings: Warning[];
  submission: Submission;
}

interface EventBase {
  date: IsoDate;
  actor: string;
  transactionId: string;
}

export type HistoryEvent =
  | (EventBase & { type: 'smartAccessMigration'; details: { role: 'licenseUser' | 'fullUser'; affectedUsers: number } })
  | (EventBase & {
      type: 'contractAccessMigration';
      details: {
        contract: string;
        role: 'serviceUser' | 'fullUser';
        vas: string[];
        users: string[];
        excluded: string[];
        graceEndsOn: IsoDate;
      };
    })
  | (EventBase & { type: 'userRolesChanged'; details: { user: string; add: GrantRef[]; remove: GrantRef[] } });

export interface AppliedMigration {
  account: AccountSnapshot;
  events: HistoryEvent[];
  transactionId: string;
  rejected: { id: string; code: RejectionCode; message: string }[];
}

// ---- overview ----

export interface Named {
  id: string;
  /** The name where there is one, else the id. */
  name: string;
}

export interface ContractStatus {
  id: string;
  kind: 'service' | 'subscription';
  access: 'traditional' | 'smart';
  migratedOn: IsoDate | null;
  graceEndsOn: IsoDate | null;
  traditionalAccessActive: boolean;
  lines: number;
  assignedLines: number;
  /** "75% 3/4 lines" */
  assignment: string;
  vas: string[];
  users: Named[];
  administrators: string[];
  canMigrate: boolean;
  code: RejectionCode | null;
  message: string | null;
}

export interface Overview {
  id: string;
  name: string | null;
  org: string;
  smartAccessMigratedOn: IsoDate | null;
  virtualAccounts: Named[];
  users: number;
  saAdministrators: Named[];
  contracts: ContractStatus[];
}

// ---- role resolution ----

/** What a question is about (SPEC §6). */
export type Resource =
  | { account: string }
  | { va: string }
  | { contract: string; line: string }
  | { license: string }
  | { device: string }
  | { order: string; line?: string };

export type Reason =
  | { source: 'grant'; grant: GrantRef }
  | { source: 'contract'; contract: string; graceEndsOn: IsoDate | null }
  | { source: 'orderShare'; order: string; lines: string[] | null; recipient: 'user' | 'email' }
  | { source: 'organization'; org: string };

export interface Explanation {
  allowed: boolean;
  user: string;
  action: ActionId;
  on: IsoDate;
  /** Every source that gives the action; empty when denied. */
  reasons: Reason[];
  /** When denied: why, and what would give the action. */
  denial: string | null;
  /** When denied: the roles that give the action at the resource's scope. */
  needs: RoleId[];
}

export interface UserAccess {
  user: string;
  on: IsoDate;
  sa: AccessEntry | null;
  /** Every VA where the user can do something (SA grants included). */
  vas: Record<string, AccessEntry>;
  /** Items assigned to no VA: SA grants only. */
  unassigned: AccessEntry | null;
  contracts: { contract: string; actions: EntitlementActionId[]; graceEndsOn: IsoDate | null }[];
  orderShares: { order: string; lines: string[] | null; actions: EntitlementActionId[] }[];
  viewAdminContacts: boolean;
}

export interface Question {
  user: string;
  action: ActionId;
  resource: Resource;
  /** Defaults to the `on` given to canMany, else today (UTC). */
  on?: IsoDate;
}

// ---- errors ----

export type ErrorCode =
  | 'INVALID_JSON' | 'INVALID_VALUE' | 'DUPLICATE_ID' | 'UNKNOWN_REFERENCE' | 'INVALID_DATE'
  | 'INVALID_ROLE' | 'NOT_SA_ADMIN' | 'EMPTY_REQUEST' | 'SMART_ACCESS_ROLE_REQUIRED'
  | 'SMART_ACCESS_ALREADY_MIGRATED' | 'CONTRACT_ROLE_REQUIRED' | 'UNKNOWN_ACTION' | 'TOO_LARGE';

/** What every method throws on bad input (`name` is "SmartAccessError"). */
export interface SmartAccessError extends Error {
  code: ErrorCode;
  /** JSON pointer into the offending argument, e.g. "/contracts/2/lines/5/va". */
  path: string;
}

// ---- the API ----

export class Account {
  /** Validates the snapshot; throws a SmartAccessError on bad input. */
  constructor(snapshot: AccountSnapshot);
  /** The same from JSON text (the fast path). */
  static fromJson(text: string): Account;
  toJSON(): AccountSnapshot;
  /** Each contract's status; eligibility for `actor` when given; `on` defaults to today (UTC). */
  overview(actor?: string | null, on?: IsoDate | null): Overview;
  previewMigration(request: MigrationRequest): MigrationPreview;
  applyMigration(request: MigrationRequest): AppliedMigration;
  /** Everything the user can do on `on` (default: today, UTC). */
  access(userId: string, on?: IsoDate | null): UserAccess;
  can(userId: string, action: ActionId, resource: Resource, on?: IsoDate | null): boolean;
  /** The answer with every reason that grants it, or why not. */
  explain(userId: string, action: ActionId, resource: Resource, on?: IsoDate | null): Explanation;
  /** Many questions in one call (one boundary crossing for a whole table of rows). */
  canMany(questions: Question[], on?: IsoDate | null): boolean[];
  /** Releases the WebAssembly memory now rather than when garbage-collected. */
  free(): void;
  [Symbol.dispose](): void;
}

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. Browsers: `await init()` once before using `Account`
 * (it fetches `smart_access_bg.wasm` next to the module). Node: already loaded on import;
 * `init()` resolves at once.
 */
export default function init(
  input?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;

/** Synchronous form of `init` for code that already holds the module's bytes. */
export function initSync(input: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
