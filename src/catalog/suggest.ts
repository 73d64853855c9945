/** Closest names to a mistyped one, for "did you mean" answers in the CLI and in chat. */

/** Edit distance between two strings (insert, delete, substitute). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function score(wanted: string, candidate: string): number | undefined {
  const a = wanted.toLowerCase();
  const b = candidate.toLowerCase();
  if (a === b) return 0;
  if (a.length >= 3 && (b.includes(a) || a.includes(b))) return 1;
  const distance = editDistance(a, b);
  const allowed = Math.max(2, Math.floor(a.length / 3));
  return distance <= allowed ? 1 + distance : undefined;
}

/** Up to `limit` candidates closest to `wanted`, best first; none when nothing is close. */
export function closestNames(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of candidates) {
    const s = score(wanted, name);
    if (s !== undefined) scored.push({ name, score: s });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((entry) => entry.name);
}

/** "; did you mean a, b?" or "": ready to append to an error message. */
export function didYouMean(wanted: string, candidates: Iterable<string>): string {
  const names = closestNames(wanted, candidates);
  return names.length > 0 ? `; did you mean ${names.join(', ')}?` : '';
}
