import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackJobdeck } from '../chat/slack/harness.js';
import { envelope } from '../fakes/slack/payloads.js';
import type { Json } from '../fakes/slack.js';

let h: SlackHarness;
let viewId: string;

beforeAll(async () => {
  h = await startSlackJobdeck();
  const opened = h.fake.nextCall('views.open');
  await h.fake.sendSlashCommand({ text: 'run greet local' });
  viewId = String(((await opened).response.view as Json).id);
});
afterAll(() => h?.close());

async function counts(): Promise<number[]> {
  const db = h.t.app.store.sqlite;
  return ['runs', 'wizard_sessions', 'job_definitions', 'schedules'].map(
    (name) => (db.prepare(`select count(*) as n from ${name}`).get() as { n: number }).n,
  );
}

const user = { id: 'U0ALICE', username: 'alice', name: 'alice', team_id: 'T0FAKE' };
const blockActions = (actions: unknown, extra: Json = {}): Json => ({
  type: 'block_actions',
  user,
  trigger_id: `t-${Math.random()}`,
  channel: { id: 'C0JOBS' },
  container: { type: 'message', channel_id: 'C0JOBS', message_ts: '1.000001' },
  actions,
  ...extra,
});
/** A submission of the real modal, with `state.values` replaced by `values`. */
function submission(values: unknown): Json {
  const view = h.fake.view(viewId) as unknown as Json;
  return {
    type: 'view_submission',
    user,
    trigger_id: `t-${Math.random()}`,
    view: { ...view, state: { values } },
  };
}
const big = 'x'.repeat(12_000);
const lone = 'name\ud800end';

const CASES: Array<[string, () => Json, 'slash_commands' | 'interactive']> = [
  ['block_actions without actions', () => blockActions(undefined), 'interactive'],
  ['actions as a string', () => blockActions('run'), 'interactive'],
  ['an action of the wrong types', () => blockActions([{ action_id: 42, type: 7 }]), 'interactive'],
  ['selected_options of nulls', () => blockActions([sel([null, 3])]), 'interactive'],
  [
    'an action without a user',
    () => blockActions([btn('help|x|1')], { user: null }),
    'interactive',
  ],
  ['an unknown action_id', () => blockActions([btn('not-an-action')]), 'interactive'],
  ['an unknown action', () => blockActions([btn('launch_missiles|now|1')]), 'interactive'],
  ['an oversized button value', () => blockActions([btn(`run|${big}|1`)]), 'interactive'],
  ['a lone surrogate in a value', () => blockActions([btn(`run|${lone}|1`)]), 'interactive'],
  ['state.values as a string', () => submission('values'), 'interactive'],
  ['state.values as an array', () => submission([1, 2]), 'interactive'],
  ['a null input block', () => submission({ 'in:x:name': null }), 'interactive'],
  [
    'a numeric input value',
    () => submission(input({ type: 'plain_text_input', value: 42 })),
    'interactive',
  ],
  [
    'selected_options as a string',
    () => submission(input({ type: 'multi_static_select', selected_options: 'a' })),
    'interactive',
  ],
  [
    'an oversized input value',
    () => submission(input({ type: 'plain_text_input', value: big.repeat(2) })),
    'interactive',
  ],
  [
    'a lone surrogate in an input',
    () => submission(input({ type: 'plain_text_input', value: lone })),
    'interactive',
  ],
  [
    'a view without metadata',
    () => ({ type: 'view_submission', user, view: { id: 'V1', callback_id: 'jobdeck' } }),
    'interactive',
  ],
  [
    'a command without a user',
    () => command({ user_id: undefined, text: 'run greet local name=ada' }),
    'slash_commands',
  ],
  ['a command of the wrong type', () => command({ text: { run: 1 } }), 'slash_commands'],
  [
    'an oversized command',
    () => command({ text: `run greet local name=${big.repeat(2)}` }),
    'slash_commands',
  ],
  [
    'a command with a lone surrogate',
    () => command({ text: `run greet local name=${lone}` }),
    'slash_commands',
  ],
];

function command(fields: Json): Json {
  return { ...h.fake.slashCommandPayload({}), ...fields };
}
function btn(actionId: string): Json {
  return { type: 'button', action_id: actionId, block_id: 'b1', value: 'v' };
}
function sel(options: unknown[]): Json {
  return { type: 'multi_static_select', action_id: 'pick|x|1', selected_options: options };
}
function input(entry: Json): Json {
  const block = (h.fake.view(viewId)?.blocks ?? []).find((b) => b.type === 'input');
  const actionId = String((block?.element as Json | undefined)?.action_id ?? 'a');
  return { [String(block?.block_id)]: { [actionId]: entry } };
}

describe('malformed Slack payloads', () => {
  it.each(CASES)(
    '%s: acknowledged, answered or warned about, nothing written',
    async (_n, payload, type) => {
      const before = await counts();
      const seen = h.fake.ephemerals.length + h.fake.responsePosts().length;
      h.logged.splice(0);
      const ack = await h.fake.send(envelope(type, payload()));
      expect(ack.envelope_id).toBeTruthy();
      const answered = () =>
        h.fake.ephemerals.length + h.fake.responsePosts().length > seen ||
        ['errors', 'update'].includes(String((ack.payload as Json | undefined)?.response_action)) ||
        h.logged.join('').includes('"level":40');
      await expect.poll(answered, { timeout: 5000 }).toBe(true);
      expect(h.logged.join('')).not.toContain('"level":50');
      expect(await counts()).toEqual(before);
      expect(h.fake.violations).toEqual([]);
    },
  );

  it('still answers /jobs help afterwards', async () => {
    const seen = h.fake.ephemerals.length + h.fake.responsePosts().length;
    await h.fake.sendSlashCommand({ text: 'help' });
    await expect
      .poll(() => h.fake.ephemerals.length + h.fake.responsePosts().length)
      .toBeGreaterThan(seen);
    expect(JSON.stringify(h.fake.responsePosts().at(-1) ?? h.fake.ephemerals.at(-1))).toContain(
      'run',
    );
  });
});
