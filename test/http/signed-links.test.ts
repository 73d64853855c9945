import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkSigner, loadLinkKey } from '../../src/http/signed-links.js';
import { openStore, type Store } from '../../src/store/db.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function store(): Promise<Store> {
  const opened = await openStore(join(mkdtempSync(join(tmpdir(), 'jobdeck-links-')), 'j.db'));
  stores.push(opened);
  return opened;
}

describe('the link key', () => {
  it('is generated once and kept in settings when no variable names one', async () => {
    const db = (await store()).db;
    const first = await loadLinkKey(db, undefined, {});
    const second = await loadLinkKey(db, undefined, {});
    expect(first.equals(second)).toBe(true);
    const row = await db.selectFrom('settings').selectAll().execute();
    expect(row.map((r) => r.key)).toEqual(['http.link_secret']);
    const other = await loadLinkKey((await store()).db, undefined, {});
    expect(other.equals(first)).toBe(false);
  });

  it('comes from link_secret_env when set, and a short one is refused', async () => {
    const db = (await store()).db;
    const env = { JD_LINKS: 'a-long-enough-secret-value' };
    const key = await loadLinkKey(db, 'JD_LINKS', env);
    expect(key.toString('utf8')).toBe(env.JD_LINKS);
    expect(await db.selectFrom('settings').selectAll().execute()).toEqual([]);
    await expect(loadLinkKey(db, 'JD_LINKS', { JD_LINKS: 'short' })).rejects.toThrow(/at least 16/);
    await expect(loadLinkKey(db, 'JD_LINKS', {})).rejects.toThrow(/not set/);
  });
});

describe('LinkSigner', () => {
  const signer = new LinkSigner(Buffer.from('0123456789abcdef0123456789abcdef'));
  const now = Date.UTC(2025, 0, 1);

  it('verifies its own token for the same purpose and subject until it expires', () => {
    const token = signer.sign('run-page', '7', now + 60_000);
    expect(signer.verify('run-page', '7', token, now)).toMatchObject({ ok: true });
    expect(signer.verify('run-page', '7', token, now + 60_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(signer.verify('run-again', '7', token, now)).toMatchObject({ reason: 'tampered' });
    expect(signer.verify('run-page', '8', token, now)).toMatchObject({ reason: 'tampered' });
    const other = new LinkSigner(Buffer.from('another key of thirty-two bytes!'));
    expect(other.verify('run-page', '7', token, now)).toMatchObject({ reason: 'tampered' });
    expect(signer.verify('run-page', '7', 'a.b', now)).toMatchObject({ reason: 'malformed' });
  });

  it('carries a nonce, covered by the signature', () => {
    const token = signer.sign('run-again', '7', now + 60_000, 'abc_DEF-123');
    expect(signer.verify('run-again', '7', token, now)).toMatchObject({ nonce: 'abc_DEF-123' });
    const swapped = token.replace('abc_DEF-123', 'abc_DEF-124');
    expect(signer.verify('run-again', '7', swapped, now)).toMatchObject({ reason: 'tampered' });
  });
});
