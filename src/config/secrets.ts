/** Secrets by reference: a `*_env` key names a variable, a `*_file` key names a file. */
import { readFileSync } from 'node:fs';
import { JobdeckError } from '../errors.js';

export interface SecretRef {
  env?: string | undefined;
  file?: string | undefined;
}

/** The secret's value, or undefined when neither reference is set. */
export function readSecret(
  ref: SecretRef,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (ref.env) {
    const value = env[ref.env];
    if (value === undefined || value === '') {
      throw new JobdeckError('config_invalid', `environment variable ${ref.env} is not set`);
    }
    return value;
  }
  if (ref.file) return readFileSync(ref.file, 'utf8').trim();
  return undefined;
}

const SECRET_KEY = /(token|secret|password|passphrase|private_key|key)$/i;

/** A copy of a configuration object fit to print: secret-looking values masked. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  if (typeof value === 'string' && SECRET_KEY.test(key) && !key.endsWith('_env')) return '********';
  return value;
}
