/** Runs a command to an outcome: per-attempt timeout, retries with a delay, cancel or shutdown. */
import { isJobdeckError, messageOf } from '../errors.js';
import type { ExecResult, ExecSpec, Executor, OutputStream } from './executor.js';

export type StopReason = 'cancel' | 'shutdown';

export interface Outcome {
  status: 'success' | 'failure' | 'timeout' | 'cancelled' | 'interrupted';
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  attempts: number;
  /** Every attempt that ran, in order. */
  log: AttemptRecord[];
}

/** One attempt as the run's attempt_log keeps it. Times are epoch milliseconds. */
export interface AttemptRecord {
  attempt: number;
  started_at: number;
  finished_at: number;
  status: Outcome['status'];
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  error: string | null;
}

export interface AttemptPlan {
  executor: Executor;
  spec: ExecSpec;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  /** Aborted with a StopReason as its reason. */
  stop: AbortSignal;
  output(stream: OutputStream, chunk: Buffer): void;
  /** A line of jobdeck's own between attempts. */
  note(text: string): void;
  onAttempt(attempt: number): Promise<void>;
  /** An attempt that a retry follows has ended; `log` holds every attempt so far. */
  onAttemptEnd(log: AttemptRecord[]): Promise<void>;
}

type Single = Omit<Outcome, 'attempts' | 'log'> & { retryable: boolean };

function recordOf(attempt: number, startedAt: number, single: Single): AttemptRecord {
  return {
    attempt,
    started_at: startedAt,
    finished_at: Date.now(),
    status: single.status,
    exit_code: single.exitCode,
    signal: single.signal,
    timed_out: single.status === 'timeout',
    error: single.error,
  };
}

/** Failures a retry cannot fix: the host key and the login are refused until someone acts. */
const FINAL_CODES = ['host_key_unknown', 'host_key_changed', 'ssh_auth_failed'] as const;

function stopped(reason: unknown, result?: ExecResult): Single {
  const shutdown = reason === 'shutdown';
  return {
    status: shutdown ? 'interrupted' : 'cancelled',
    exitCode: result?.exitCode ?? null,
    signal: result?.signal ?? null,
    error: shutdown ? 'jobdeck shut down while the run was running; it was stopped' : 'cancelled',
    retryable: false,
  };
}

function ended(result: ExecResult): Single {
  if (result.exitCode === 0) return { ...result, status: 'success', error: null, retryable: true };
  const how =
    result.exitCode !== null ? `exit code ${result.exitCode}` : `killed by ${result.signal}`;
  return { ...result, status: 'failure', error: how, retryable: true };
}

async function attemptOnce(plan: AttemptPlan): Promise<Single> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, plan.timeoutMs);
  const onStop = () => controller.abort();
  plan.stop.addEventListener('abort', onStop, { once: true });
  if (plan.stop.aborted) controller.abort();
  try {
    const result = await plan.executor.exec(plan.spec, {
      signal: controller.signal,
      onOutput: plan.output,
    });
    if (plan.stop.aborted) return stopped(plan.stop.reason, result);
    if (!timedOut) return ended(result);
    const error = `timed out after ${plan.timeoutMs / 1000} s; the process was stopped`;
    return { ...result, status: 'timeout', error, retryable: true };
  } catch (error) {
    if (plan.stop.aborted) return stopped(plan.stop.reason);
    const retryable = !FINAL_CODES.some((code) => isJobdeckError(error, code));
    return { status: 'failure', exitCode: null, signal: null, error: messageOf(error), retryable };
  } finally {
    clearTimeout(timer);
    plan.stop.removeEventListener('abort', onStop);
  }
}

function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
  });
}

/** Attempts until success, a stop, a final failure or the retries are spent. */
export async function runAttempts(plan: AttemptPlan): Promise<Outcome> {
  const total = plan.retries + 1;
  const log: AttemptRecord[] = [];
  for (let attempt = 1; ; attempt++) {
    await plan.onAttempt(attempt);
    const startedAt = Date.now();
    const single = await attemptOnce(plan);
    log.push(recordOf(attempt, startedAt, single));
    const { retryable, ...outcome } = single;
    const last = attempt === total || !retryable || plan.stop.aborted;
    if (outcome.status === 'success' || last) return { ...outcome, attempts: attempt, log };
    await plan.onAttemptEnd(log);
    const delay = plan.retryDelayMs / 1000;
    plan.note(`[jobdeck] attempt ${attempt} of ${total}: ${outcome.error}; retrying in ${delay} s`);
    await pause(plan.retryDelayMs, plan.stop);
    if (plan.stop.aborted) return { ...stopped(plan.stop.reason), attempts: attempt, log };
  }
}
