/** The Slack settings in effect: the `slack:` section with its tokens read from the environment. */
import type { SlackConfig } from '../../config/schema.js';
import { JobdeckError } from '../../errors.js';

export interface SlackSettings {
  botToken: string;
  /** Socket Mode when set (xapp-…); else HTTP mode with the signing secret. */
  appToken?: string;
  signingSecret?: string;
  port: number;
  /** HTTP mode: the address to listen on; every interface when left out. */
  host?: string;
  command: string;
  apiUrl: string;
}

const value = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;

/** Undefined when no bot token is set: Slack is then simply not started. */
export function slackSettings(
  config: SlackConfig,
  env: NodeJS.ProcessEnv,
): Readonly<SlackSettings> | undefined {
  const botToken = value(env, config.bot_token_env);
  if (!botToken) return undefined;
  const appToken = value(env, config.app_token_env);
  const signingSecret = value(env, config.signing_secret_env);
  if (!appToken && !signingSecret) {
    throw new JobdeckError(
      'config_invalid',
      `Slack: ${config.bot_token_env} is set, but neither ${config.app_token_env} (Socket Mode) ` +
        `nor ${config.signing_secret_env} (HTTP mode) is; set one of them`,
    );
  }
  return Object.freeze({
    botToken,
    appToken,
    signingSecret,
    port: config.port,
    command: config.command,
    apiUrl: config.api_url,
  });
}
