/** Hides secret parameter values in run output, even when one arrives split across chunks. */
import type { ParamValues } from '../catalog/params.js';
import type { CatalogItem } from '../catalog/schema.js';

export const SECRET_MASK = '********';

/** Shorter values would blank ordinary words everywhere; they cannot be told apart in output. */
export const MIN_MASKED_LENGTH = 4;

/** The secret values of a run worth masking, longest first. */
export function secretValues(item: CatalogItem, values: ParamValues): string[] {
  const found = item.parameters
    .filter((p) => p.type === 'secret')
    .map((p) => values[p.name])
    .filter((v): v is string => typeof v === 'string' && v.length >= MIN_MASKED_LENGTH);
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(SECRET_MASK);
  return out;
}

/** Streams text through, masked; a tail that could start a secret waits for the next chunk. */
export class SecretMasker {
  readonly #secrets: readonly string[];
  #held = '';

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets;
  }

  push(text: string): string {
    const masked = maskSecrets(this.#held + text, this.#secrets);
    const keep = this.#startOfSecretAtEnd(masked);
    this.#held = masked.slice(masked.length - keep);
    return masked.slice(0, masked.length - keep);
  }

  /** Whatever was held back, with the last text; call once at the end. */
  flush(text = ''): string {
    const rest = maskSecrets(this.#held + text, this.#secrets);
    this.#held = '';
    return rest;
  }

  /** Length of the longest end of `text` that is the beginning of some secret. */
  #startOfSecretAtEnd(text: string): number {
    let longest = 0;
    for (const secret of this.#secrets) {
      const max = Math.min(secret.length - 1, text.length);
      for (let n = max; n > longest; n--) {
        if (text.endsWith(secret.slice(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
