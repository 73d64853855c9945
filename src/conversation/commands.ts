/** The /jobs command tree, read once from commands/jobs.yaml, and the help text made from it. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../paths.js';

const optionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  type: z.enum(['string', 'integer', 'boolean']),
  required: z.boolean().default(false),
  autocomplete: z.boolean().default(false),
  description: z.string().min(1).max(100),
});

const subcommandSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  description: z.string().min(1).max(100),
  usage: z.string().min(1),
  examples: z.array(z.string()).default([]),
  options: z.array(optionSchema).max(25).default([]),
});

const treeSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  description: z.string().min(1).max(100),
  subcommands: z.array(subcommandSchema).min(1).max(25),
});

export type CommandTree = z.infer<typeof treeSchema>;
export type Subcommand = z.infer<typeof subcommandSchema>;
export type CommandOption = z.infer<typeof optionSchema>;

let cached: CommandTree | undefined;

export function commandTree(): CommandTree {
  cached ??= Object.freeze(
    treeSchema.parse(parseYaml(readFileSync(packagePath('commands/jobs.yaml'), 'utf8'))),
  );
  return cached;
}

/** The usage line of a subcommand under the configured command name (`/jobs` by default). */
export function usageOf(sub: Subcommand, commandName: string): string {
  return sub.usage.replace(/^\/jobs\b/, `/${commandName}`);
}

export function findSubcommand(name: string): Subcommand | undefined {
  return commandTree().subcommands.find((s) => s.name === name);
}

/** One line per command with a description, then examples. */
export function helpLines(commandName: string): string[] {
  const rename = (text: string) => text.replace(/^\/jobs\b/, `/${commandName}`);
  return commandTree().subcommands.map((sub) => {
    const examples = sub.examples
      .slice(0, 2)
      .map((e) => `\`${rename(e)}\``)
      .join(', ');
    const more = examples ? `. e.g. ${examples}` : '';
    return `\`${usageOf(sub, commandName)}\`: ${sub.description}${more}`;
  });
}
