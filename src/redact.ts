/** Scrubs secrets from log objects at any depth: sensitive keys, and token-shaped values. */

export const CENSOR = '[redacted]';

const SENSITIVE_KEY = new RegExp(
  [
    'token',
    'passw(or)?d',
    'passphrase',
    'secret',
    'private_?key',
    'api_?key',
    'access_?key',
    'authorization',
    'cookie',
    'credential',
    'signature',
  ].join('|'),
  'i',
);

/** Slack tokens, Discord bot tokens and bearer credentials, wherever they sit in a string. */
const TOKEN_VALUES: Array<[RegExp, string]> = [
  [/\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{6,}/g, CENSOR],
  [/\b[MNO][A-Za-z\d_-]{23,27}\.[\w-]{6}\.[\w-]{27,}/g, CENSOR],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${CENSOR}`],
];

const MAX_DEPTH = 12;

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TOKEN_VALUES) out = out.replace(pattern, replacement);
  return out;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  // Errors and class instances keep their shape for pino's serializers.
  if (!Array.isArray(value) && !isPlain(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      SENSITIVE_KEY.test(key) && child !== undefined && child !== null
        ? CENSOR
        : walk(child, depth + 1, seen);
  }
  return out;
}

/** A copy of a log object with every sensitive key and token-shaped value censored. */
export function redactDeep<T extends object>(object: T): T {
  return walk(object, 0, new WeakSet()) as T;
}
