/** The servers and server_capabilities tables: config sync, probe results, trusted keys. */
import type { ServerConfig } from '../config/schema.js';
import { type Db, json } from '../store/db.js';
import { reusable } from '../store/reusable.js';
import type { ServerRow } from '../store/tables.js';
import type { ProbeResult } from './probe.js';

export interface CapabilityRow {
  server_name: string;
  capability: string;
  source: 'probe' | 'config';
}

/** Upserts every configured server and replaces its config capabilities; keeps probe results. */
export async function syncServerRows(db: Db, servers: readonly ServerConfig[], now: number) {
  await db.transaction().execute(async (trx) => {
    for (const server of servers) {
      const columns = {
        host: server.host,
        port: server.port,
        user: server.user ?? null,
        transport: server.transport,
        labels: json.encode(server.labels),
        updated_at: now,
      };
      await trx
        .insertInto('servers')
        .values({ name: server.name, ...columns })
        .onConflict((oc) => oc.column('name').doUpdateSet(columns))
        .execute();
      await trx
        .deleteFrom('server_capabilities')
        .where('server_name', '=', server.name)
        .where('source', '=', 'config')
        .execute();
      for (const capability of server.capabilities) {
        const row = { server_name: server.name, capability, source: 'config' as const };
        await trx
          .insertInto('server_capabilities')
          .values({ ...row, detected_at: now })
          .onConflict((oc) => oc.columns(['server_name', 'capability']).doUpdateSet(row))
          .execute();
      }
    }
  });
}

// Read for every server list a wizard shows: compiled once.
const serverRows = reusable(0, (db: Db) => db.selectFrom('servers').selectAll());
const capabilityRows = reusable(0, (db: Db) =>
  db
    .selectFrom('server_capabilities')
    .select(['server_name', 'capability', 'source'])
    .orderBy('capability'),
);

export async function readServerRows(db: Db): Promise<Map<string, ServerRow>> {
  const { rows } = await serverRows(db);
  return new Map(rows.map((row) => [row.name, row]));
}

export async function readCapabilities(db: Db): Promise<CapabilityRow[]> {
  return (await capabilityRows(db)).rows;
}

export async function recordProbe(db: Db, name: string, result: ProbeResult, now: number) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('servers')
      .set({
        distro: result.distro,
        distro_version: result.distroVersion,
        reachable: 1,
        last_error: null,
        probed_at: now,
      })
      .where('name', '=', name)
      .execute();
    await trx
      .deleteFrom('server_capabilities')
      .where('server_name', '=', name)
      .where('source', '=', 'probe')
      .execute();
    for (const capability of result.capabilities) {
      await trx
        .insertInto('server_capabilities')
        .values({ server_name: name, capability, source: 'probe', detected_at: now })
        .onConflict((oc) => oc.columns(['server_name', 'capability']).doNothing())
        .execute();
    }
  });
}

/** A failed probe: unreachable, with the cause; the last known capabilities stay. */
export async function recordProbeFailure(db: Db, name: string, error: string, now: number) {
  await db
    .updateTable('servers')
    .set({ reachable: 0, last_error: error, probed_at: now })
    .where('name', '=', name)
    .execute();
}

export async function recordTrust(db: Db, name: string, fingerprint: string, now: number) {
  await db
    .updateTable('servers')
    // Forget the last probe: it may have failed for want of this trust.
    .set({ host_key: fingerprint, probed_at: null, reachable: null, updated_at: now })
    .where('name', '=', name)
    .execute();
}
