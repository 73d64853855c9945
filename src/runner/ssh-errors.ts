/** Words for everything that can go wrong reaching a server, each naming the cause. */
import { JobdeckError } from '../errors.js';

export interface Endpoint {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EAI_FAIL'];

function address(to: Endpoint): string {
  return `${to.host}:${to.port}`;
}

function networkText(to: Endpoint, error: NodeJS.ErrnoException, timeoutS: number): string {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') {
    const hint = `is sshd running and listening on port ${to.port}?`;
    return `connection refused by ${address(to)}: ${hint}`;
  }
  if (DNS_CODES.includes(code)) {
    return `cannot resolve host name "${to.host}" (DNS lookup failed: ${code})`;
  }
  if (code === 'ETIMEDOUT' || code === 'connect_timeout') {
    return `no answer from ${address(to)} within ${timeoutS} s (connect timeout)`;
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return `${address(to)} is unreachable from here (${code}): check the network or the host`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return `the connection to ${address(to)} was reset (${code})`;
  }
  return `cannot connect to ${address(to)}: ${error.message}`;
}

/** A socket-level failure: refused, DNS, timeout, unreachable, reset. */
export function networkError(to: Endpoint, error: Error, timeoutS: number): JobdeckError {
  const text = networkText(to, error as NodeJS.ErrnoException, timeoutS);
  return new JobdeckError('ssh_unreachable', `server ${to.name}: ${text}`, { cause: error });
}

/** An error ssh2 emitted; `level` says which stage failed. */
export function sshError(
  to: Endpoint,
  error: Error & { level?: string },
  login: { username: string; method: string },
  timeoutS: number,
): JobdeckError {
  if (error.level === 'client-socket') return networkError(to, error, timeoutS);
  if (error.level === 'client-authentication') {
    return new JobdeckError(
      'ssh_auth_failed',
      `server ${to.name}: ${address(to)} refused the login of user "${login.username}" ` +
        `with ${login.method}: check that its public key is in that user's authorized_keys`,
      { cause: error },
    );
  }
  if (error.level === 'client-timeout') {
    const what = error.message.includes('Keepalive')
      ? `the connection to ${address(to)} stopped answering (keepalive timeout)`
      : `no SSH handshake from ${address(to)} within ${timeoutS} s: is it an SSH server?`;
    return new JobdeckError('ssh_unreachable', `server ${to.name}: ${what}`, { cause: error });
  }
  return new JobdeckError(
    'ssh_unreachable',
    `server ${to.name}: SSH connection to ${address(to)} failed: ${error.message}`,
    { cause: error },
  );
}

/** The connection went away while a command ran on it. */
export function connectionLost(to: Endpoint): JobdeckError {
  return new JobdeckError(
    'ssh_unreachable',
    `server ${to.name}: the connection to ${address(to)} was lost while the command ran`,
  );
}
