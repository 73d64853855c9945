/** The chat platforms jobdeck knows; each starts when its token is configured. */
import { discordPlatform } from './discord/adapter.js';
import type { PlatformFactory } from './platform.js';
import { slackPlatform } from './slack/adapter.js';

export const platformFactories: PlatformFactory[] = [slackPlatform, discordPlatform];
