/** Access in the conversation: the actor as the rules see them, refusals only they see, audit. */
import type { CatalogItem, Category } from '../catalog/schema.js';
import type { Decision, Subject } from '../jobs/access.js';
import { type AuditAction, type AuditOutcome, recordAudit } from '../jobs/audit.js';
import { checkRunRate } from '../jobs/rate-limit.js';
import { shownInMode } from './advanced/mode.js';
import { problem } from './handlers/answers.js';
import type { ServerView, Values } from './ports.js';
import type { Screen } from './screen.js';
import type { Turn } from './turn.js';

/** What each list already decided this turn: a list checks every item, counts check them again. */
const usable = new WeakMap<Turn, Map<string, boolean>>();

export function subjectOf(turn: Turn): Subject {
  const { actor, place } = turn.interaction;
  return {
    platform: actor.platform,
    userId: actor.userId,
    platformRoles: actor.roles,
    channelId: place.channelId,
  };
}

export interface AuditFacts {
  action: AuditAction;
  outcome: AuditOutcome;
  item?: CatalogItem;
  itemName?: string;
  servers?: string[];
  /** Values as given; masked here before they are written. */
  values?: Values;
  detail?: string;
  /** Whose act it is, when not the one who pressed (a run started on approval). */
  actor?: string;
}

export async function audit(turn: Turn, facts: AuditFacts): Promise<void> {
  const { item } = facts;
  await recordAudit(turn.deps.db, {
    actor: facts.actor ?? turn.actor,
    platform: turn.interaction.actor.platform,
    channelId: turn.interaction.place.channelId ?? null,
    action: facts.action,
    item: item?.name ?? facts.itemName ?? null,
    servers: facts.servers,
    parameters: item && facts.values ? turn.deps.params.mask(item, facts.values) : undefined,
    outcome: facts.outcome,
    detail: facts.detail,
    at: turn.now(),
  });
}

type Refusal = Extract<Decision, { ok: false }>;
type RefusalFacts = Omit<AuditFacts, 'outcome' | 'detail'>;

/** Records the refusal; answers the screen that tells the user alone. */
export async function refusal(
  turn: Turn,
  title: string,
  decision: Refusal,
  facts: RefusalFacts,
): Promise<Screen> {
  await audit(turn, { ...facts, outcome: 'refused', detail: decision.reason });
  return { ...problem(title, decision.reason), visibility: 'user', placement: 'new' };
}

export async function refuse(
  turn: Turn,
  title: string,
  decision: Refusal,
  facts: RefusalFacts,
): Promise<void> {
  await turn.show(await refusal(turn, title, decision, facts));
}

/** Lets through who may use jobdeck at all; anyone may still ask for help. */
export async function admit(turn: Turn): Promise<boolean> {
  const decision = turn.deps.access.canEnter(subjectOf(turn));
  if (decision.ok) return true;
  const { action } = turn.interaction;
  if (action.kind === 'command' && action.text.trim() === 'help') return true;
  await refuse(turn, 'You may not use jobdeck yet', decision, { action: 'access' });
  return false;
}

export function mayUseItem(turn: Turn, item: CatalogItem): Decision {
  const { channelId } = turn.interaction.place;
  return turn.deps.access.canUseItem(subjectOf(turn), item, channelId);
}

export function mayUseServer(turn: Turn, server: { name: string; labels: string[] }): Decision {
  return turn.deps.access.canUseServer(subjectOf(turn), server);
}

/** The items of a list this user may use and their mode shows: lists show nothing else. */
export function usableItems(turn: Turn, items: CatalogItem[]): CatalogItem[] {
  const decided = usable.get(turn) ?? new Map<string, boolean>();
  usable.set(turn, decided);
  return items.filter((item) => {
    let ok = decided.get(item.name);
    if (ok === undefined) {
      ok = mayUseItem(turn, item).ok && shownInMode(turn.mode, item);
      decided.set(item.name, ok);
    }
    return ok;
  });
}

/** "🗄️ Databases (3)" for every category: how many items in it this user may use. */
export function categoryCounts(turn: Turn, name: (c: Category) => string): string[] {
  const counts = new Map<string, number>();
  for (const item of usableItems(turn, turn.deps.catalog.items()))
    counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  return turn.deps.catalog
    .categories()
    .map((c) => `${c.emoji ?? ''} ${name(c)} (${counts.get(c.name) ?? 0})`.trim());
}

export function usableServers(turn: Turn, servers: ServerView[]): ServerView[] {
  return servers.filter((server) => mayUseServer(turn, server).ok);
}

/** Refuses (and records) an item this user may not use; true when allowed. */
export async function guardItem(turn: Turn, item: CatalogItem): Promise<boolean> {
  const decision = mayUseItem(turn, item);
  if (decision.ok) return true;
  await refuse(turn, `You may not run ${item.display_name}`, decision, { action: 'run', item });
  return false;
}

export interface Attempt {
  item: CatalogItem;
  servers: string[];
  values: Values;
}

/** The item, then every server; true when all are allowed. */
export async function guardTargets(
  turn: Turn,
  attempt: Attempt,
  action: AuditAction = 'run',
): Promise<boolean> {
  const facts = { action, ...attempt };
  const byItem = mayUseItem(turn, attempt.item);
  if (!byItem.ok) {
    await refuse(turn, `You may not run ${attempt.item.display_name}`, byItem, facts);
    return false;
  }
  const known = await turn.deps.servers.list();
  for (const name of attempt.servers) {
    const labels = known.find((s) => s.name === name)?.labels ?? [];
    const byServer = mayUseServer(turn, { name, labels });
    if (!byServer.ok) {
      await refuse(turn, `You may not use the server ${name}`, byServer, facts);
      return false;
    }
  }
  return true;
}

/** Everything a run start needs: the item, each server, and the user's rate limit. */
export async function guardRun(turn: Turn, attempt: Attempt): Promise<boolean> {
  if (!(await guardTargets(turn, attempt))) return false;
  if (turn.interaction.actor.platform === 'console') return true;
  const limit = turn.deps.access.rateLimit;
  const adding = attempt.servers.length;
  const rate = await checkRunRate(turn.deps.db, turn.actor, adding, limit, turn.now());
  if (rate.ok) return true;
  await refuse(turn, 'Slow down', rate, { action: 'run', ...attempt });
  return false;
}

/** Refuses (and records) a missing permission; true when held. */
export async function guardPermission(
  turn: Turn,
  permission: Parameters<Turn['deps']['access']['can']>[1],
  title: string,
  facts: RefusalFacts,
): Promise<boolean> {
  const decision = turn.deps.access.can(subjectOf(turn), permission);
  if (decision.ok) return true;
  await refuse(turn, title, decision, facts);
  return false;
}

/** Creating a schedule: the schedule permission, then the item and every server. */
export async function guardSchedule(turn: Turn, attempt: Attempt): Promise<boolean> {
  const facts = { action: 'schedule.create' as const, ...attempt };
  if (!(await guardPermission(turn, 'schedule', 'You may not create schedules', facts)))
    return false;
  return guardTargets(turn, attempt, 'schedule.create');
}

/** Chat users wait for someone to approve; the console is the local operator and only confirms. */
export function needsApprovalFrom(turn: Turn, item: CatalogItem): boolean {
  return turn.interaction.actor.platform !== 'console' && turn.deps.access.needsApproval(item);
}
