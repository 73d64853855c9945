/** The final records of runs that never got to finish on their own. */
import type { Run, RunUpdate } from '../store/tables.js';

/** A run a stopped process left queued or running. */
export function interruptedUpdate(run: Run, now: number): RunUpdate {
  const error =
    run.status === 'running'
      ? 'jobdeck stopped while this run was running; its outcome is unknown'
      : 'jobdeck stopped before this queued run started';
  const duration = run.started_at === null ? null : now - run.started_at;
  return { status: 'interrupted', error, finished_at: now, duration_ms: duration };
}

/** A run taken out of the queue before it started: cancelled, or the runner shut down. */
export function notStartedUpdate(reason: unknown): RunUpdate {
  const shutdown = reason === 'shutdown';
  return {
    status: shutdown ? 'interrupted' : 'cancelled',
    error: shutdown ? 'jobdeck shut down before this queued run started' : 'cancelled while queued',
    finished_at: Date.now(),
    duration_ms: 0,
  };
}
