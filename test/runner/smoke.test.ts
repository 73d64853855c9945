import { afterAll, expect, it } from 'vitest';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { makeRunner, outputOf, testItem } from './harness.js';

const h = await makeRunner({ servers: [sshServer(sharedSshd())] });
afterAll(() => h.close());

it('smoke', async () => {
  const { runId, done } = await h.runner.submit({
    item: testItem('echo hello; echo oops >&2; exit 3'),
    server: 'box',
    values: {},
    actor: 't',
    trigger: 'manual',
  });
  const run = await done;
  console.log(run, outputOf(h.events, runId));
  expect(run.exit_code).toBe(3);
});
