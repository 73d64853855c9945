/** HMAC-signed, expiring link tokens, and the one key that signs them (env or settings). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readSecret } from '../config/secrets.js';
import { JobdeckError } from '../errors.js';
import type { Db } from '../store/db.js';

export type LinkPurpose = 'run-page' | 'run-again';

export type LinkCheck =
  | { ok: true; nonce: string; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

const SETTING = 'http.link_secret';
const MIN_SECRET = 16;
const EXPIRY = /^[0-9a-z]{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{0,64}$/;

/** Signs `purpose:subject:expiry:nonce`; a token is `expiry.nonce.mac`, all URL-safe. */
export class LinkSigner {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = Buffer.from(key);
  }

  sign(purpose: LinkPurpose, subject: string, expiresAt: number, nonce = ''): string {
    const expiry = Math.floor(expiresAt / 1000).toString(36);
    return `${expiry}.${nonce}.${this.#mac(purpose, subject, expiry, nonce)}`;
  }

  /** The signature is checked before the expiry, so an edited expiry reads as tampered. */
  verify(purpose: LinkPurpose, subject: string, token: string, now: number): LinkCheck {
    const [expiry, nonce, mac, extra] = token.split('.');
    const wellFormed = expiry && mac && nonce !== undefined && extra === undefined;
    if (!wellFormed || !EXPIRY.test(expiry) || !NONCE.test(nonce)) {
      return { ok: false, reason: 'malformed' };
    }
    const expected = Buffer.from(this.#mac(purpose, subject, expiry, nonce), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'tampered' };
    }
    const expiresAt = Number.parseInt(expiry, 36) * 1000;
    if (expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true, nonce, expiresAt };
  }

  /** A key for another use (webhook secrets), derived so one secret serves every purpose. */
  derive(label: string): Buffer {
    return createHmac('sha256', this.#key).update(label, 'utf8').digest();
  }

  #mac(purpose: string, subject: string, expiry: string, nonce: string): string {
    return createHmac('sha256', this.#key)
      .update(`${purpose}\n${subject}\n${expiry}\n${nonce}`, 'utf8')
      .digest('base64url');
  }
}

/** A fresh random nonce for a single-use link. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The link key: from `http.link_secret_env`, else generated once and kept in `settings`. */
export async function loadLinkKey(
  db: Db,
  secretEnv: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Buffer> {
  if (secretEnv) {
    const value = readSecret({ env: secretEnv }, env) ?? '';
    if (value.length < MIN_SECRET) {
      const why = `${secretEnv} must hold at least ${MIN_SECRET} characters`;
      throw new JobdeckError('config_invalid', `http.link_secret_env: ${why}`);
    }
    return Buffer.from(value, 'utf8');
  }
  await db
    .insertInto('settings')
    .values({ key: SETTING, value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTING)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'hex');
}
