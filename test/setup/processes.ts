/** Looking for processes on this machine, to check that a stopped run left nothing behind. */
import { spawnSync } from 'node:child_process';

/** Pids whose full command line matches the pattern (pgrep -f), or is exactly it. */
export function processesMatching(pattern: string, exact = false): number[] {
  const found = spawnSync('pgrep', [exact ? '-fx' : '-f', pattern], { encoding: 'utf8' });
  return found.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

/** Waits (a few seconds at most) for the matching processes to go; answers those left. */
export async function processesLeft(pattern: string, exact = false): Promise<number[]> {
  for (let tries = 0; tries < 30; tries++) {
    if (processesMatching(pattern, exact).length === 0) return [];
    await new Promise((r) => setTimeout(r, 100));
  }
  return processesMatching(pattern, exact);
}

/** A marker unlikely to appear in any other process's command line. */
export function uniqueMarker(): string {
  return `jobdeck-marker-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Waits (a few seconds at most) until `count` matching processes exist; answers them. */
export async function processesAppear(
  pattern: string,
  count: number,
  exact = false,
): Promise<number[]> {
  for (let tries = 0; tries < 50; tries++) {
    const found = processesMatching(pattern, exact);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  return processesMatching(pattern, exact);
}
