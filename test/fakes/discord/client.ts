/** A real discord.js client logged in to a fake Discord, queueing the interactions it gets. */
import {
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  type Interaction,
} from 'discord.js';
import type { FakeDiscord } from './fake.js';

export interface ConnectedClient {
  client: Client<true>;
  /** The next interaction the client emits (queued ones first). */
  nextInteraction(timeoutMs?: number): Promise<Interaction>;
  destroy(): Promise<void>;
}

/** Logs a discord.js client in to `fake` and resolves once it is ready. */
export async function connectClient(
  fake: FakeDiscord,
  options: Partial<ClientOptions> = {},
): Promise<ConnectedClient> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options,
    rest: { api: fake.apiUrl, ...options.rest },
  });
  const queued: Interaction[] = [];
  const waiting: Array<(interaction: Interaction) => void> = [];
  client.on(Events.InteractionCreate, (interaction) => {
    const waiter = waiting.shift();
    if (waiter) waiter(interaction);
    else queued.push(interaction);
  });
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(fake.token);
  await ready;
  return {
    client: client as Client<true>,
    nextInteraction(timeoutMs = 5000) {
      const first = queued.shift();
      if (first) return Promise.resolve(first);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(deliver), 1);
          reject(new Error(`discord.js emitted no interaction within ${timeoutMs} ms`));
        }, timeoutMs);
        const deliver = (interaction: Interaction) => {
          clearTimeout(timer);
          resolve(interaction);
        };
        waiting.push(deliver);
      });
    },
    destroy: () => client.destroy(),
  };
}
