/** Stopping a process tree: TERM, KILL after a grace period, then stop waiting; never hangs. */
import { STOP_GRACE_MS } from './executor.js';

export type StopSignal = 'TERM' | 'KILL';

/** Starts the sequence; answers a function that cancels the pending steps once it ended. */
export function stopSequence(
  send: (signal: StopSignal) => void,
  giveUp: () => void,
  graceMs = STOP_GRACE_MS,
): () => void {
  let abandon: NodeJS.Timeout | undefined;
  send('TERM');
  const kill = setTimeout(() => {
    send('KILL');
    abandon = setTimeout(giveUp, graceMs);
  }, graceMs);
  return () => {
    clearTimeout(kill);
    clearTimeout(abandon);
  };
}

/** Calls `stop` once when the signal aborts (at once when it already has); answers a detach. */
export function onAbort(signal: AbortSignal | undefined, stop: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    queueMicrotask(stop);
    return () => {};
  }
  signal.addEventListener('abort', stop, { once: true });
  return () => signal.removeEventListener('abort', stop);
}
