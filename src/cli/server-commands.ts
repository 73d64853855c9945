/** `jobdeck servers list | probe | trust`: servers, what they can do, and their host keys. */
import { JobdeckError } from '../errors.js';
import type { ServerState } from '../jobs/servers.js';
import { formatTime } from '../notify/text.js';
import { type App, withApp } from './app.js';
import type { CliCommand, CliContext } from './command.js';
import { flag } from './options.js';
import { confirm } from './prompt.js';

function serverName(context: CliContext, usage: string): string {
  const name = context.args[0];
  if (!name) throw new JobdeckError('input_invalid', `name the server: jobdeck ${usage}`);
  return name;
}

function reachability(state: ServerState): string {
  if (state.reachable === null) return 'not probed';
  return state.reachable ? 'reachable' : 'unreachable';
}

function serverLines(state: ServerState, timeZone: string): string[] {
  const where = state.transport === 'local' ? 'this machine' : `${state.host}:${state.port}`;
  const distro = state.distro ? `${state.distro} ${state.distroVersion ?? ''}`.trim() : 'unknown';
  const lines = [
    `${state.name}  (${state.transport}, ${where})`,
    `  status        ${reachability(state)}`,
    `  distro        ${distro}`,
    `  capabilities  ${state.capabilities.join(', ') || '(none detected)'}`,
    `  last probe    ${formatTime(state.probedAt, timeZone) || 'never'}`,
  ];
  if (state.labels.length > 0) lines.push(`  labels        ${state.labels.join(', ')}`);
  if (state.lastError) lines.push(`  last error    ${state.lastError}`);
  return lines;
}

export const serversList: CliCommand = {
  path: ['servers', 'list'],
  usage: 'servers list [--json]',
  summary: 'servers with reachability, distro, capabilities and last probe',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withApp(context, async (app) => {
      const states = await app.servers.list();
      if (flag(context, 'json')) context.out(JSON.stringify(states, null, 2));
      else
        context.out(states.map((s) => serverLines(s, app.config.timezone).join('\n')).join('\n\n'));
      return 0;
    }),
};

export const serversProbe: CliCommand = {
  path: ['servers', 'probe'],
  usage: 'servers probe NAME [--json]',
  summary: 'detect the distro and capabilities of a server now',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withApp(context, async (app) => {
      const state = await app.servers.probe(serverName(context, serversProbe.usage));
      if (flag(context, 'json')) context.out(JSON.stringify(state, null, 2));
      else for (const line of serverLines(state, app.config.timezone)) context.out(line);
      return 0;
    }),
};

async function trustServer(app: App, context: CliContext): Promise<number> {
  const name = serverName(context, serversTrust.usage);
  const state = await app.servers.get(name);
  if (state.transport === 'local') {
    throw new JobdeckError('input_invalid', `server ${name} runs locally; it has no host key`);
  }
  const key = await app.servers.presentedKey(name);
  context.out(
    `server ${name} (${state.host}:${state.port}) presents ${key.type} key ${key.fingerprint}`,
  );
  const pinned = app.config.servers.find((s) => s.name === name)?.host_key;
  if (pinned) {
    const verdict = pinned === key.fingerprint ? 'matches it' : 'DOES NOT MATCH it';
    context.out(`host_key in jobdeck.yaml pins ${pinned} and ${verdict}; the config wins`);
  }
  if (!flag(context, 'yes') && !(await confirm(context, 'Trust this key for future runs?'))) {
    context.err('not trusted');
    return 1;
  }
  await app.servers.trust(name, key.fingerprint);
  context.out(`trusted: server ${name} is ${key.fingerprint}`);
  return 0;
}

export const serversTrust: CliCommand = {
  path: ['servers', 'trust'],
  usage: 'servers trust NAME [--yes]',
  summary: "connect, show the server's host key fingerprint and record it after confirmation",
  options: { yes: { type: 'boolean' } },
  run: (context) => withApp(context, (app) => trustServer(app, context)),
};

export const serverCommands: CliCommand[] = [serversList, serversProbe, serversTrust];
