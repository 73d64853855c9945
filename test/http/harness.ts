/** A started HTTP API over a real app: test catalog, local servers, tokens by role, fetch. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformHealth } from '../../src/http/context.js';
import { type HttpServer, startHttpServer } from '../../src/http/server.js';
import { makeTestApp, type TestApp } from '../support/app.js';

export const TOKENS = {
  admin: 'admin-token-0123456789',
  operator: 'operator-token-0123456789',
  viewer: 'viewer-token-0123456789',
  reader: 'reader-token-0123456789',
} as const;
export type Who = keyof typeof TOKENS | 'none' | 'wrong';

const CATALOG = `
categories:
  - name: testing
    display_name: Testing
    description: jobs for the HTTP tests
items:
  - name: say
    display_name: Say something
    category: testing
    command: echo {{word}} {{count}}
    parameters:
      - { name: word, type: string, default: hello, validation: { maxLength: 20 } }
      - { name: count, type: number, default: 1, validation: { min: 1, max: 5 } }
  - name: nap
    display_name: Take a nap
    category: testing
    command: echo napping; sleep {{seconds}}; echo awake
    parameters:
      - { name: seconds, type: number, default: 30, validation: { min: 0, max: 60 } }
  - name: mainframe
    display_name: Needs a mainframe
    category: testing
    command: echo big iron
    required_capabilities: [zos]
  - name: login
    display_name: Log in with a password
    category: testing
    command: echo user={{user}} pass={{password}}
    parameters:
      - { name: user, type: string, required: true }
      - { name: password, type: secret, required: true }
  - name: risky
    display_name: Risky business
    category: testing
    command: echo risky
    confirm: true
  - name: expert
    display_name: Expert only
    category: testing
    difficulty: advanced
    command: echo expert
`;

export const ACCESS = {
  roles: {
    operator: { items: '*', servers: '*', schedule: true },
    viewer: { items: { names: ['say'] }, servers: { names: ['local'] } },
    reader: {},
  },
  rate_limit: 0,
};

export interface ApiOptions {
  /** Replaces the http: section. */
  http?: Record<string, unknown>;
  /** Extra top-level configuration. */
  config?: Record<string, unknown>;
  platforms?: PlatformHealth[];
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field
  json: any;
}

export interface Api {
  t: TestApp;
  server: HttpServer;
  url: string;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

export interface CallOptions {
  as?: Who;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export function defaultHttp(): Record<string, unknown> {
  return {
    public_url: 'http://jobdeck.test/base',
    tokens: (['admin', 'operator', 'viewer', 'reader'] as const).map((role) => ({
      name: role,
      token_env: `JD_TEST_${role.toUpperCase()}`,
      role,
    })),
  };
}

export const ENV: NodeJS.ProcessEnv = {
  JD_TEST_ADMIN: TOKENS.admin,
  JD_TEST_OPERATOR: TOKENS.operator,
  JD_TEST_VIEWER: TOKENS.viewer,
  JD_TEST_READER: TOKENS.reader,
};

export async function startApi(options: ApiOptions = {}): Promise<Api> {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-http-'));
  writeFileSync(join(dir, 'testing.yaml'), CATALOG);
  const t = await makeTestApp({
    dir,
    servers: [
      { name: 'local', transport: 'local', labels: ['this machine'] },
      { name: 'other', transport: 'local', labels: ['lab'] },
    ],
    config: {
      catalog_dirs: [dir],
      access: ACCESS,
      http: options.http ?? defaultHttp(),
      ...options.config,
    },
  });
  const server = await startHttpServer({
    app: t.app,
    platforms: options.platforms ?? [],
    env: options.env ?? ENV,
    port: 0,
    host: '127.0.0.1',
    ...(options.now && { now: options.now }),
  });
  const call = (method: string, path: string, o: CallOptions = {}) =>
    send(server.url, method, path, o);
  const close = async () => {
    await server.close();
    await t.close();
  };
  return { t, server, url: server.url, call, close };
}

async function send(base: string, method: string, path: string, o: CallOptions): Promise<Answer> {
  const headers: Record<string, string> = { ...o.headers };
  const who = o.as ?? 'admin';
  if (who === 'wrong') headers.authorization = 'Bearer not-a-token';
  else if (who !== 'none') headers.authorization = `Bearer ${TOKENS[who]}`;
  let body: string | undefined = o.raw;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Polls the run until it has ended; the test's timeout bounds the wait. */
export async function finished(api: Api, id: number): Promise<Answer['json']> {
  for (;;) {
    const answer = await api.call('GET', `/api/v1/runs/${id}`);
    if (!['queued', 'running'].includes(answer.json.status)) return answer.json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls until `check` answers something other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
