/** Reading the global options every command shares. */
import { type LoadedConfig, loadConfig } from '../config/load.js';
import type { CliContext } from './command.js';

export function configOf(context: CliContext): LoadedConfig {
  const catalogDirs = context.options['catalog-dir'];
  return loadConfig({
    path: typeof context.options.config === 'string' ? context.options.config : undefined,
    catalogDirs: Array.isArray(catalogDirs) ? catalogDirs.map(String) : [],
    env: context.io.env,
    cwd: context.io.cwd,
  });
}

export function flag(context: CliContext, name: string): boolean {
  return context.options[name] === true;
}

export function text(context: CliContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** `name=value` words into an object; a word without `=` is left for the caller. */
export function assignments(words: string[]): { values: Record<string, string>; other: string[] } {
  const values: Record<string, string> = {};
  const other: string[] = [];
  for (const word of words) {
    const at = word.indexOf('=');
    if (at > 0) values[word.slice(0, at)] = word.slice(at + 1);
    else other.push(word);
  }
  return { values, other };
}
