/** A run's output within bounds: a head prefix, a tail suffix, a byte count and a capped log. */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface OutputLimits {
  headLines: number;
  tailLines: number;
  logCapBytes: number;
  /** Most bytes head or tail may hold, whatever the line count (very long lines). */
  excerptBytes: number;
}

export interface OutputRecord {
  head: string;
  tail: string;
  bytes: number;
}

const NEWLINE = 10;

/** Moves `at` back (or forward) off UTF-8 continuation bytes, so no character is split. */
function charBoundary(buffer: Buffer, at: number, forward: boolean): number {
  let i = at;
  while (i > 0 && i < buffer.length && ((buffer[i] ?? 0) & 0xc0) === 0x80) i += forward ? 1 : -1;
  return i;
}

/** The last `lines` lines of `buffer`, at most `maxBytes`; always a suffix of it. */
export function lastLines(buffer: Buffer, lines: number, maxBytes: number): Buffer {
  if (lines === 0) return Buffer.alloc(0);
  let pos = buffer.length - (buffer[buffer.length - 1] === NEWLINE ? 1 : 0);
  let start = 0;
  for (let found = 0; found < lines; found++) {
    const newline = pos > 0 ? buffer.lastIndexOf(NEWLINE, pos - 1) : -1;
    start = newline + 1;
    if (newline < 0) break;
    pos = newline;
  }
  if (buffer.length - start > maxBytes) {
    start = charBoundary(buffer, buffer.length - maxBytes, true);
  }
  return buffer.subarray(start);
}

export class OutputRecorder {
  bytes = 0;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private headLines = 0;
  private headDone: boolean;
  private ring: Buffer | undefined;
  private ringAt = 0;
  private ringFull = false;
  private logged = 0;
  private dropped = 0;
  private fd: number | undefined;

  constructor(
    private readonly limits: OutputLimits,
    logPath?: string,
  ) {
    this.headDone = limits.headLines === 0;
    if (logPath) this.fd = openSync(logPath, 'w');
  }

  write(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.addHead(chunk);
    this.addTail(chunk);
    this.log(chunk);
  }

  /** Head and tail as text; closes the log, with a marker when the cap dropped output. */
  finish(): OutputRecord {
    if (this.fd !== undefined) {
      if (this.dropped > 0) {
        const cap = this.limits.logCapBytes;
        const dropped = `${this.dropped} more bytes of output were dropped`;
        writeSync(this.fd, `\n[jobdeck] log capped at ${cap} bytes: ${dropped}\n`);
      }
      closeSync(this.fd);
      this.fd = undefined;
    }
    const { tailLines, excerptBytes } = this.limits;
    const tail = lastLines(this.tailBytes(), tailLines, excerptBytes);
    return {
      head: Buffer.concat(this.head).toString('utf8'),
      tail: tail.toString('utf8'),
      bytes: this.bytes,
    };
  }

  private addHead(chunk: Buffer): void {
    if (this.headDone) return;
    let end = chunk.length;
    for (let pos = chunk.indexOf(NEWLINE); pos >= 0; pos = chunk.indexOf(NEWLINE, pos + 1)) {
      this.headLines += 1;
      if (this.headLines === this.limits.headLines) {
        end = pos + 1;
        this.headDone = true;
        break;
      }
    }
    const room = this.limits.excerptBytes - this.headBytes;
    if (end >= room) {
      end = charBoundary(chunk, room, false);
      this.headDone = true;
    }
    // A copy: a slice would keep the whole chunk alive.
    this.head.push(Buffer.from(chunk.subarray(0, end)));
    this.headBytes += end;
  }

  /** The last excerptBytes bytes, in a ring: no allocation per chunk whatever the output. */
  private addTail(chunk: Buffer): void {
    if (this.limits.tailLines === 0) return;
    this.ring ??= Buffer.alloc(this.limits.excerptBytes);
    const ring = this.ring;
    const source = chunk.length > ring.length ? chunk.subarray(chunk.length - ring.length) : chunk;
    const first = Math.min(source.length, ring.length - this.ringAt);
    source.copy(ring, this.ringAt, 0, first);
    source.copy(ring, 0, first);
    this.ringFull ||= this.ringAt + source.length >= ring.length;
    this.ringAt = (this.ringAt + source.length) % ring.length;
  }

  private tailBytes(): Buffer {
    const ring = this.ring;
    if (!ring) return Buffer.alloc(0);
    if (!this.ringFull) return ring.subarray(0, this.ringAt);
    return Buffer.concat([ring.subarray(this.ringAt), ring.subarray(0, this.ringAt)]);
  }

  private log(chunk: Buffer): void {
    if (this.fd === undefined) return;
    const room = Math.max(0, this.limits.logCapBytes - this.logged);
    const part = Math.min(room, chunk.length);
    if (part > 0) writeSync(this.fd, chunk, 0, part);
    this.logged += part;
    this.dropped += chunk.length - part;
  }
}

/** A run's output as people read it, from the excerpts kept in its row. */
export function runOutput(run: { output_head: string; output_tail: string; output_bytes: number }) {
  return joinExcerpts({ head: run.output_head, tail: run.output_tail, bytes: run.output_bytes });
}

/** The output as people read it: head, then what the tail adds, a gap marked in between. */
export function joinExcerpts(record: OutputRecord): string {
  const head = Buffer.from(record.head, 'utf8');
  const tail = Buffer.from(record.tail, 'utf8');
  if (head.length >= record.bytes || tail.length === 0) return record.head;
  const overlap = head.length + tail.length - record.bytes;
  if (overlap >= 0) return record.head + tail.subarray(overlap).toString('utf8');
  const joint = record.head === '' || record.head.endsWith('\n') ? '' : '\n';
  const gap = record.bytes - head.length - tail.length;
  return `${record.head}${joint}… ${gap} bytes not kept …\n${record.tail}`;
}
