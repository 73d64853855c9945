/** A message kept current while something runs: at most one update per 2 s, then the end. */

import type { ShownRef } from '../responder.js';
import { LIVE_UPDATE_MS } from '../run-watch.js';
import type { Screen } from '../screen.js';
import type { Turn } from '../turn.js';

export interface Follow<T> {
  first: Screen;
  /** Calls `changed` whenever what the screen shows may have changed; answers how to stop. */
  subscribe(changed: () => void): () => void;
  render(): Promise<Screen>;
  done: Promise<T>;
  final(result: T): Promise<Screen>;
  /** Told where the message is, once shown (to record its thread). */
  shown?(ref: ShownRef): Promise<void>;
}

/** Shows `first`, updates it as things change, and shows the final screen in its place. */
export async function followLive<T>(turn: Turn, follow: Follow<T>): Promise<T> {
  let dirty = false;
  const unsubscribe = follow.subscribe(() => {
    dirty = true;
  });
  const ref = await turn.show(follow.first);
  if (ref) await follow.shown?.(ref);
  const timer = setInterval(() => {
    if (!dirty || !ref) return;
    dirty = false;
    follow
      .render()
      .then((next) => turn.update(ref, next))
      .catch((error) => turn.deps.logger.warn({ err: error }, 'live update failed'));
  }, LIVE_UPDATE_MS);
  try {
    const result = await follow.done;
    const last = await follow.final(result);
    if (ref) await turn.update(ref, last);
    else await turn.show(last);
    return result;
  } finally {
    clearInterval(timer);
    unsubscribe();
  }
}

/** The thread a shown message lives in, as runs and workflow runs record it. */
export function threadOf(ref: ShownRef): string {
  return JSON.stringify({ platform: ref.platform, message: ref.id, ...ref.thread });
}
