import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { SecretMasker } from '../../src/runner/secret-mask.js';
import { Recorder } from '../conversation/recorder.js';
import { type AccessTestApp, accessApp, cmd } from './setup.js';

describe('the output masker', () => {
  it('masks a secret split across chunks at every position', () => {
    const secret = 'p4ss-w0rd!';
    const text = `before ${secret} middle ${secret}\nafter`;
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2 += 3) {
        const masker = new SecretMasker([secret]);
        const shown =
          masker.push(text.slice(0, cut)) +
          masker.push(text.slice(cut, cut2)) +
          masker.push(text.slice(cut2)) +
          masker.flush();
        expect(shown).toBe('before ******** middle ********\nafter');
      }
    }
  });

  it('holds back only what could start a secret, and several secrets at once', () => {
    const masker = new SecretMasker(['longer-secret', 'abcd']);
    expect(masker.push('x lon')).toBe('x ');
    expect(masker.push('g story abc')).toBe('long story ');
    expect(masker.push('d and longer-secret')).toBe('******** and ********');
    expect(masker.flush(' end')).toBe(' end');
  });
});

describe('secrets in a run', () => {
  let t: AccessTestApp;
  afterEach(() => t.close());

  it('are masked in live output, the stored head and tail, the log and the result', async () => {
    t = await accessApp();
    const events: string[] = [];
    t.app.runner.on((event) => {
      if (event.type === 'output') events.push(event.text);
    });
    const out = new Recorder();
    const secret = 'tok-3f9a8b7c6d';
    await t.conversation.handle(cmd(`run show_token local token=${secret}`), out);
    const result = out.last();
    expect(result.title).toBe('Show a token on local succeeded');
    const run = await t.app.store.db.selectFrom('runs').selectAll().executeTakeFirstOrThrow();
    expect(run.output_head).toContain('token=********');
    const everything = [
      events.join(''),
      JSON.stringify(run),
      readFileSync(run.log_path ?? '', 'utf8'),
      JSON.stringify(out.shown),
      JSON.stringify(t.app.store.sqlite.prepare('select * from audit_log').all()),
    ].join('\n');
    expect(everything).toContain('********');
    expect(everything).not.toContain(secret);
  });

  it('are masked when the output splits them across writes', async () => {
    t = await accessApp();
    const events: string[] = [];
    t.app.runner.on((event) => {
      if (event.type === 'output') events.push(event.text);
    });
    const item = t.app.catalog.get('show_token');
    const split = {
      ...item!,
      name: 'split_token',
      command:
        "printf 'start '; printf '%s' {{token}} | head -c 5; sleep 0.3; " +
        "printf '%s' {{token}} | tail -c +6; echo",
    };
    const { done } = await t.app.runner.submit({
      item: split,
      server: 'local',
      values: { token: 'abcdefghij' },
      actor: 'test',
      trigger: 'manual',
    });
    const run = await done;
    // Half the secret came before the sleep, yet only the text before it was shown then.
    expect(events[0]).toBe('start ');
    expect(events.join('')).toBe('start ********\n');
    expect(run.output_head).toBe('start ********\n');
  });
});

describe('log redaction', () => {
  it('redacts tokens, keys and passwords at any depth, and token-shaped values', () => {
    const destination = new PassThrough();
    let written = '';
    destination.on('data', (chunk) => {
      written += String(chunk);
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        config: {
          slack: { bot_token: 'xoxb-1111-2222-abcdefgh' },
          servers: [{ passphrase: 'pp1' }],
        },
        request: { headers: { Authorization: 'Bearer abc.def.ghi123' } },
        deep: { a: { b: { c: { password: 'hunter2', apiKey: 'key-999', privateKey: 'PEM' } } } },
        note: 'connecting with xapp-1-A0-12345-abcdef and Bearer zzzzzzzzzz',
        err: new Error('boom'),
        count: 3,
      },
      'hello',
    );
    const line = JSON.parse(written) as Record<string, unknown>;
    for (const secret of [
      'xoxb-1111',
      'pp1',
      'abc.def',
      'hunter2',
      'key-999',
      'PEM',
      'xapp-1',
      'zzzz',
    ])
      expect(written).not.toContain(secret);
    expect(line).toMatchObject({
      config: { slack: { bot_token: '[redacted]' }, servers: [{ passphrase: '[redacted]' }] },
      request: { headers: { Authorization: '[redacted]' } },
      deep: { a: { b: { c: { password: '[redacted]', apiKey: '[redacted]' } } } },
      note: 'connecting with [redacted] and Bearer [redacted]',
      err: { message: 'boom' },
      count: 3,
      msg: 'hello',
    });
  });
});
