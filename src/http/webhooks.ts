/** Webhook records per job definition, their secrets (env or derived) and the signature. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import { readSecret } from '../config/secrets.js';
import { type Db, json } from '../store/db.js';
import type { WebhooksTable } from '../store/tables.js';
import type { LinkSigner } from './signed-links.js';

export interface Webhook {
  definitionId: number;
  /** The variable that holds the secret; null when it is derived from the link key. */
  secretEnv: string | null;
  salt: string | null;
  /** Parameters a delivery may override. */
  params: string[];
  createdBy: string;
  createdAt: number;
}

export interface NewWebhook {
  definitionId: number;
  secretEnv?: string | undefined;
  params: string[];
  createdBy: string;
  now: number;
}

type Row = Selectable<WebhooksTable>;

function decode(row: Row): Webhook {
  return {
    definitionId: row.definition_id,
    secretEnv: row.secret_env,
    salt: row.salt,
    params: json.decode<string[]>(row.params, []),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Creates or replaces the definition's webhook; a derived secret gets a new salt (rotated). */
export async function saveWebhook(db: Db, hook: NewWebhook): Promise<Webhook> {
  const values = {
    secret_env: hook.secretEnv ?? null,
    salt: hook.secretEnv ? null : randomBytes(16).toString('hex'),
    params: json.encode(hook.params),
    created_by: hook.createdBy,
    created_at: hook.now,
  };
  const row = await db
    .insertInto('webhooks')
    .values({ definition_id: hook.definitionId, ...values })
    .onConflict((oc) => oc.column('definition_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return decode(row);
}

export async function getWebhook(db: Db, definitionId: number): Promise<Webhook | undefined> {
  const row = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('definition_id', '=', definitionId)
    .executeTakeFirst();
  return row ? decode(row) : undefined;
}

export async function listWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhooks').selectAll().orderBy('definition_id').execute();
  return rows.map(decode);
}

export async function deleteWebhook(db: Db, definitionId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('webhooks')
    .where('definition_id', '=', definitionId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The shared secret: the variable's value, or derived from the link key and the salt. */
export function webhookSecret(hook: Webhook, signer: LinkSigner, env: NodeJS.ProcessEnv): string {
  if (hook.secretEnv) return readSecret({ env: hook.secretEnv }, env) ?? '';
  return signer.derive(`webhook:${hook.definitionId}:${hook.salt ?? ''}`).toString('hex');
}

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"). */
export function signatureOf(secret: string, timestamp: string, body: Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body);
  return `sha256=${mac.digest('hex')}`;
}

export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
