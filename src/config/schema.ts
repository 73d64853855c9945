/** The zod schema of jobdeck.yaml: every key, its default and what it expects. */
import { z } from 'zod';

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/i, 'expected a name of letters, digits, _ . - (max 63)');

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

const fingerprint = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected an OpenSSH fingerprint such as SHA256:abc…');

/** A TCP port, worded the way an operator reads it. */
export function port() {
  const error = 'expected an integer 1-65535';
  return z.int({ error }).min(1, { error }).max(65535, { error });
}

export const serverSchema = z
  .object({
    name,
    host: z.string().min(1).default('127.0.0.1'),
    port: port().default(22),
    user: z.string().min(1).optional(),
    private_key: z.string().min(1).optional(),
    passphrase_env: envName.optional(),
    agent: z.boolean().default(false),
    host_key: fingerprint.optional(),
    known_hosts: z.string().min(1).optional(),
    labels: z.array(z.string().min(1)).default([]),
    capabilities: z.array(z.string().min(1)).default([]),
    transport: z.enum(['ssh', 'local']).default('ssh'),
    max_concurrent: z.int().min(1).max(64).default(4),
  })
  .strict();

export const channelSchema = z
  .object({
    name,
    type: z.enum(['ntfy', 'chat']).default('ntfy'),
    url: z.url().default('https://ntfy.sh'),
    topic: z
      .string()
      .regex(/^[-_A-Za-z0-9]{1,64}$/, 'expected an ntfy topic: 1-64 of letters, digits, - _')
      .optional(),
    token_env: envName.optional(),
    username: z.string().optional(),
    password_env: envName.optional(),
    priority: z.int().min(1).max(5).default(3),
    platform: z.enum(['slack', 'discord']).optional(),
    channel: z.string().optional(),
  })
  .strict();

export const configSchema = z
  .object({
    database: z.string().min(1).default('./data/jobdeck.db'),
    data_dir: z.string().min(1).optional(),
    catalog_dirs: z.array(z.string().min(1)).default([]),
    timezone: z.string().optional(),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    servers: z.array(serverSchema).default([]),
    runner: z
      .object({
        max_concurrent: z.int().min(1).max(1000).default(16),
        idle_timeout: z.number().positive().default(60),
        connect_timeout: z.number().positive().default(10),
        output_head_lines: z.int().min(0).default(50),
        output_tail_lines: z.int().min(0).default(50),
        log_cap_bytes: z
          .int()
          .min(1024)
          .default(10 * 1024 * 1024),
        retry_delay: z.number().min(0).default(5),
        probe_max_age: z
          .number()
          .positive()
          .default(24 * 3600),
      })
      .strict()
      .prefault({}),
    notifications: z
      .object({ channels: z.array(channelSchema).default([]) })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ServerConfig = z.infer<typeof serverSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
