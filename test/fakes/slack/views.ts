/** Modal views and their stacks: open, update, push (3 at most), what a submission's ack does. */
import { viewViolations } from './limits.js';
import type { Json, ModalStack, StoredView } from './types.js';
import { normalizeBlocks, randomBytesPooled, type Workspace } from './workspace.js';

export type ViewResult = { ok: true; view: StoredView } | { ok: false; error: string };

const STACK_LIMIT = 3;

function newHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytesPooled(4).toString('hex')}`;
}

/** Checks a view against the limits; Slack refuses a view that breaks one. */
function refused(ws: Workspace, where: string, view: unknown): string | undefined {
  if (!view || typeof view !== 'object') return 'invalid_arguments';
  const found = viewViolations(where, view as Json);
  ws.violations.push(...found);
  if (found.some((v) => v.rule === 'view_too_large')) return 'view_too_large';
  return found.length > 0 ? 'invalid_arguments' : undefined;
}

function build(ws: Workspace, input: Json, id: string, root: string, previous: string | null) {
  const { identity } = ws;
  const view: StoredView = {
    ...input,
    id,
    team_id: identity.teamId,
    type: String(input.type),
    blocks: normalizeBlocks(input.blocks, ws),
    private_metadata: String(input.private_metadata ?? ''),
    callback_id: String(input.callback_id ?? ''),
    external_id: String(input.external_id ?? ''),
    state: { values: {} },
    hash: newHash(),
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    previous_view_id: previous,
    root_view_id: root,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
  };
  ws.views.set(id, view);
  return view;
}

/** The open stack holding `viewId`: newest first, as closed stacks pile up behind. */
export function stackOf(ws: Workspace, viewId: string): ModalStack | undefined {
  return ws.stacks.findLast((stack) => !stack.closed && stack.views.includes(viewId));
}

/** The view on top of the user's open modal, if any. */
export function topView(ws: Workspace, user?: string): StoredView | undefined {
  const open = ws.stacks.findLast((s) => !s.closed && (user === undefined || s.user === user));
  const id = open?.views.at(-1);
  return id === undefined ? undefined : ws.views.get(id);
}

export function openView(ws: Workspace, user: string, input: unknown): ViewResult {
  const error = refused(ws, 'views.open', input);
  if (error) return { ok: false, error };
  const id = ws.nextId('V');
  const view = build(ws, input as Json, id, id, null);
  ws.stacks.push({ user, views: [id], closed: false });
  return { ok: true, view };
}

export function pushView(ws: Workspace, where: string, fromId: string, input: unknown): ViewResult {
  const stack = stackOf(ws, fromId);
  if (!stack) return { ok: false, error: 'not_found' };
  if (stack.views.length >= STACK_LIMIT) {
    ws.report(where, 'push_limit_reached', `stack already holds ${stack.views.length} views`);
    return { ok: false, error: 'push_limit_reached' };
  }
  const error = refused(ws, where, input);
  if (error) return { ok: false, error };
  const root = stack.views[0] ?? fromId;
  const view = build(ws, input as Json, ws.nextId('V'), root, stack.views.at(-1) ?? null);
  stack.views.push(view.id);
  return { ok: true, view };
}

export function updateView(
  ws: Workspace,
  where: string,
  target: { viewId?: unknown; externalId?: unknown; hash?: unknown },
  input: unknown,
): ViewResult {
  const current = [...ws.views.values()].find(
    (v) => v.id === target.viewId || (target.externalId && v.external_id === target.externalId),
  );
  if (!current) return { ok: false, error: 'not_found' };
  if (target.hash !== undefined && target.hash !== current.hash) {
    return { ok: false, error: 'hash_conflict' };
  }
  const error = refused(ws, where, input);
  if (error) return { ok: false, error };
  const view = build(ws, input as Json, current.id, current.root_view_id, current.previous_view_id);
  return { ok: true, view };
}

/** Closes the top view, or every view of the modal when `all` (response_action clear). */
export function closeView(ws: Workspace, viewId: string, all: boolean): void {
  const stack = stackOf(ws, viewId);
  if (!stack) return;
  if (all) stack.views = [];
  else stack.views = stack.views.filter((id) => id !== viewId);
  stack.closed = stack.views.length === 0;
}

/** Does to the modal what Slack does with a view_submission's ack. */
export function applySubmissionAck(ws: Workspace, view: StoredView, payload: Json): void {
  const action = payload.response_action;
  const where = `ack response_action ${String(action)}`;
  if (action === undefined || action === 'clear') closeView(ws, view.id, action === 'clear');
  else if (action === 'update') updateView(ws, where, { viewId: view.id }, payload.view);
  else if (action === 'push') pushView(ws, where, view.id, payload.view);
  else if (action === 'errors') checkErrorKeys(ws, view, payload.errors);
  else ws.report('view_submission ack', 'response_action_unknown', String(action));
}

/** Errors must name input blocks of the submitted view, or Slack cannot show them. */
function checkErrorKeys(ws: Workspace, view: StoredView, errors: unknown): void {
  if (!errors || typeof errors !== 'object') {
    ws.report('view_submission ack', 'errors_missing', 'response_action errors without errors');
    return;
  }
  const inputs = new Set(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  for (const key of Object.keys(errors)) {
    if (!inputs.has(key)) ws.report('view_submission ack', 'errors_unknown_block', key);
  }
}
