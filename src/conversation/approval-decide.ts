/** Approve and Deny: who may decide, one decision per request, expiry, and what happens next. */
import { recordAudit } from '../jobs/audit.js';
import { decidedScreen } from './approval.js';
import {
  type ApprovalRequest,
  claimApproval,
  expiredApprovals,
  findApproval,
} from './approval-store.js';
import { audit, guardPermission, refuse } from './guard.js';
import { problem } from './handlers/answers.js';
import type { ConversationDeps } from './ports.js';
import { startRuns } from './start-run.js';
import type { Turn } from './turn.js';
import { createSchedule } from './wizard/create.js';
import { vault } from './wizard/vault.js';

function nothingToDecide(turn: Turn): Promise<unknown> {
  return turn.show({
    ...problem('Nothing to decide', 'This request was already decided, or it expired.'),
    visibility: 'user',
  });
}

/** Records an expired request as such and forgets it; false when someone else did first. */
async function expire(deps: ConversationDeps, request: ApprovalRequest, now: number) {
  if (!(await claimApproval(deps.db, request.id))) return false;
  vault.drop(request.id);
  await recordAudit(deps.db, {
    actor: request.requester,
    platform: request.platform,
    channelId: request.channelId,
    action: 'approval.decide',
    item: request.item,
    servers: request.servers,
    parameters: request.values,
    outcome: 'expired',
    detail: `request ${request.id}: nobody decided in time`,
    at: now,
  });
  return true;
}

/** Housekeeping: requests nobody decided in time are recorded as expired. */
export async function expireApprovals(deps: ConversationDeps, now: number): Promise<number> {
  let count = 0;
  for (const request of await expiredApprovals(deps.db, now))
    if (await expire(deps, request, now)) count += 1;
  return count;
}

/** May this user decide? Not the requester, and only with the approve permission. */
async function mayDecide(turn: Turn, request: ApprovalRequest): Promise<boolean> {
  const facts = { action: 'approval.decide' as const, itemName: request.item };
  if (request.requester === turn.actor) {
    const reason =
      'You asked for this, so someone else with the approve permission must decide. ' +
      'Ask a teammate who can approve.';
    await refuse(turn, 'You cannot decide your own request', { ok: false, reason }, facts);
    return false;
  }
  return guardPermission(turn, 'approve', 'You may not approve requests', facts);
}

export async function decideApproval(turn: Turn, id: string, approve: boolean): Promise<void> {
  const request = await findApproval(turn.deps.db, id);
  if (!request) return void (await nothingToDecide(turn));
  if (request.expiresAt <= turn.now()) {
    if (await expire(turn.deps, request, turn.now()))
      await turn.show(decidedScreen(request, 'expired'));
    else await nothingToDecide(turn);
    return;
  }
  if (!(await mayDecide(turn, request))) return;
  if (!(await claimApproval(turn.deps.db, id))) return void (await nothingToDecide(turn));
  const secrets = vault.get(id);
  vault.drop(id);
  const by = turn.interaction.actor.displayName;
  await audit(turn, {
    action: 'approval.decide',
    outcome: approve ? 'approved' : 'denied',
    itemName: request.item,
    servers: request.servers,
    detail: `request ${id} by ${request.requester} (${request.kind})`,
  });
  await turn.show(decidedScreen(request, approve ? 'approved' : 'denied', by));
  if (approve) await carryOut(turn, request, secrets);
}

/** Starts the approved runs, or creates the approved schedule, as the requester's. */
async function carryOut(
  turn: Turn,
  request: ApprovalRequest,
  secrets: Record<string, unknown>,
): Promise<void> {
  const item = turn.deps.catalog.get(request.item);
  if (!item)
    return void (await turn.show(
      problem(`Unknown job "${request.item}"`, 'It left the catalog since the request.'),
    ));
  const checked = turn.deps.params.validate(item, { ...request.values, ...secrets });
  if (!checked.ok)
    return void (await turn.show(
      problem(
        'The approved request cannot start',
        'Its parameters are not complete (secrets are kept in memory only, and a restart ' +
          `forgets them): ${Object.values(checked.errors).join('; ')}`,
        `${request.requesterName} can ask again.`,
      ),
    ));
  const { servers, values } = { servers: request.servers, values: checked.values };
  if (request.kind === 'schedule' && request.schedule) {
    const order = { item, values, servers, schedule: request.schedule };
    return createSchedule(turn, { ...order, createdBy: request.requester }, 'new');
  }
  await startRuns(turn, {
    item,
    servers,
    values,
    trigger: request.trigger,
    parentRunId: request.parentRunId,
    definitionId: request.definitionId,
    actor: request.requester,
  });
}
