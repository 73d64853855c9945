/** Turns an ExecSpec into the POSIX sh text the executors run, every value quoted. */
import { shellQuote } from '../catalog/render.js';
import { JobdeckError } from '../errors.js';
import type { ExecSpec } from './executor.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoteDirectory(dir: string): string {
  if (dir === '~') return '"$HOME"';
  if (dir.startsWith('~/')) return `"$HOME"/${shellQuote(dir.slice(2))}`;
  return shellQuote(dir);
}

/** `cd`, `export`s, then the command; sshd often refuses env requests, so exports it is. */
export function composeScript(spec: ExecSpec): string {
  const lines: string[] = [];
  if (spec.workingDirectory) lines.push(`cd -- ${quoteDirectory(spec.workingDirectory)} || exit`);
  for (const [name, value] of Object.entries(spec.environment ?? {})) {
    if (!ENV_NAME.test(name)) {
      throw new JobdeckError('value_refused', `"${name}" is not an environment variable name`);
    }
    lines.push(`export ${name}=${shellQuote(value)}`);
  }
  lines.push(spec.command);
  return lines.join('\n');
}

/**
 * The SSH form. sshd starts the login shell as a new session and process group; it execs sh,
 * which prints its pid (the process group id) first, so the whole tree can be killed later.
 */
export function remoteScript(spec: ExecSpec): string {
  return `exec sh -c ${shellQuote(`echo "$$"\n${composeScript(spec)}`)}`;
}

/** Signals a whole process group; the `-s NAME -- -PGID` form works in dash and bash alike. */
export function killScript(processGroup: number, signal: 'TERM' | 'KILL'): string {
  return `kill -s ${signal} -- -${processGroup} 2>/dev/null; true`;
}

/** Takes the pid line off the front of stdout and passes everything else through. */
export class PidLine {
  pid: number | undefined;
  private pending: Buffer | undefined = Buffer.alloc(0);

  /** Answers the part of `chunk` that is the command's own output. */
  take(chunk: Buffer): Buffer {
    if (this.pending === undefined) return chunk;
    const buffered = Buffer.concat([this.pending, chunk]);
    const end = buffered.indexOf(10);
    if (end < 0) {
      if (buffered.length <= 32) {
        this.pending = buffered;
        return Buffer.alloc(0);
      }
      this.pending = undefined;
      return buffered;
    }
    this.pending = undefined;
    const line = buffered.subarray(0, end).toString('latin1');
    if (!/^[0-9]{1,10}$/.test(line)) return buffered;
    this.pid = Number(line);
    return buffered.subarray(end + 1);
  }

  /** Whatever was held back when the stream ended without a full line. */
  rest(): Buffer {
    const rest = this.pending ?? Buffer.alloc(0);
    this.pending = undefined;
    return rest;
  }
}
