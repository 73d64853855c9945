/** The zod schema of jobdeck.yaml: every key, its default and what it expects. */
import { z } from 'zod';
import { accessSchema } from './access-schema.js';

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
    /** ntfy: a body over 4096 bytes is cut with a marker, or sent whole as an attachment. */
    large_body: z.enum(['truncate', 'attach']).default('truncate'),
  })
  .strict();

export const notifyRetrySchema = z
  .object({
    initial_delay: z.number().positive().default(5),
    max_delay: z.number().positive().default(600),
    request_timeout: z.number().positive().default(15),
  })
  .strict();

export const httpTokenSchema = z
  .object({ name, token_env: envName, role: z.string().min(1) })
  .strict();

export const httpSchema = z
  .object({
    /** Where the HTTP API listens; no port, no server. 0 picks a free port. */
    port: z.int().min(0).max(65535).optional(),
    host: z.string().min(1).default('127.0.0.1'),
    /** The address people reach jobdeck at, for run page and Run again links. */
    public_url: z.url({ protocol: /^https?$/ }).optional(),
    tokens: z.array(httpTokenSchema).default([]),
    /** The key that signs links; generated and kept in the database when not given. */
    link_secret_env: envName.optional(),
    /** Seconds a run page link stays valid. */
    run_page_ttl: z
      .int()
      .min(60)
      .default(30 * 24 * 3600),
    /** Seconds a notification's single-use Run again link stays valid. */
    run_again_ttl: z
      .int()
      .min(60)
      .default(24 * 3600),
  })
  .strict();

export const discordSchema = z
  .object({
    token_env: envName.default('DISCORD_TOKEN'),
    /** Register the command in these guilds (instant); without any, globally. */
    guild_ids: z.array(z.string().regex(/^\d{5,25}$/, 'expected a guild id (digits)')).default([]),
    command: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a lowercase command name (max 32)')
      .default('jobs'),
    /** The REST base without the version; the gateway URL comes from its /gateway/bot. */
    api_url: z.url().default('https://discord.com/api'),
  })
  .strict();

/** Slack: Socket Mode when the app token is set, else HTTP on `port` with the signing secret. */
export const slackSchema = z
  .object({
    bot_token_env: envName.default('SLACK_BOT_TOKEN'),
    app_token_env: envName.default('SLACK_APP_TOKEN'),
    signing_secret_env: envName.default('SLACK_SIGNING_SECRET'),
    port: port().default(3000),
    command: z
      .string()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'expected a slash command such as /jobs')
      .default('/jobs'),
    api_url: z.url().default('https://slack.com/api/'),
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
        /** Servers one multi-server run (or workflow step) runs on at once. */
        group_max_parallel: z.int().min(1).max(64).default(4),
      })
      .strict()
      .prefault({}),
    slack: slackSchema.prefault({}),
    notifications: z
      .object({
        channels: z.array(channelSchema).default([]),
        /** Seconds after which an undelivered notification is given up. */
        max_age: z
          .number()
          .positive()
          .default(24 * 3600),
        retry: notifyRetrySchema.prefault({}),
      })
      .strict()
      .prefault({}),
    http: httpSchema.prefault({}),
    discord: discordSchema.prefault({}),
    /** Who may do what; absent, only the console (the local operator) may act. */
    access: accessSchema.optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ServerConfig = z.infer<typeof serverSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type NotifyRetryConfig = z.infer<typeof notifyRetrySchema>;
export type SlackConfig = z.infer<typeof slackSchema>;
export type DiscordConfig = z.infer<typeof discordSchema>;
export type HttpConfig = z.infer<typeof httpSchema>;
