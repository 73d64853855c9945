/** `jobdeck audit`: who started, scheduled, pinned, approved or was refused what, and when. */
import { JobdeckError } from '../errors.js';
import { type AuditRecord, listAudit } from '../jobs/audit.js';
import { formatInZone } from '../scheduler/describe.js';
import { openStore } from '../store/db.js';
import type { CliCommand, CliContext } from './command.js';
import { configOf, flag, text } from './options.js';

const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `90s`, `30m`, `12h`, `7d`, `2w` (or several, `1h30m`) in milliseconds. */
export function parseDuration(raw: string): number | undefined {
  const parts = [...raw.trim().matchAll(/(\d+)\s*([smhdw])/gi)];
  const whole = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || whole.replace(/\s/g, '') !== raw.replace(/\s/g, '')) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2]!.toLowerCase()] ?? 0), 0);
}

function since(context: CliContext, now: number): number | undefined {
  const raw = text(context, 'since');
  if (raw === undefined) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined)
    throw new JobdeckError(
      'input_invalid',
      `--since expects a duration such as 30m, 12h or 7d, got "${raw}"`,
    );
  return now - ms;
}

function line(record: AuditRecord, timezone: string): string {
  const where = record.channelId ? `${record.platform}/${record.channelId}` : record.platform;
  const what = [record.item, record.servers.length > 0 ? `on ${record.servers.join(',')}` : '']
    .filter(Boolean)
    .join(' ');
  const params = Object.entries(record.parameters)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
  const cells = [
    formatInZone(new Date(record.at), timezone),
    record.actor,
    where,
    record.action,
    what || '-',
    record.outcome,
  ];
  const extra = [params, record.detail ?? ''].filter(Boolean).join(' · ');
  return `${cells.join('  ')}${extra ? `  ${extra.replace(/\s*\n\s*/g, ' ')}` : ''}`;
}

function asJson(record: AuditRecord) {
  return { ...record, at: new Date(record.at).toISOString() };
}

export const auditCommand: CliCommand = {
  path: ['audit'],
  usage: 'audit [--since DURATION] [--user U] [--json]',
  summary: 'the audit log: run starts, schedule changes, pins, approvals and refusals',
  options: { since: { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean' } },
  async run(context) {
    const config = configOf(context);
    const query = { since: since(context, Date.now()), user: text(context, 'user') };
    const store = await openStore(config.database);
    try {
      const records = await listAudit(store.db, query);
      if (flag(context, 'json')) context.out(JSON.stringify(records.map(asJson), null, 2));
      else if (records.length === 0) context.err('no audit entries match');
      else for (const record of records) context.out(line(record, config.timezone));
      return 0;
    } finally {
      await store.close();
    }
  },
};
