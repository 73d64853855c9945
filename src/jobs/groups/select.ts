/** Which servers a multi-server run covers: names and labels, and how many must succeed. */
import { didYouMean } from '../../catalog/suggest.js';

export interface ServerSelector {
  names?: readonly string[];
  labels?: readonly string[];
}

export interface KnownServer {
  name: string;
  labels: readonly string[];
}

export type Selected = { ok: true; servers: string[] } | { ok: false; error: string };

/** Named servers in the order given, then those with any of the labels; each server once. */
export function selectServers(selector: ServerSelector, known: readonly KnownServer[]): Selected {
  const names = selector.names ?? [];
  const labels = selector.labels ?? [];
  if (names.length === 0 && labels.length === 0)
    return { ok: false, error: 'name at least one server or label' };
  const all = known.map((s) => s.name);
  const chosen: string[] = [];
  for (const name of names) {
    if (!all.includes(name))
      return { ok: false, error: `no server named "${name}"${didYouMean(name, all)}` };
    if (!chosen.includes(name)) chosen.push(name);
  }
  for (const label of labels) {
    const matching = known.filter((s) => s.labels.includes(label)).map((s) => s.name);
    if (matching.length === 0) {
      const every = [...new Set(known.flatMap((s) => s.labels))];
      const hint = every.length > 0 ? `; labels: ${every.join(', ')}` : '; no server has labels';
      return { ok: false, error: `no server has the label "${label}"${hint}` };
    }
    for (const name of matching) if (!chosen.includes(name)) chosen.push(name);
  }
  return { ok: true, servers: chosen };
}

export type Threshold = string | number | undefined;

export type Required = { ok: true; required: number } | { ok: false; error: string };

/**
 * How many of `count` servers must succeed: `all` (the default), a number of servers (`4`),
 * or a share (`80%`, rounded up).
 */
export function requiredSuccesses(threshold: Threshold, count: number): Required {
  const text = threshold === undefined ? 'all' : String(threshold).trim();
  if (text === 'all' || text === '') return { ok: true, required: count };
  const share = /^(\d{1,3})%$/.exec(text);
  if (share) {
    const percent = Number(share[1]);
    if (percent < 1 || percent > 100)
      return { ok: false, error: `a share must be 1% to 100%, got ${text}` };
    return { ok: true, required: Math.max(1, Math.ceil((count * percent) / 100)) };
  }
  if (/^\d+$/.test(text)) {
    const wanted = Number(text);
    if (wanted >= 1 && wanted <= count) return { ok: true, required: wanted };
    return { ok: false, error: `between 1 and ${count} servers must succeed, got ${wanted}` };
  }
  return {
    ok: false,
    error: `expected all, a number of servers or a share such as 80%, got "${text}"`,
  };
}
