/** Runs scripts on this machine: `sh -c` in its own process group, so a stop kills the tree. */
import { spawn } from 'node:child_process';
import { JobdeckError } from '../errors.js';
import type { ExecOptions, ExecResult, ExecSpec, Executor } from './executor.js';
import { composeScript } from './script.js';
import { onAbort, type StopSignal, stopSequence } from './stop.js';

function signalGroup(pid: number | undefined, signal: StopSignal): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, `SIG${signal}`);
  } catch {
    // The group is already gone: nothing left to stop.
  }
}

export class LocalExecutor implements Executor {
  exec(spec: ExecSpec, options: ExecOptions): Promise<ExecResult> {
    const script = composeScript(spec);
    return new Promise((resolve, reject) => {
      const child = spawn('sh', ['-c', script], {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let exit: ExecResult = { exitCode: null, signal: null };
      let cancelStop = () => {};
      const finish = (result: ExecResult) => {
        detach();
        cancelStop();
        resolve(result);
      };
      const detach = onAbort(options.signal, () => {
        cancelStop = stopSequence(
          (signal) => signalGroup(child.pid, signal),
          () => finish(exit.signal ? exit : { exitCode: null, signal: 'SIGKILL' }),
        );
      });
      child.stdout.on('data', (chunk: Buffer) => options.onOutput('stdout', chunk));
      child.stderr.on('data', (chunk: Buffer) => options.onOutput('stderr', chunk));
      child.on('exit', (code, signal) => {
        exit = { exitCode: code, signal };
      });
      child.on('close', (code, signal) => finish({ exitCode: code, signal }));
      child.on('error', (error) => {
        detach();
        cancelStop();
        reject(
          new JobdeckError('exec_failed', `cannot start sh: ${error.message}`, { cause: error }),
        );
      });
    });
  }
}
