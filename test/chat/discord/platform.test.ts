// The Discord platform under Discord's rules: registration, resume, acting once, 429s, deliveries.
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../../fakes/discord.js';
import { type Harness, startHarness, textOf, titleOf } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    config: (fake) => ({
      notifications: {
        channels: [{ name: 'team', type: 'chat', platform: 'discord', channel: fake.channelId }],
      },
    }),
  });
});

afterAll(() => h?.close());

const commandCalls = (method: string) =>
  h.fake.calls.filter((c) => c.method === method && c.route.endsWith('/commands'));

async function runCount(): Promise<number> {
  const rows = await h.t.app.store.db.selectFrom('runs').select('id').execute();
  return rows.length;
}

describe('the Discord platform', () => {
  it('registers /jobs from commands/jobs.yaml once, and not again when unchanged', async () => {
    const { fake } = h;
    const [jobs] = fake.commands(fake.guildId);
    expect(jobs?.name).toBe('jobs');
    const subs = (jobs?.options as { name: string; options: { name: string }[] }[]) ?? [];
    expect(subs.map((s) => s.name)).toContain('run');
    const run = subs.find((s) => s.name === 'run');
    expect(run?.options).toMatchObject([
      { name: 'item', required: true, autocomplete: true },
      { name: 'server', autocomplete: true },
      { name: 'parameters' },
    ]);
    expect(commandCalls('PUT')).toHaveLength(1);
    h.platform = await h.restart();
    expect(commandCalls('GET')).toHaveLength(2);
    expect(commandCalls('PUT')).toHaveLength(1);
  });

  it('resumes after a dropped connection and answers what came meanwhile, once', async () => {
    const { fake } = h;
    fake.dropConnection();
    const help = fake.slashCommand('jobs', { subcommand: 'help' });
    await fake.until(() => fake.gateway.resumes >= 1, 15_000, 'a RESUME');
    await help.callback(10_000);
    expect(titleOf(help.original())).toBe('📖 /jobs: commands');
    expect(fake.gateway.identifies).toBe(fake.gateway.connections - fake.gateway.resumes);
    const after = fake.slashCommand('jobs', { subcommand: 'help' });
    await after.callback();
    expect(help.calls().filter((c) => c.route.endsWith('/callback'))).toHaveLength(1);
  });

  it('acts once when the same interaction arrives twice, even after a restart', async () => {
    const { fake } = h;
    const before = await runCount();
    const run = fake.slashCommand('jobs', {
      subcommand: 'run',
      options: { item: 'disk_usage', server: 'local' },
    });
    await run.callback();
    const packet = { op: 0, t: 'INTERACTION_CREATE', s: 999, d: run.payload };
    h.platform.client.emit(Events.Raw, packet);
    h.platform = await h.restart();
    h.platform.client.emit(Events.Raw, packet);
    await h.platform.settled();
    expect(await runCount()).toBe(before + 1);
  });

  it('honours a 429 and posts the run card after Retry-After', async () => {
    const { fake } = h;
    const seen = fake.calls.length;
    fake.rateLimit('POST /channels/:channel/messages', 1, 0.3);
    const run = fake.slashCommand('jobs', {
      subcommand: 'run',
      options: { item: 'disk_usage', server: 'local' },
    });
    await run.callback();
    await fake.until(() => titleOf(run.original()) === 'Started', 10_000, 'the started note');
    const posts = fake.calls.slice(seen).filter((c) => c.route === '/channels/:channel/messages');
    expect(posts.map((c) => c.status).slice(0, 2)).toEqual([429, 200]);
  });

  it('delivers a notification to a chat channel with a thread and a link', async () => {
    const { fake } = h;
    const message = {
      title: 'Backup FAILED on box',
      body: 'exit 2',
      tags: ['x'],
      priority: 5,
      click: '',
      actions: [],
      markdown: false,
    };
    const answer = await h.t.app.deliveries.send('team', message, 41);
    const posted = fake.messages().find((m) => titleOf(m) === 'Backup FAILED on box');
    expect(posted).toBeDefined();
    expect(answer.permalink).toBe(
      `https://discord.com/channels/${fake.guildId}/${fake.channelId}/${posted?.id}`,
    );
    expect(fake.channel(posted?.id ?? '')?.parentId).toBe(fake.channelId);
    expect(textOf(posted)).toContain('exit 2');
    expect(JSON.stringify(posted?.data.components)).toContain('run.again|41');
  });
});

describe('a slow answer', () => {
  it('defers, edits the deferred reply, and uses the channel once the token ended', async () => {
    const expiring = new Map<string, InteractionHandle>();
    // The conversation starts only once the interaction was deferred: no timing involved.
    const slow = await startHarness({
      reply: { ackAfterMs: 0 },
      conversation: (inner, fake) => ({
        async handle(interaction, responder) {
          await fake.waitFor((c) => c.interactionId === interaction.id && c.status < 300);
          expiring.get(interaction.id)?.expire('token');
          await inner.handle(interaction, responder);
        },
      }),
    });
    try {
      const { fake } = slow;
      const help = fake.slashCommand('jobs', { subcommand: 'help' });
      expect((await help.callback()).body).toMatchObject({ type: 5, data: { flags: 64 } });
      await fake.until(() => titleOf(help.original()).includes('commands'), 10_000, 'help');
      expect(help.original()?.ephemeral).toBe(true);

      const late = fake.slashCommand('jobs', { subcommand: 'help' });
      expiring.set(late.id, late);
      await late.callback();
      await fake.until(() => fake.messages().some((m) => m.data.content === `<@${fake.user.id}>`));
      const posted = fake.messages().find((m) => m.data.content === `<@${fake.user.id}>`);
      expect(titleOf(posted)).toBe('📖 /jobs: commands');
      expect(posted?.ephemeral).toBe(false);
      expect(fake.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
