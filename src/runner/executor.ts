/** The one interface both transports implement: run a shell script, stream its output, stop it. */

export type OutputStream = 'stdout' | 'stderr';

/** What to run: the rendered command plus where and with what environment. */
export interface ExecSpec {
  command: string;
  workingDirectory?: string | undefined;
  environment?: Readonly<Record<string, string>> | undefined;
}

export interface ExecOptions {
  /** Each chunk as it arrives, in arrival order across both streams. */
  onOutput(stream: OutputStream, chunk: Buffer): void;
  /** Aborting stops the process and all its children, then the exec resolves. */
  signal?: AbortSignal | undefined;
}

/** How the process ended: an exit code, or the signal that ended it. */
export interface ExecResult {
  exitCode: number | null;
  signal: string | null;
}

export interface Executor {
  /**
   * Runs the spec to its end. Rejects (with a JobdeckError naming the cause) only when the
   * process could not be started or the connection was lost; never hangs after an abort.
   */
  exec(spec: ExecSpec, options: ExecOptions): Promise<ExecResult>;
}

/** How long a stopped process gets between TERM and KILL, and after KILL before we give up. */
export const STOP_GRACE_MS = 2000;
