/** A run's full log as a stream: the file as kept, or followed until the run ends. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { runOutput } from '../runner/output.js';
import type { Run } from '../store/tables.js';
import { isUnfinished } from './run-views.js';

const POLL_MS = 250;
const CHUNK = 64 * 1024;

function excerpt(run: Run): string {
  return runOutput(run);
}

async function exists(path: string | null): Promise<boolean> {
  if (!path) return false;
  const handle = await open(path, 'r').catch(() => undefined);
  await handle?.close();
  return handle !== undefined;
}

/** Bytes of `path` from `offset` to its current end. */
async function* readFrom(path: string, offset: number): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    let at = offset;
    for (;;) {
      const buffer = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Polls the log file, sending what was added, until the run has ended and all is sent. */
async function* follow(first: Run, reload: () => Promise<Run | undefined>): AsyncGenerator<Buffer> {
  let run: Run | undefined = first;
  let sent = 0;
  while (run) {
    const ended = !isUnfinished(run);
    if (run.log_path) {
      for await (const chunk of readFrom(run.log_path, sent)) {
        sent += chunk.length;
        yield chunk;
      }
    }
    if (ended) {
      if (!run.log_path && sent === 0) yield Buffer.from(excerpt(run));
      return;
    }
    await sleep(POLL_MS);
    run = await reload();
  }
}

export async function logStream(
  run: Run,
  options: { follow: boolean; reload: () => Promise<Run | undefined> },
): Promise<Readable> {
  if (options.follow && isUnfinished(run)) return Readable.from(follow(run, options.reload));
  if (run.log_path && (await exists(run.log_path))) return createReadStream(run.log_path);
  return Readable.from([Buffer.from(excerpt(run))]);
}
