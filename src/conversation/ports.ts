/** The small parts of the lower layers the conversation uses: owned here, so fakes fit. */
import type { CatalogItem, Category } from '../catalog/schema.js';
import type { Decision, ItemFacts, Permission, ServerFacts, Subject } from '../jobs/access.js';
import type { Logger } from '../log.js';
import type { ScheduleSummary } from '../scheduler/summary.js';
import type { Db } from '../store/db.js';
import type { Run, RunTrigger, Schedule } from '../store/tables.js';
import type { AdvancedPort } from './advanced/ports.js';
import type { Platform } from './interaction.js';

export type Values = Record<string, string | number | boolean | string[]>;

export interface CatalogPort {
  items(): CatalogItem[];
  get(name: string): CatalogItem | undefined;
  categories(): Category[];
  search(query: { category?: string; words?: string; difficulty?: string }): CatalogItem[];
}

export interface ServerView {
  name: string;
  host: string;
  transport: 'ssh' | 'local';
  labels: string[];
  capabilities: string[];
  distro: string | null;
  reachable: boolean | null;
  probedAt: number | null;
  lastError: string | null;
}

export interface ServersPort {
  list(): Promise<ServerView[]>;
  /** Probes now; answers the fresh view, or throws with the cause. */
  probe(name: string): Promise<ServerView>;
}

export interface SubmitRequest {
  item: CatalogItem;
  server: string;
  values: Values;
  actor: string;
  trigger: RunTrigger;
  definitionId?: number;
  parentRunId?: number;
  thread?: unknown;
}

export type RunEvent =
  | { type: 'queued' | 'started'; run: Run }
  | { type: 'output'; runId: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'finished'; run: Run };

export interface RunnerPort {
  submit(request: SubmitRequest): Promise<{ runId: number; done: Promise<Run> }>;
  cancel(runId: number): Promise<boolean>;
  on(listener: (event: RunEvent) => void): () => void;
}

export interface ScheduleSpec {
  definitionId: number;
  name: string;
  cron: string;
  timezone: string;
  createdBy: string;
}

export interface SchedulerPort {
  add(spec: ScheduleSpec): Promise<Schedule>;
  pause(id: number): Promise<unknown>;
  resume(id: number): Promise<unknown>;
  remove(id: number): Promise<void>;
  list(): Promise<ScheduleSummary[]>;
}

export interface DefinitionSpec {
  name: string;
  item: CatalogItem;
  values: Values;
  servers: string[];
  createdBy: string;
  platform: string;
  channelId: string | null;
  notify: { onSuccess: boolean; onFailure: boolean; channels: string[] };
}

export interface DefinitionsPort {
  create(spec: DefinitionSpec): Promise<number>;
}

export interface ParamsPort {
  validate(
    item: CatalogItem,
    raw: Record<string, unknown>,
  ): { ok: true; values: Values } | { ok: false; errors: Record<string, string> };
  /** The command as it would run, secrets masked. */
  preview(item: CatalogItem, values: Values): string;
  mask(item: CatalogItem, values: Values): Values;
}

export interface NotificationPreview {
  title: string;
  body: string;
  tags: string[];
  priority: number;
}

export interface CronPort {
  describe(
    expr: string,
    timezone: string,
    count: number,
  ): { ok: true; description: string; next: Date[] } | { ok: false; error: string };
}

/** Who may do what (src/jobs/access.ts's AccessPolicy fits). */
export interface AccessPort {
  rolesOf(subject: Subject): string[];
  isAdmin(subject: Subject): boolean;
  /** Whether the subject may use jobdeck at all. */
  canEnter(subject: Subject): Decision;
  can(subject: Subject, permission: Permission): Decision;
  canUseItem(subject: Subject, item: ItemFacts, channelId?: string): Decision;
  canUseServer(subject: Subject, server: ServerFacts): Decision;
  needsApproval(item: ItemFacts): boolean;
  /** Milliseconds an approval request waits for a decision. */
  readonly approvalExpiry: number;
  /** Runs one user may start per minute; 0 for no limit. */
  readonly rateLimit: number;
}

export interface ConversationDeps {
  db: Db;
  catalog: CatalogPort;
  servers: ServersPort;
  runner: RunnerPort;
  scheduler: SchedulerPort;
  definitions: DefinitionsPort;
  params: ParamsPort;
  cron: CronPort;
  access: AccessPort;
  /** User items, multi-server runs and workflows; without it advanced commands say so. */
  advanced?: AdvancedPort;
  notifyPreview(
    item: CatalogItem,
    status: 'success' | 'failure',
    values: Values,
    server?: string,
  ): NotificationPreview;
  compatibility(item: CatalogItem, server: ServerView): { ok: boolean; message: string };
  suggest(word: string, candidates: string[]): string[];
  channels: string[];
  timezone: string;
  commandName: string;
  /** The command's name where a platform configures its own (`/ops` on Slack, say). */
  commandNames?: Partial<Record<Platform, string>>;
  logger: Logger;
  now?: () => number;
}
