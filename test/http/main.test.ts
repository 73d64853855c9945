import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { configFrom } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { startJobdeck } from '../../src/main.js';

function logLines(stream: PassThrough): () => Array<Record<string, unknown>> {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('startJobdeck with http.port', () => {
  it('serves the API, says where in one line, and stops it on shutdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobdeck-main-'));
    const config = configFrom({
      database: join(dir, 'jobdeck.db'),
      servers: [{ name: 'local', transport: 'local' }],
      http: { port: 0, host: '127.0.0.1' },
    });
    const destination = new PassThrough();
    const lines = logLines(destination);
    const stdin = new PassThrough();
    const running = await startJobdeck(config, {
      logger: createLogger({ level: 'info', destination }),
      env: {},
      stdin,
      stdout: new PassThrough(),
      console: true,
    });
    const listening = lines().filter((line) => line.msg === 'HTTP API listening');
    expect(listening).toHaveLength(1);
    const url = String(listening[0]?.url);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/catalog`)).status).toBe(401);

    stdin.end();
    await running.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('starts no server without http.port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobdeck-main-'));
    const config = configFrom({ database: join(dir, 'jobdeck.db') });
    const destination = new PassThrough();
    const lines = logLines(destination);
    const running = await startJobdeck(config, {
      logger: createLogger({ level: 'info', destination }),
      env: {},
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      console: true,
    });
    await running.stop();
    expect(lines().some((line) => line.msg === 'HTTP API listening')).toBe(false);
  });
});
