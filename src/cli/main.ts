/** The jobdeck command line: finds the command, parses its options, reports errors in words. */
import { parseArgs } from 'node:util';
import { isJobdeckError, messageOf } from '../errors.js';
import type { CliCommand, CliContext, CliIo, OptionSpec } from './command.js';
import { commands } from './registry.js';

const GLOBAL_OPTIONS: OptionSpec = {
  config: { type: 'string' },
  'catalog-dir': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
};

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  const words = argv.filter((word) => !word.startsWith('-'));
  let best: CliCommand | undefined;
  for (const command of commands) {
    const matches = command.path.every((part, i) => words[i] === part);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  if (!best) return undefined;
  const rest = [...argv];
  for (const part of best.path) rest.splice(rest.indexOf(part), 1);
  return { command: best, rest };
}

export function usage(): string {
  const lines = commands.map((c) => `  jobdeck ${c.usage}\n      ${c.summary}`);
  return [
    'jobdeck: a chat-ops job runner',
    '',
    'Usage:',
    ...lines,
    '',
    'Every command takes --config PATH and --catalog-dir DIR (repeatable).',
  ].join('\n');
}

function defaultIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Runs one command line and answers its exit code. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const out = (line: string) => void io.stdout.write(`${line}\n`);
  const err = (line: string) => void io.stderr.write(`${line}\n`);
  const found = findCommand(argv);
  if (!found) {
    const asked = argv.filter((w) => !w.startsWith('-')).join(' ');
    if (asked && !argv.includes('--help')) err(`jobdeck: unknown command "${asked}"\n`);
    (asked && !argv.includes('--help') ? err : out)(usage());
    return asked && !argv.includes('--help') ? 2 : 0;
  }
  const { command, rest } = found;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    err(`jobdeck ${command.path.join(' ')}: ${messageOf(error)}`);
    err(`usage: jobdeck ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    out(`usage: jobdeck ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  const context: CliContext = { io, options: parsed.values, args: parsed.positionals, out, err };
  try {
    return await command.run(context);
  } catch (error) {
    if (isJobdeckError(error)) {
      err(`jobdeck: ${error.message}`);
      return 1;
    }
    err(`jobdeck: unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }
}
