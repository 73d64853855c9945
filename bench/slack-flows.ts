/**
 * What one bench user does in the fake Slack for bench/slack.ts, timed on the fake's side:
 * the wizard, paging the ephemeral catalog list, and Run again on a run card.
 */
import { actionIdIn, buttonId } from '../test/chat/slack/harness.js';
import { envelope } from '../test/fakes/slack/payloads.js';
import { actionJson, findElement } from '../test/fakes/slack/state-values.js';
import type { EphemeralMessage, ResponseUrlPost } from '../test/fakes/slack/types.js';
import { DEFAULT_CHANNEL, type FakeSlack, type Json } from '../test/fakes/slack.js';

export type Figures = Record<string, number[]>;

/** The four views the bench's wizard flow meets, marked so the floor knows which is which. */
export interface FloorViews {
  /** Step 1, as `/jobs` opens it: the search button and the item menu. */
  start: Json;
  /** The search dialog pushed on top (private_metadata `floor:search`). */
  search: Json;
  /** Step 1 again, after a search: the menu holds the item found. */
  searched: Json;
  /** Step 2: the form the pick leads to. */
  form: Json;
}

export const SEARCH_MARK = 'floor:search';

const WAIT_MS = 30_000;

function push(ms: Figures, name: string, value: number): void {
  ms[name] = [...(ms[name] ?? []), value];
}

/** Milliseconds from now until `done` settles. */
async function timed<T>(start: () => Promise<unknown>, done: () => Promise<T>) {
  const at = performance.now();
  const waiting = done();
  await start();
  const value = await waiting;
  return { ms: performance.now() - at, value };
}

const viewIdOf = (call: { response: Json }) => String((call.response.view as Json).id);

export async function wizardFlow(fake: FakeSlack, user: string, ms: Figures): Promise<void> {
  const mine = (_a: Json, c: { response: Json }) =>
    c.response.ok === true && fake.topView(user)?.id === viewIdOf(c);
  const open = fake.nextCall('views.open', mine, WAIT_MS);
  const ack = await timed(
    () => Promise.resolve(),
    () => fake.sendSlashCommand({ user }),
  );
  push(ms, '/jobs -> ack', ack.ms);
  const viewId = viewIdOf(await open);

  const blocks = () => fake.view(viewId)!.blocks;
  const searched = await timed(
    () => fake.sendBlockActions({ user, viewId, actionId: actionIdIn(blocks(), 'w.search') }),
    () => fake.nextCall('views.push', mine, WAIT_MS),
  );
  const searchView = viewIdOf(searched.value);
  const back = await timed(
    () => fake.sendViewSubmission({ user, viewId: searchView, inputs: { words: 'hello' } }),
    () => fake.nextCall('views.update', (a) => a.view_id === viewId, WAIT_MS),
  );
  push(ms, 'search submit -> views.update (wizard)', back.ms);

  const picked = await timed(
    () => {
      const actionId = actionIdIn(blocks(), 'w.item');
      return fake.sendBlockActions({ user, viewId, actionId, value: 'hello' });
    },
    () => fake.nextCall('views.update', (a) => a.view_id === viewId, WAIT_MS),
  );
  push(ms, 'menu pick in modal -> views.update', picked.ms);

  const at = performance.now();
  const answer = await fake.sendViewSubmission({ user, viewId, inputs: { who: user } });
  if (answer.payload.response_action !== 'update') throw new Error('no next view');
  push(ms, 'submit -> ack with the next view', performance.now() - at);
}

function hasNext(blocks: Json[]): boolean {
  return JSON.stringify(blocks).includes('Next ▶');
}

/** The ephemeral catalog list `/jobs list` showed this user, polled for (not timed). */
async function listShown(fake: FakeSlack, user: string, after: number): Promise<EphemeralMessage> {
  const started = Date.now();
  for (;;) {
    const found = fake.ephemerals.slice(after).find((e) => e.user === user && hasNext(e.blocks));
    if (found) return found;
    if (Date.now() - started > WAIT_MS) throw new Error(`no catalog list for ${user}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A response_url, and the moment (performance.now) of the first post to it. */
function watchedResponseUrl(fake: FakeSlack, user: string) {
  const ws = fake.workspace;
  const url = ws.issueResponseUrl({ channel: DEFAULT_CHANNEL, user });
  const target = ws.responseTargets.get(url.slice(url.lastIndexOf('/') + 1))!;
  const posted = new Promise<{ at: number; body: Json }>((resolve) => {
    const posts: ResponseUrlPost[] = [];
    posts.push = (...items) => {
      if (items[0]) resolve({ at: performance.now(), body: items[0].body });
      return Array.prototype.push.apply(posts, items);
    };
    target.posts = posts;
  });
  return { url, posted };
}

/** block_actions as Slack sends it for a button in an ephemeral message (no `message`). */
function ephemeralClick(fake: FakeSlack, user: string, list: EphemeralMessage, url: string) {
  const ws = fake.workspace;
  const found = findElement(list.blocks, buttonId(list.blocks, 'Next ▶'));
  if (!found) throw new Error('no Next button');
  return envelope('interactive', {
    type: 'block_actions',
    user: { id: user, username: ws.userName(user), name: ws.userName(user) },
    api_app_id: ws.identity.appId,
    token: ws.identity.verificationToken,
    team: { id: ws.identity.teamId, domain: ws.identity.teamDomain },
    container: {
      type: 'message',
      message_ts: ws.nextTs(),
      channel_id: list.channel,
      is_ephemeral: true,
    },
    trigger_id: ws.issueTrigger(user),
    channel: { id: list.channel, name: ws.channelName(list.channel) },
    state: { values: {} },
    response_url: url,
    actions: [actionJson(found, undefined)],
  });
}

/**
 * `/jobs list` (ephemeral, through the command's response_url), then its "Next ▶" button:
 * page 2 replaces the list through the click's response_url (replace_original), timed.
 */
export async function pagingFlow(fake: FakeSlack, user: string, ms: Figures): Promise<void> {
  const after = fake.ephemerals.length;
  await fake.sendSlashCommand({ user, text: 'list' });
  const list = await listShown(fake, user, after);
  const { url, posted } = watchedResponseUrl(fake, user);
  const at = performance.now();
  await fake.send(ephemeralClick(fake, user, list, url));
  const post = await Promise.race([
    posted,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no page 2')), WAIT_MS)),
  ]);
  if (post.body.replace_original !== true) throw new Error('page 2 did not replace the list');
  push(ms, 'Next ▶ button -> response_url (page 2)', post.at - at);
}

/** A run card's call that is this user's run ("Started by slack:U…"). */
const startedBy = (args: Json, user: string) =>
  JSON.stringify(args.blocks).includes(`slack:${user}`);

/** Run again on a run card: the new card's chat.postMessage and its result's chat.update. */
export async function runAgainFlow(fake: FakeSlack, user: string, card: string, ms: Figures) {
  const message = fake.messages().find((m) => m.ts === card)!;
  const at = performance.now();
  const posted = fake.nextCall(
    'chat.postMessage',
    (a) => a.thread_ts === card && startedBy(a, user),
    WAIT_MS,
  );
  await fake.sendBlockActions({
    user,
    messageTs: card,
    actionId: buttonId(message.blocks, 'Run again'),
  });
  const ts = String((await posted).response.ts);
  push(ms, 'Run again -> chat.postMessage (card; runs a job)', performance.now() - at);
  await fake.nextCall(
    'chat.update',
    (a) => a.ts === ts && String(a.text).includes('succeeded'),
    WAIT_MS,
  );
  push(ms, 'Run again -> chat.update (result; runs a job)', performance.now() - at);
}

/** `/jobs run quick local` once: the run card Run again is pressed on. */
export async function runCard(fake: FakeSlack, user: string): Promise<string> {
  const mine = (a: Json) => a.thread_ts === undefined && startedBy(a, user);
  const posted = fake.nextCall('chat.postMessage', mine, WAIT_MS);
  await fake.sendSlashCommand({ user, text: 'run quick local' });
  const ts = String((await posted).response.ts);
  await fake.nextCall('chat.update', (a) => a.ts === ts, WAIT_MS);
  return ts;
}
