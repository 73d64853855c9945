/** When a failed notification is tried again: exponential backoff with jitter, up to a max age. */
import type { LoadedConfig } from '../config/load.js';

export interface RetrySettings {
  initialDelayMs: number;
  maxDelayMs: number;
  /** After this long undelivered, a notification is given up. */
  maxAgeMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY: RetrySettings = Object.freeze({
  initialDelayMs: 5_000,
  maxDelayMs: 600_000,
  maxAgeMs: 24 * 3_600_000,
  requestTimeoutMs: 15_000,
});

export function retrySettings(notifications: LoadedConfig['notifications']): RetrySettings {
  return Object.freeze({
    initialDelayMs: notifications.retry.initial_delay * 1000,
    maxDelayMs: notifications.retry.max_delay * 1000,
    maxAgeMs: notifications.max_age * 1000,
    requestTimeoutMs: notifications.retry.request_timeout * 1000,
  });
}

/**
 * The wait before attempt `attempts + 1`: doubling from the initial delay up to the maximum,
 * then a random half of it dropped, so many failed sends do not come back at the same instant.
 */
export function backoffDelay(
  attempts: number,
  settings: RetrySettings,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const ceiling = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** When the next attempt happens, never past the deadline: the last try is at max age. */
export function nextAttemptAt(
  now: number,
  createdAt: number,
  delayMs: number,
  settings: RetrySettings,
): number {
  return Math.min(now + delayMs, createdAt + settings.maxAgeMs);
}
