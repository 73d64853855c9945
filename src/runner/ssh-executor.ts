/** Runs scripts over a shared SSH connection; a stop signals the remote process group. */
import {
  type ExecOptions,
  type ExecResult,
  type ExecSpec,
  type Executor,
  STOP_GRACE_MS,
} from './executor.js';
import { killScript, PidLine, remoteScript } from './script.js';
import type { SshConnection } from './ssh-connection.js';
import { connectionLost, type Endpoint } from './ssh-errors.js';
import type { SshChannel } from './ssh-types.js';
import { onAbort, type StopSignal, stopSequence } from './stop.js';

export class SshExecutor implements Executor {
  constructor(
    private readonly connection: SshConnection,
    private readonly server: Endpoint,
  ) {}

  async exec(spec: ExecSpec, options: ExecOptions): Promise<ExecResult> {
    let ended: Promise<ExecResult> | undefined;
    await this.connection.exec(remoteScript(spec), {
      onOpen: (channel) => {
        ended = this.watch(channel, options);
      },
    });
    if (!ended) throw connectionLost(this.server);
    return ended;
  }

  /** Sends a signal to the remote process group through a second channel. */
  private signal(processGroup: number, signal: StopSignal): void {
    const onOpen = (channel: SshChannel) => {
      channel.on('data', () => {});
      channel.stderr.resume();
    };
    this.connection
      .exec(killScript(processGroup, signal), { urgent: true, onOpen })
      .catch(() => {});
  }

  private watch(channel: SshChannel, options: ExecOptions): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const pid = new PidLine();
      let exit: ExecResult | undefined;
      let stopping = false;
      let cancelStop = () => {};
      const send = (signal: StopSignal) => {
        if (pid.pid !== undefined) this.signal(pid.pid, signal);
      };
      const giveUp = () => {
        channel.close();
        settle({ exitCode: null, signal: 'SIGKILL' });
      };
      const startStop = () => {
        cancelStop();
        cancelStop = stopSequence(send, giveUp);
      };
      const settle = (result: ExecResult | Error) => {
        detach();
        cancelStop();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const detach = onAbort(options.signal, () => {
        stopping = true;
        if (pid.pid !== undefined) return startStop();
        // No process group known yet: wait for it, but not forever.
        const timer = setTimeout(giveUp, 2 * STOP_GRACE_MS);
        cancelStop = () => clearTimeout(timer);
      });
      channel.on('data', (chunk) => {
        const known = pid.pid !== undefined;
        const own = pid.take(chunk);
        if (own.length > 0) options.onOutput('stdout', own);
        if (!known && pid.pid !== undefined && stopping) startStop();
      });
      channel.stderr.on('data', (chunk: Buffer) => options.onOutput('stderr', chunk));
      channel.on('exit', (code, signal) => {
        exit = { exitCode: code, signal: signal ?? null };
      });
      channel.on('close', () => {
        const rest = pid.rest();
        if (rest.length > 0) options.onOutput('stdout', rest);
        if (exit) settle(exit);
        else if (stopping) settle({ exitCode: null, signal: 'SIGKILL' });
        else settle(connectionLost(this.server));
      });
    });
  }
}
