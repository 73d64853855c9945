/** Every migration in order. A new one is a new file here, never an edit to a released one. */
import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};
