import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLinks } from '../../src/http/links.js';
import { LinkSigner, loadLinkKey } from '../../src/http/signed-links.js';
import { type Api, finished, startApi } from './harness.js';

let api: Api;
let signer: LinkSigner;
beforeAll(async () => {
  api = await startApi();
  signer = new LinkSigner(await loadLinkKey(api.t.app.store.db, undefined));
});
afterAll(() => api.close());

async function runWith(item: string, parameters: Record<string, unknown>) {
  const answer = await api.call('POST', '/api/v1/jobs/quick-run', {
    body: { item, server: 'local', parameters },
  });
  return finished(api, answer.json.runs[0].id);
}

/** The path and query of a page link, for this server. */
function local(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `${url.pathname.replace(/^\/base/, '')}${url.search}`;
}

describe('GET /runs/:id?token=…', () => {
  it('shows status, timings, masked parameters and escaped output', async () => {
    const run = await runWith('login', { user: '<script>alert(1)</script>', password: 'pw-9876' });
    const page = await api.call('GET', local(run.page_url), { as: 'none' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.text).toContain('<h1>Log in with a password on local</h1>');
    expect(page.text).toContain('<strong>success</strong>');
    expect(page.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('<th>password</th><td>********</td>');
    expect(page.text).not.toContain('pw-9876');
    expect(page.text).toMatch(/<th>Duration<\/th><td>(&#60;1s|\d+s)<\/td>/);
    expect(page.text).toContain('<th>Exit code</th><td>0</td>');
  });

  it('refuses a link past its expiry', async () => {
    const run = await runWith('say', { word: 'old' });
    const expired = runLinks({
      publicUrl: 'http://jobdeck.test',
      signer,
      pageTtl: 60,
      againTtl: 60,
      now: () => Date.now() - 3600_000,
    }).runPage(run.id);
    const page = await api.call('GET', local(expired), { as: 'none' });
    expect(page.status).toBe(403);
    expect(page.text).toContain('This link has expired');
    expect(page.text).not.toContain('old 1');
  });

  it('refuses a tampered link: another run, a longer expiry, a changed signature', async () => {
    const run = await runWith('say', { word: 'mine' });
    const other = await runWith('say', { word: 'theirs' });
    const path = local(run.page_url);
    const token = new URL(run.page_url).searchParams.get('token') ?? '';
    const [expiry, nonce, mac] = token.split('.');
    const later = (Number.parseInt(expiry ?? '0', 36) + 86_400).toString(36);
    const tries = [
      `/runs/${other.id}?token=${token}`,
      path.replace(`token=${expiry}`, `token=${later}`),
      `/runs/${run.id}?token=${expiry}.${nonce}.${mac?.slice(0, -2)}AA`,
      `/runs/${run.id}?token=garbage`,
      `/runs/${run.id}`,
    ];
    for (const attempt of tries) {
      const page = await api.call('GET', attempt, { as: 'none' });
      expect(page.status, attempt).toBe(403);
      expect(page.text).not.toContain('theirs');
    }
    const tampered = await api.call('GET', tries[1] ?? '', { as: 'none' });
    expect(tampered.text).toContain('changed after jobdeck signed it');
    expect((await api.call('GET', path, { as: 'none' })).status).toBe(200);
  });
});
