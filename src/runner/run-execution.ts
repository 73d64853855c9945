/** One admitted run from `running` to its final record: attempts, live output, head and tail. */
import { StringDecoder } from 'node:string_decoder';
import type { Config } from '../config/schema.js';
import { json } from '../store/db.js';
import type { Run, RunUpdate } from '../store/tables.js';
import { type AttemptRecord, runAttempts } from './attempt.js';
import type { Executor, OutputStream } from './executor.js';
import { OutputRecorder } from './output.js';
import type { RunEvent, RunRequest } from './run-request.js';
import type { RunStore } from './run-store.js';
import { maskSecrets, SecretMasker, secretValues } from './secret-mask.js';

/** Most bytes the head or the tail keeps, however long its lines. */
export const EXCERPT_BYTES = 64 * 1024;

export interface Execution {
  queued: Run;
  request: RunRequest;
  command: string;
  timeoutS: number;
  stop: AbortSignal;
  executor: Executor;
  runner: Config['runner'];
  logPath: string;
  store: RunStore;
  emit(event: RunEvent): void;
  end(update: RunUpdate): Promise<Run>;
}

function recorderFor(job: Execution): OutputRecorder {
  const { runner } = job;
  const limits = {
    headLines: runner.output_head_lines,
    tailLines: runner.output_tail_lines,
    logCapBytes: runner.log_cap_bytes,
    excerptBytes: EXCERPT_BYTES,
  };
  return new OutputRecorder(limits, job.logPath);
}

/** The attempt_log column, error texts with secrets masked. */
function attemptLogJson(log: readonly AttemptRecord[], secrets: readonly string[]): string {
  const masked = log.map((entry) => ({
    ...entry,
    error: entry.error === null ? null : maskSecrets(entry.error, secrets),
  }));
  return json.encode(masked);
}

export async function executeRun(job: Execution): Promise<Run> {
  const runId = job.queued.id;
  const startedAt = Date.now();
  const running = await job.store.update(runId, {
    status: 'running',
    started_at: startedAt,
    attempts: 1,
    log_path: job.logPath,
  });
  job.emit({ type: 'started', run: running });

  const recorder = recorderFor(job);
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  // Secrets are masked before output is recorded or shown; without any, bytes pass untouched.
  const secrets = secretValues(job.request.item, job.request.values);
  const maskers = { stdout: new SecretMasker(secrets), stderr: new SecretMasker(secrets) };
  const masked = (stream: OutputStream, text: string) => {
    if (text === '') return;
    recorder.write(Buffer.from(text));
    job.emit({ type: 'output', runId, stream, text });
  };
  const output = (stream: OutputStream, chunk: Buffer) => {
    if (secrets.length > 0)
      return masked(stream, maskers[stream].push(decoders[stream].write(chunk)));
    recorder.write(chunk);
    const text = decoders[stream].write(chunk);
    if (text !== '') job.emit({ type: 'output', runId, stream, text });
  };
  const { item } = job.request;
  let record: ReturnType<OutputRecorder['finish']>;
  let outcome: Awaited<ReturnType<typeof runAttempts>>;
  try {
    outcome = await runAttempts({
      executor: job.executor,
      spec: {
        command: job.command,
        workingDirectory: item.working_directory,
        environment: item.environment,
      },
      timeoutMs: job.timeoutS * 1000,
      retries: item.default_retry_count,
      retryDelayMs: job.runner.retry_delay * 1000,
      stop: job.stop,
      output,
      note: (text) => output('stderr', Buffer.from(`${text}\n`)),
      onAttempt: async (attempt) => {
        if (attempt > 1) await job.store.update(runId, { attempts: attempt });
      },
      onAttemptEnd: async (log) => {
        await job.store.update(runId, { attempt_log: attemptLogJson(log, secrets) });
      },
    });
  } finally {
    if (secrets.length > 0)
      for (const stream of ['stdout', 'stderr'] as const)
        masked(stream, maskers[stream].flush(decoders[stream].end()));
    record = recorder.finish();
  }

  const finishedAt = Date.now();
  return job.end({
    status: outcome.status,
    exit_code: outcome.exitCode,
    signal: outcome.signal,
    error: outcome.error === null ? null : maskSecrets(outcome.error, secrets),
    attempts: outcome.attempts,
    attempt_log: attemptLogJson(outcome.log, secrets),
    finished_at: finishedAt,
    duration_ms: finishedAt - startedAt,
    output_head: record.head,
    output_tail: record.tail,
    output_bytes: record.bytes,
  });
}
