/** Snowflake-like ids and interaction tokens, unique within the process. */
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A Discord-style snowflake: milliseconds since 2015 in the high bits, a counter below. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  const millis = BigInt(at) - DISCORD_EPOCH;
  return ((millis << 22n) | (1n << 17n) | increment).toString();
}

/** The time a snowflake was made, in milliseconds since 1970. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function interactionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}
