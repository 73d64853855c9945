/** The chat platforms jobdeck knows; each starts when its token is configured. */
import type { PlatformFactory } from './platform.js';

export const platformFactories: PlatformFactory[] = [];
