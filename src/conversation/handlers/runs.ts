/** Runs in chat: history, status, cancel, favourites with recent runs, and the result buttons. */
import type { Run } from '../../store/tables.js';
import { itemLabel, runLine } from '../format.js';
import { audit, mayUseItem, mayUseServer, refusal, subjectOf } from '../guard.js';
import { readFullOutput, resultScreen, runningScreen } from '../run-view.js';
import { type Button, type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';
import { notice, problem } from './answers.js';

export async function findRun(turn: Turn, id: string): Promise<Run | undefined> {
  const n = Number(id.replace(/^#/, ''));
  if (!Number.isInteger(n) || n <= 0) return undefined;
  return turn.deps.db.selectFrom('runs').selectAll().where('id', '=', n).executeTakeFirst();
}

export function noSuchRun(turn: Turn, id: string): Screen {
  return problem(
    `No run ${id || '(none given)'}`,
    'Give a run number, as shown in history.',
    `Try \`/${turn.deps.commandName} history\`.`,
  );
}

export async function historyScreen(turn: Turn, filter: string): Promise<Screen> {
  let query = turn.deps.db.selectFrom('runs').selectAll().orderBy('id', 'desc').limit(15);
  if (filter)
    query = query.where((eb) =>
      eb.or([eb('item_name', '=', filter), eb('server_name', '=', filter)]),
    );
  const runs = await query.execute();
  const now = turn.now();
  return screen(filter ? `Recent runs of ${filter}` : 'Recent runs', {
    emoji: '🕘',
    sections: [
      {
        text:
          runs.length > 0
            ? runs.map((r) => runLine(r, now)).join('\n')
            : filter
              ? `No runs of "${filter}" yet.`
              : 'No runs yet.',
      },
    ],
    choices:
      runs.length > 0
        ? {
            action: 'run.open',
            value: '',
            placeholder: 'Open a run',
            choices: runs.map((r) => ({
              value: String(r.id),
              label: `#${r.id} ${r.item_name} on ${r.server_name}`,
              description: r.status,
            })),
          }
        : undefined,
    placement: 'new',
  });
}

export async function statusScreen(turn: Turn, run: Run): Promise<Screen> {
  const item = turn.deps.catalog.get(run.item_name);
  if (!item)
    return notice(`Run #${run.id}`, `${runLine(run, turn.now())} (its job has left the catalog)`);
  const view =
    run.status === 'queued' || run.status === 'running'
      ? runningScreen(run, item, run.output_tail)
      : resultScreen(run, item);
  return { ...view, placement: 'new', visibility: 'user' };
}

export async function fullOutputScreen(turn: Turn, run: Run): Promise<Screen> {
  const item = turn.deps.catalog.get(run.item_name);
  const full = await readFullOutput(run);
  const title = `Output of run #${run.id}${item ? ` (${itemLabel(item)})` : ''}`;
  if (full === undefined)
    return notice(title, 'The full output is no longer kept; the head and tail are in the result.');
  return screen(title, {
    sections: [{ text: full, code: true }],
    attachment: { filename: `run-${run.id}.log`, content: full },
    placement: 'thread',
  });
}

export async function cancelRun(turn: Turn, run: Run): Promise<Screen> {
  const facts = {
    action: 'run.cancel' as const,
    itemName: run.item_name,
    servers: [run.server_name],
  };
  if (run.actor !== turn.actor) {
    const may = turn.deps.access.can(subjectOf(turn), 'cancel_others');
    if (!may.ok) return refusal(turn, `You may not cancel run #${run.id}`, may, facts);
  }
  if (run.status !== 'running' && run.status !== 'queued') {
    return notice(
      `Run #${run.id} is not running`,
      `It ${run.status === 'success' ? 'already succeeded' : `ended: ${run.status}`}.`,
    );
  }
  const stopped = await turn.deps.runner.cancel(run.id);
  const outcome = stopped ? 'ok' : 'failed';
  await audit(turn, { ...facts, outcome, detail: `run #${run.id} of ${run.actor}` });
  return notice(
    stopped ? `Cancelling run #${run.id}` : `Run #${run.id} could not be cancelled`,
    stopped
      ? 'The job is being stopped; the result will say cancelled.'
      : 'It is not running in this jobdeck process.',
  );
}

/** Favourite items (personal and team pins) and the last 5 distinct runs, as buttons. */
export async function favouritesScreen(turn: Turn): Promise<Screen> {
  const favs = await turn.deps.db
    .selectFrom('favorites')
    .select(['item_name', 'owner'])
    .where('owner', 'in', [turn.actor, 'team'])
    .orderBy('created_at')
    .execute();
  const recent = await turn.deps.db
    .selectFrom('runs')
    .selectAll()
    .where('actor', '=', turn.actor)
    .where('trigger', '!=', 'schedule')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const servers = await turn.deps.servers.list();
  const seen = new Set<string>();
  const distinct = recent
    .filter((r) => {
      const key = `${r.item_name}|${r.server_name}|${r.parameters}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 5);
  const buttons: Button[] = [];
  for (const fav of favs) {
    const item = turn.deps.catalog.get(fav.item_name);
    if (item && mayUseItem(turn, item).ok && !buttons.some((b) => b.value === item.name))
      buttons.push({
        label: `${fav.owner === 'team' ? '📌' : '⭐'} ${item.display_name}`,
        action: 'w.start',
        value: item.name,
      });
  }
  const allowed = (run: Run) => {
    const item = turn.deps.catalog.get(run.item_name);
    const labels = servers.find((s) => s.name === run.server_name)?.labels ?? [];
    return (
      item && mayUseItem(turn, item).ok && mayUseServer(turn, { name: run.server_name, labels }).ok
    );
  };
  for (const run of distinct.filter(allowed))
    buttons.push({
      label: `↻ ${run.item_name} on ${run.server_name}`,
      action: 'run.again',
      value: String(run.id),
    });
  const list = `\`/${turn.deps.commandName} list\``;
  const empty = `No favourites yet: open a job from ${list} and press Star.`;
  return screen('Favourites and recent runs', {
    emoji: '⭐',
    sections: [
      {
        text:
          favs.length > 0
            ? 'Your favourites (📌 pinned for the team), then your last runs:'
            : empty,
      },
    ],
    buttons: buttons
      .slice(0, 14)
      .concat({ label: 'New job', action: 'w.new', value: '', style: 'primary' }),
    placement: 'new',
  });
}
