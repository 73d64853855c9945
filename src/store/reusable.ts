/**
 * Queries kysely builds and compiles once, then runs with new values. For the few queries on
 * every chat interaction's path, building and compiling cost kysely more CPU than SQLite spends
 * running them; the SQL is still kysely's, for the database in use.
 */
import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import type { Db } from './db.js';

/** Stands for argument i while the query is compiled; found again among the parameters. */
const SLOT = '\u0000jobdeck-argument-';

interface Plan {
  sql: string;
  /** The compiled parameters: an argument's index, or a constant kept as it was. */
  parameters: Array<{ argument: number } | { value: unknown }>;
}

function planOf(query: CompiledQuery, arity: number): Plan {
  const parameters = query.parameters.map((value) =>
    typeof value === 'string' && value.startsWith(SLOT)
      ? { argument: Number(value.slice(SLOT.length)) }
      : { value },
  );
  const used = new Set(parameters.flatMap((p) => ('argument' in p ? [p.argument] : [])));
  if (used.size !== arity) {
    throw new Error(`a reusable query must use each of its ${arity} arguments as a value`);
  }
  return { sql: query.sql, parameters };
}

/**
 * A function running the query `build` makes, compiled on first use per database. `build` must
 * pass each argument straight in as a value (not compute with it), as the query is built once
 * with stand-ins.
 */
export function reusable<A extends unknown[], R>(
  arity: A['length'],
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<QueryResult<R>> {
  const plans = new WeakMap<Db, Plan>();
  return async (db, ...args) => {
    let plan = plans.get(db);
    if (!plan) {
      const stand = Array.from({ length: arity }, (_, i) => `${SLOT}${i}`) as unknown as A;
      plan = planOf(build(db, ...stand).compile(), arity);
      plans.set(db, plan);
    }
    const values = plan.parameters.map((p) => ('argument' in p ? args[p.argument] : p.value));
    return db.executeQuery(CompiledQuery.raw(plan.sql, values) as CompiledQuery<R>);
  };
}
