/** The shape of one command-line command, and the context every command receives. */
import type { Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliContext {
  io: CliIo;
  /** Values of the command's own options and the global ones (config, catalog-dir). */
  options: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** Positional words after the command path. */
  args: string[];
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  /** Words that select it, such as ['catalog', 'list']. */
  path: string[];
  usage: string;
  summary: string;
  options?: OptionSpec;
  /** Answers the exit code. */
  run(context: CliContext): Promise<number>;
}
