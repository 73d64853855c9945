import { afterEach, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackJobdeck } from '../chat/slack/harness.js';

/** Role `ops` is granted to Slack user group S0OPS only. */
const ACCESS = {
  admins: ['slack:UADMIN'],
  roles: { ops: { items: '*', servers: '*' } },
  grants: { ops: { slack_groups: ['S0OPS'] } },
  rate_limit: 0,
};

let h: SlackHarness;
afterEach(() => h?.close());

async function start(): Promise<SlackHarness> {
  h = await startSlackJobdeck({ config: { access: ACCESS } });
  h.fake.addUser('U0OPS', 'olga');
  h.fake.addUser('U0DEV', 'dev');
  h.fake.addUserGroup('S0OPS', 'ops', ['U0OPS', 'U0OTHER']);
  h.fake.addUserGroup('S0DEV', 'devs', ['U0DEV']);
  return h;
}

async function greetRuns(): Promise<Array<{ actor: string; status: string }>> {
  return h.t.app.store.db
    .selectFrom('runs')
    .select(['actor', 'status'])
    .where('item_name', '=', 'greet')
    .execute();
}

const ephemeralTo = (user: string) => h.fake.ephemerals.filter((e) => e.user === user);

describe('grants to Slack user groups', () => {
  it('a member of S0OPS may run an item; someone outside it is refused', async () => {
    await start();
    await h.fake.sendSlashCommand({ user: 'U0OPS', text: 'run greet local name=ada' });
    await expect
      .poll(greetRuns, { timeout: 15_000 })
      .toEqual([{ actor: 'slack:U0OPS', status: 'success' }]);

    await h.fake.sendSlashCommand({ user: 'U0DEV', text: 'run greet local name=bob' });
    await expect
      .poll(() =>
        ephemeralTo('U0DEV')
          .map((e) => e.text + JSON.stringify(e.blocks))
          .join(''),
      )
      .toContain('You may not use jobdeck yet');
    expect(JSON.stringify(ephemeralTo('U0DEV'))).toContain('have no jobdeck role');
    expect(await greetRuns()).toHaveLength(1);

    const lookups = h.fake.callsTo('usergroups.list');
    expect(lookups).toHaveLength(1);
    expect(String(lookups[0]?.args.include_users)).toBe('true');
  });

  it('a failed lookup is a warning: the interaction goes on with no groups', async () => {
    await start();
    h.fake.failNext('usergroups.list', 'missing_scope');
    await h.fake.sendSlashCommand({ user: 'U0OPS', text: 'run greet local name=ada' });
    await expect
      .poll(() => JSON.stringify(ephemeralTo('U0OPS')))
      .toContain('You may not use jobdeck yet');
    expect(h.logged.join('')).toContain('could not read Slack user groups');
    expect(await greetRuns()).toEqual([]);

    await h.fake.sendSlashCommand({ user: 'U0OPS', text: 'help' });
    await expect.poll(() => ephemeralTo('U0OPS').length).toBeGreaterThan(1);
  });
});
