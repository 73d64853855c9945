/** Streams the console user's runs live, line by line, and cancels them on Ctrl-C. */
import type { RunnerPort } from '../../conversation/ports.js';
import type { Screen } from '../../conversation/screen.js';

export interface LiveRuns {
  /** True when this screen's run had its output streamed already. */
  streamed(screen: Screen): boolean;
  /** Cancels every running run of the console user; false when none runs. */
  cancelRunning(): boolean;
  stop(): void;
}

function runIdOf(screen: Screen): number | undefined {
  const field = screen.fields.find((f) => f.label === 'Run');
  return field ? Number(field.value.replace('#', '')) : undefined;
}

export function streamConsoleRuns(
  runner: RunnerPort,
  actor: string,
  write: (text: string) => void,
): LiveRuns {
  const running = new Set<number>();
  const streamed = new Set<number>();
  const partial = new Map<number, string>();
  const stop = runner.on((event) => {
    if (event.type === 'started' && event.run.actor === actor) running.add(event.run.id);
    if (event.type === 'finished' && running.delete(event.run.id)) {
      const rest = partial.get(event.run.id);
      if (rest) write(`  │ ${rest}`);
      partial.delete(event.run.id);
    }
    if (event.type !== 'output' || !running.has(event.runId)) return;
    streamed.add(event.runId);
    const lines = ((partial.get(event.runId) ?? '') + event.text).split('\n');
    partial.set(event.runId, lines.pop() ?? '');
    for (const line of lines) write(`  │ ${line}`);
  });
  return {
    streamed: (screen) => {
      const id = runIdOf(screen);
      return id !== undefined && streamed.has(id);
    },
    cancelRunning: () => {
      for (const id of running) void runner.cancel(id);
      return running.size > 0;
    },
    stop,
  };
}
