/** Finds, reads and validates jobdeck.yaml; answers a frozen, fully defaulted configuration. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { JobdeckError } from '../errors.js';
import { describeIssues } from './issues.js';
import { type Config, configSchema, type ServerConfig } from './schema.js';

export interface LoadOptions {
  /** `--config PATH`; wins over JOBDECK_CONFIG and ./jobdeck.yaml. */
  path?: string;
  /** Extra catalog folders from `--catalog-dir`. */
  catalogDirs?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface LoadedConfig extends Config {
  /** The file read, or undefined when running on defaults. */
  readonly source: string | undefined;
  readonly timezone: string;
  readonly data_dir: string;
}

/** The demo server offered when no server is configured: this machine, no SSH. */
export const LOCAL_SERVER: ServerConfig = Object.freeze({
  name: 'local',
  host: 'localhost',
  port: 22,
  agent: false,
  labels: ['this machine'],
  capabilities: [],
  transport: 'local',
  max_concurrent: 4,
});

export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return path;
}

function locate(options: LoadOptions): { path: string; explicit: boolean } {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  if (options.path) return { path: resolve(cwd, options.path), explicit: true };
  if (env.JOBDECK_CONFIG) return { path: resolve(cwd, env.JOBDECK_CONFIG), explicit: true };
  return { path: resolve(cwd, 'jobdeck.yaml'), explicit: false };
}

function readDocument(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError ? ` (line ${error.linePos?.[0]?.line})` : '';
    throw new JobdeckError('config_invalid', `${path}${where}: not valid YAML`, { cause: error });
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Validates a parsed document; throws with every problem listed, or answers the config. */
export function validateConfig(document: unknown, source: string | undefined): Config {
  const result = configSchema.safeParse(document, { reportInput: true });
  if (result.success) return result.data;
  const details = describeIssues(result.error).map((p) => `${p.path}: ${p.message}`);
  const where = source ?? 'configuration';
  throw new JobdeckError(
    'config_invalid',
    `${where} has ${plural(details.length, 'problem')}:\n  ${details.join('\n  ')}`,
    { details },
  );
}

function machineTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function finish(config: Config, source: string | undefined, options: LoadOptions): LoadedConfig {
  const base = source ? dirname(source) : (options.cwd ?? process.cwd());
  const at = (path: string) =>
    isAbsolute(expandHome(path)) ? expandHome(path) : resolve(base, path);
  const timezone = config.timezone ?? machineTimezone();
  if (!isTimezone(timezone)) {
    throw new JobdeckError(
      'config_invalid',
      `timezone: expected an IANA zone such as Europe/Berlin, got "${timezone}"`,
    );
  }
  const database = config.database === ':memory:' ? config.database : at(config.database);
  const servers = config.servers.length > 0 ? config.servers : [LOCAL_SERVER];
  return {
    ...config,
    source,
    timezone,
    database,
    data_dir: config.data_dir
      ? at(config.data_dir)
      : dirname(database === ':memory:' ? at('./data/x') : database),
    catalog_dirs: [
      ...config.catalog_dirs.map(at),
      ...(options.catalogDirs ?? []).map((d) => resolve(d)),
    ],
    servers: servers.map((server) => ({
      ...server,
      private_key: server.private_key ? at(server.private_key) : undefined,
      known_hosts: server.known_hosts ? at(server.known_hosts) : undefined,
    })),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Loads the configuration: no file at all is valid and gives working defaults. */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const { path, explicit } = locate(options);
  if (!existsSync(path)) {
    if (explicit) {
      throw new JobdeckError(
        'config_not_found',
        `no configuration file at ${path}; check --config or JOBDECK_CONFIG`,
      );
    }
    return deepFreeze(finish(validateConfig({}, undefined), undefined, options));
  }
  const config = validateConfig(readDocument(path), path);
  return deepFreeze(finish(config, path, options));
}

/** Builds a configuration from an object, as tests and embedders do. */
export function configFrom(document: unknown, options: LoadOptions = {}): LoadedConfig {
  return deepFreeze(finish(validateConfig(document, undefined), undefined, options));
}
