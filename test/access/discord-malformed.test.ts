import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordPlatform } from '../../src/chat/discord/adapter.js';
import { createLogger } from '../../src/log.js';
import { testCatalogDir } from '../chat/discord/catalog.js';
import type { Json } from '../fakes/discord/types.js';
import { type FakeDiscord, type JsonObject, startFakeDiscord } from '../fakes/discord.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let fake: FakeDiscord;
let t: TestApp;
let platform: DiscordPlatform;
const logged: string[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
  t = await makeTestApp({
    config: {
      catalog_dirs: [testCatalogDir()],
      discord: { api_url: fake.apiUrl, guild_ids: [fake.guildId] },
    },
  });
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  platform = new DiscordPlatform({
    app: t.app,
    conversation: t.conversation,
    logger: createLogger({ level: 'warn', destination }),
    token: fake.token,
    config: t.app.config.discord,
  });
  await platform.start();
});
afterAll(async () => {
  await platform?.stop();
  await t?.close();
  await fake?.close();
});

async function counts(): Promise<number[]> {
  const db = t.app.store.sqlite;
  return ['runs', 'wizard_sessions', 'job_definitions', 'schedules'].map(
    (name) => (db.prepare(`select count(*) as n from ${name}`).get() as { n: number }).n,
  );
}

const big = 'x'.repeat(12_000);
const lone = 'name\ud800end';
const text = (customId: Json, value: Json) => ({
  type: 1,
  components: [{ type: 4, custom_id: customId, value }],
});
const command = (options: Json) => ({ type: 2, data: { name: 'jobs', type: 1, options } });
const run = (value: Json): Json => [{ type: 1, name: 'run', options: [{ name: 'item', value }] }];

const CASES: Array<[string, JsonObject & { type: number }]> = [
  ['a command without data', { type: 2 }],
  ['command options as a string', command('run greet')],
  ['command options of nulls', command([null, 3])],
  ['sub-command options as a number', command([{ type: 1, name: 'run', options: 5 }])],
  ['an oversized command value', command(run(big))],
  ['a lone surrogate in a command', command(run(lone))],
  ['a button without data', { type: 3 }],
  ['a button without custom_id', { type: 3, data: { component_type: 2 } }],
  ['a numeric custom_id', { type: 3, data: { component_type: 2, custom_id: 42 } }],
  ['an unknown custom_id', { type: 3, data: { component_type: 2, custom_id: 'nonsense' } }],
  ['an unknown action', { type: 3, data: { component_type: 2, custom_id: 'launch|now' } }],
  ['an oversized custom_id', { type: 3, data: { component_type: 2, custom_id: `run|${big}` } }],
  [
    'select values as a string',
    { type: 3, data: { component_type: 3, custom_id: 'run|x', values: 'a' } },
  ],
  [
    'select values of objects',
    { type: 3, data: { component_type: 3, custom_id: 'run|x', values: [{}] } },
  ],
  [
    'oversized select values',
    { type: 3, data: { component_type: 3, custom_id: 'run|x', values: [big] } },
  ],
  ['a modal without data', { type: 5 }],
  ['modal components as a string', { type: 5, data: { custom_id: 'run^greet', components: 'x' } }],
  ['modal components of nulls', { type: 5, data: { custom_id: 'run^greet', components: [null] } }],
  [
    'a numeric modal value',
    { type: 5, data: { custom_id: 'run^greet', components: [text('name', 7)] } },
  ],
  [
    'an oversized modal value',
    { type: 5, data: { custom_id: 'run^greet', components: [text('name', big)] } },
  ],
  [
    'a lone surrogate in a modal',
    { type: 5, data: { custom_id: 'run^greet', components: [text('name', lone)] } },
  ],
  [
    'no user at all',
    { type: 2, data: { name: 'jobs', options: run('greet') }, member: null, user: null },
  ],
  [
    'a label of the wrong shape',
    { type: 5, data: { custom_id: 'run^greet', components: [{ type: 18, component: 'x' }] } },
  ],
  ['an unknown interaction type', { type: 99, data: { custom_id: 'run|x' } }],
];

describe('malformed Discord interactions', () => {
  it.each(CASES)('%s: answered and warned about, nothing written', async (_name, partial) => {
    const before = await counts();
    logged.splice(0);
    const handle = fake.dispatchInteraction(partial);
    await platform.settled();
    const answered = () => handle.calls().length > 0 || logged.join('').includes('"level":40');
    await expect.poll(answered, { timeout: 5000 }).toBe(true);
    await platform.settled();
    expect(logged.join('')).not.toContain('"level":50');
    expect(await counts()).toEqual(before);
    // Whatever Discord would take an answer to is answered: the user never sees it fail.
    if ([2, 3, 5].includes(partial.type)) await handle.callback();
  });

  it('still answers /jobs help afterwards', async () => {
    const handle = fake.slashCommand('jobs', { subcommand: 'help' });
    const answer = await handle.callback();
    expect(JSON.stringify(answer.body)).toContain('run');
  });
});
