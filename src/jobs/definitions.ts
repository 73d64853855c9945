/** Job definitions: a catalog item with its parameters, servers and run policy, as stored. */
import type { ParamValues } from '../catalog/params.js';
import type { CatalogItem } from '../catalog/schema.js';
import { JobdeckError } from '../errors.js';
import { type Db, json } from '../store/db.js';
import type { JobDefinition, JobDefinitionsTable } from '../store/tables.js';

export type Overlap = JobDefinitionsTable['overlap'];

/** A definition with its JSON columns decoded. */
export interface Definition extends Omit<JobDefinition, 'parameters' | 'servers' | 'enabled'> {
  parameters: ParamValues;
  servers: string[];
  enabled: boolean;
}

export interface NewDefinition {
  item: CatalogItem;
  /** Validated values; secret-type values are dropped before storing. */
  parameters: ParamValues;
  servers: string[];
  name?: string;
  overlap?: Overlap;
  timeout?: number | null;
  createdBy: string;
  platform: string;
  channelId?: string | null;
  now?: number;
}

export interface DefinitionChanges {
  name?: string;
  /** New values, with the item they belong to (to know which are secret). */
  parameters?: { item: CatalogItem; values: ParamValues };
  servers?: string[];
  overlap?: Overlap;
  timeout?: number | null;
  enabled?: boolean;
  now?: number;
}

/** The values without secret-type parameters: secrets are never stored. */
export function withoutSecrets<T>(item: CatalogItem, values: Record<string, T>): Record<string, T> {
  const secret = new Set(item.parameters.filter((p) => p.type === 'secret').map((p) => p.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => !secret.has(name)));
}

export async function createDefinition(db: Db, input: NewDefinition): Promise<Definition> {
  const now = input.now ?? Date.now();
  const row = await db
    .insertInto('job_definitions')
    .values({
      name: input.name ?? input.item.name,
      item_name: input.item.name,
      parameters: json.encode(withoutSecrets(input.item, input.parameters)),
      servers: json.encode(input.servers),
      overlap: input.overlap ?? 'allow',
      timeout: input.timeout ?? null,
      created_by: input.createdBy,
      platform: input.platform,
      channel_id: input.channelId ?? null,
      enabled: 1,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return decode(row);
}

export async function getDefinition(db: Db, id: number): Promise<Definition | undefined> {
  const row = await db
    .selectFrom('job_definitions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decode(row) : undefined;
}

/** Like getDefinition, but an unknown id is an error. */
export async function requireDefinition(db: Db, id: number): Promise<Definition> {
  const found = await getDefinition(db, id);
  if (!found) throw new JobdeckError('input_invalid', `no job definition with id ${id}`);
  return found;
}

export async function listDefinitions(
  db: Db,
  filter: { item?: string } = {},
): Promise<Definition[]> {
  let query = db.selectFrom('job_definitions').selectAll().orderBy('id');
  if (filter.item !== undefined) query = query.where('item_name', '=', filter.item);
  return (await query.execute()).map(decode);
}

export async function updateDefinition(
  db: Db,
  id: number,
  changes: DefinitionChanges,
): Promise<Definition> {
  const { parameters } = changes;
  const row = await db
    .updateTable('job_definitions')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(parameters && {
        item_name: parameters.item.name,
        parameters: json.encode(withoutSecrets(parameters.item, parameters.values)),
      }),
      ...(changes.servers && { servers: json.encode(changes.servers) }),
      ...(changes.overlap && { overlap: changes.overlap }),
      ...(changes.timeout !== undefined && { timeout: changes.timeout }),
      ...(changes.enabled !== undefined && { enabled: changes.enabled ? 1 : 0 }),
      updated_at: changes.now ?? Date.now(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new JobdeckError('input_invalid', `no job definition with id ${id}`);
  return decode(row);
}

function decode(row: JobDefinition): Definition {
  return {
    ...row,
    parameters: json.decode<ParamValues>(row.parameters, {}),
    servers: json.decode<string[]>(row.servers, []),
    enabled: row.enabled === 1,
  };
}
