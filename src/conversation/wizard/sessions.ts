/** Wizard sessions in SQLite under a short id: a restart mid-wizard loses nothing. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../store/db.js';
import { json } from '../../store/db.js';
import { reusable } from '../../store/reusable.js';
import type { RunTrigger } from '../../store/tables.js';

export const WIZARD_TTL_MS = 24 * 3600 * 1000;

export type Step = 'select' | 'configure' | 'server' | 'schedule' | 'notify' | 'confirm' | 'done';

export interface ScheduleChoice {
  kind: 'now' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'cron';
  cron?: string;
  timezone: string;
  time?: string;
  weekday?: string;
  day?: string;
}

export interface WizardData {
  itemName?: string;
  /** Values as typed, secrets left out: they live in memory only. */
  values?: Record<string, unknown>;
  servers?: string[];
  schedule?: ScheduleChoice;
  notify?: { onFailure: boolean; onSuccess: boolean; channels: string[] };
  filter?: { category?: string; words?: string; difficulty?: string; page?: number };
  /** For a confirmation session: the run waiting for a yes. */
  pending?: {
    item: string;
    servers: string[];
    values: Record<string, unknown>;
    trigger: RunTrigger;
    parentRunId?: number;
    definitionId?: number;
  };
  /** Started by `/jobs run` or a quick action: run as soon as nothing is missing. */
  quick?: { trigger: RunTrigger; parentRunId?: number };
}

export interface WizardState {
  id: string;
  owner: string;
  platform: string;
  channelId: string | null;
  step: Step;
  data: WizardData;
  expiresAt: number;
}

export type LoadResult =
  | { ok: true; state: WizardState }
  | { ok: false; reason: 'unknown' | 'expired' | 'not_owner' };

/** 8 characters of base-36: short enough for any custom id, hard to guess. */
function newId(): string {
  const bytes = randomBytes(6);
  return BigInt(`0x${bytes.toString('hex')}`)
    .toString(36)
    .padStart(8, '0')
    .slice(-8);
}

const insertSession = reusable(
  8,
  (
    db: Db,
    id: string,
    owner: string,
    platform: string,
    channelId: string | null,
    step: Step,
    data: string,
    now: number,
    expiresAt: number,
  ) =>
    db.insertInto('wizard_sessions').values({
      id,
      owner,
      platform,
      channel_id: channelId,
      step,
      data,
      created_at: now,
      updated_at: now,
      expires_at: expiresAt,
    }),
);

const sessionRow = reusable(1, (db: Db, id: string) =>
  db.selectFrom('wizard_sessions').selectAll().where('id', '=', id),
);

const saveSession = reusable(
  5,
  (db: Db, id: string, step: Step, data: string, now: number, expiresAt: number) =>
    db
      .updateTable('wizard_sessions')
      .set({ step, data, updated_at: now, expires_at: expiresAt })
      .where('id', '=', id),
);

export class WizardSessions {
  readonly #db: Db;
  readonly #now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async create(
    owner: string,
    platform: string,
    channelId: string | undefined,
    data: WizardData,
    step: Step = 'select',
  ): Promise<WizardState> {
    const now = this.#now();
    const state: WizardState = {
      id: newId(),
      owner,
      platform,
      channelId: channelId ?? null,
      step,
      data,
      expiresAt: now + WIZARD_TTL_MS,
    };
    const { id, expiresAt } = state;
    const encoded = json.encode(data);
    const channel = state.channelId;
    await insertSession(this.#db, id, owner, platform, channel, step, encoded, now, expiresAt);
    return state;
  }

  async load(id: string, owner: string): Promise<LoadResult> {
    const [row] = (await sessionRow(this.#db, id)).rows;
    // Approval requests share the table; they are never a wizard to drive.
    if (!row || row.step === 'approval') return { ok: false, reason: 'unknown' };
    if (row.expires_at <= this.#now()) return { ok: false, reason: 'expired' };
    if (row.owner !== owner) return { ok: false, reason: 'not_owner' };
    return {
      ok: true,
      state: {
        id: row.id,
        owner: row.owner,
        platform: row.platform,
        channelId: row.channel_id,
        step: row.step as Step,
        data: json.decode<WizardData>(row.data, {}),
        expiresAt: row.expires_at,
      },
    };
  }

  async save(state: WizardState): Promise<void> {
    const now = this.#now();
    state.expiresAt = now + WIZARD_TTL_MS;
    const data = json.encode(state.data);
    await saveSession(this.#db, state.id, state.step, data, now, state.expiresAt);
  }

  async end(id: string): Promise<void> {
    await this.#db.deleteFrom('wizard_sessions').where('id', '=', id).execute();
  }

  /** Deletes expired sessions; answers how many. */
  async sweep(): Promise<number> {
    const result = await this.#db
      .deleteFrom('wizard_sessions')
      .where('expires_at', '<=', this.#now())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
