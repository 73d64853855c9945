/** Follows one run: a live tail updated at most every 2 s, then the result, in one message. */
import type { CatalogItem } from '../catalog/schema.js';
import type { Run } from '../store/tables.js';
import { capTail, LIMITS } from './limits.js';
import type { ShownRef } from './responder.js';
import { readFullOutput, resultScreen, runningScreen } from './run-view.js';
import type { Turn } from './turn.js';

export const LIVE_UPDATE_MS = 2000;
const TAIL_LINES = 30;

class Tail {
  #lines: string[] = [];
  #partial = '';

  add(text: string): void {
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    this.#lines.push(...parts);
    if (this.#lines.length > TAIL_LINES) this.#lines.splice(0, this.#lines.length - TAIL_LINES);
    if (this.#partial.length > LIMITS.outputInMessage)
      this.#partial = this.#partial.slice(-LIMITS.outputInMessage);
  }

  text(): string {
    const all = this.#partial ? [...this.#lines, this.#partial] : this.#lines;
    return capTail(all.join('\n'), LIMITS.outputInMessage);
  }
}

/** Shows the run, keeps it live, and answers the final run once it ends. */
export async function watchRun(
  turn: Turn,
  item: CatalogItem,
  runId: number,
  done: Promise<Run>,
  first: Run,
): Promise<Run> {
  const tail = new Tail();
  let latest = first;
  let dirty = false;
  const unsubscribe = turn.deps.runner.on((event) => {
    if (event.type === 'output' && event.runId === runId) {
      tail.add(event.text);
      dirty = true;
    } else if (event.type === 'started' && event.run.id === runId) {
      latest = event.run;
      dirty = true;
    }
  });
  const ref = await turn.show(runningScreen(latest, item, ''));
  if (ref?.thread) await recordThread(turn, runId, ref);
  const timer = setInterval(() => {
    if (!dirty || !ref) return;
    dirty = false;
    turn
      .update(ref, runningScreen(latest, item, tail.text()))
      .catch((error) =>
        turn.deps.logger.warn(
          { err: error, runId },
          'live update failed; the result will still be posted',
        ),
      );
  }, LIVE_UPDATE_MS);
  try {
    const final = await done;
    const full =
      final.output_bytes > LIMITS.outputInMessage ? await readFullOutput(final) : undefined;
    const result = resultScreen(final, item, full);
    if (ref) await turn.update(ref, result);
    else await turn.show(result);
    return final;
  } finally {
    clearInterval(timer);
    unsubscribe();
  }
}

async function recordThread(turn: Turn, runId: number, ref: ShownRef): Promise<void> {
  await turn.deps.db
    .updateTable('runs')
    .set({ thread: JSON.stringify({ platform: ref.platform, message: ref.id, ...ref.thread }) })
    .where('id', '=', runId)
    .execute();
}
