/** What the conversation needs from a platform: show a screen, and change one shown before. */
import type { Screen } from './screen.js';

/** A message or view a platform showed; opaque to the conversation. */
export interface ShownRef {
  readonly platform: string;
  readonly id: string;
  /** Where a run's thread lives (platform-specific), and its link if the platform has one. */
  readonly thread?: { channelId: string; threadId: string; permalink?: string };
}

export interface Responder {
  /** Shows a screen: replaces the one acted on or posts anew, as `screen.placement` says. */
  show(screen: Screen): Promise<ShownRef | undefined>;
  /** Changes a screen shown earlier (live run progress). */
  update(ref: ShownRef, screen: Screen): Promise<void>;
}
