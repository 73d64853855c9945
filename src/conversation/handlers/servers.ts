/** `/jobs servers [probe NAME]`: what each server is and can do. */
import { messageOf } from '../../errors.js';
import { ago } from '../format.js';
import { mayUseServer, refusal, usableServers } from '../guard.js';
import type { ServerView } from '../ports.js';
import { type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';
import { closest, problem } from './answers.js';

function serverLine(server: ServerView, now: number): string {
  const state =
    server.reachable === null
      ? '❔ not probed'
      : server.reachable
        ? '🟢 reachable'
        : `🔴 unreachable (${server.lastError ?? 'unknown error'})`;
  const where = server.transport === 'local' ? 'this machine' : server.host;
  const caps =
    server.capabilities.length > 0 ? server.capabilities.join(', ') : 'no capabilities detected';
  const probed = server.probedAt ? `, probed ${ago(server.probedAt, now)}` : '';
  const labels = server.labels.length ? `; ${server.labels.join(', ')}` : '';
  const os = server.distro ?? 'unknown OS';
  return `*${server.name}* (${where}${labels}): ${state}; ${os}; ${caps}${probed}`;
}

export async function serversScreen(turn: Turn): Promise<Screen> {
  const servers = usableServers(turn, await turn.deps.servers.list());
  return screen('Servers', {
    emoji: '🖥️',
    sections: [{ text: servers.map((s) => serverLine(s, turn.now())).join('\n') }],
    buttons: servers
      .slice(0, 10)
      .map((s) => ({ label: `Probe ${s.name}`, action: 'srv.probe', value: s.name })),
    placement: 'new',
  });
}

export async function probeScreen(turn: Turn, name: string): Promise<Screen> {
  const servers = await turn.deps.servers.list();
  if (!servers.some((s) => s.name === name)) {
    return problem(
      `Unknown server "${name}"`,
      [
        closest(
          turn,
          name,
          servers.map((s) => s.name),
        ),
        `Servers: ${servers.map((s) => s.name).join(', ')}.`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
  const server = servers.find((s) => s.name === name)!;
  const may = mayUseServer(turn, server);
  if (!may.ok)
    return refusal(turn, `You may not use the server ${name}`, may, { action: 'access' });
  try {
    const fresh = await turn.deps.servers.probe(name);
    return screen(`Probed ${name}`, {
      emoji: '🔎',
      sections: [{ text: serverLine(fresh, turn.now()) }],
      placement: 'new',
    });
  } catch (error) {
    return problem(
      `Could not probe ${name}`,
      messageOf(error),
      'Check the host, port, user and key in jobdeck.yaml, then probe again.',
    );
  }
}
