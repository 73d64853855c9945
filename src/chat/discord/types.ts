/** The parts of Discord's API objects the adapter reads and writes, owned here as a seam. */
import type { RawFile, RequestData, RouteLike } from 'discord.js';

/** What the adapter needs from @discordjs/rest; the client's `rest` fits it. */
export interface DiscordRest {
  get(route: RouteLike, options?: RequestData): Promise<unknown>;
  post(route: RouteLike, options?: RequestData): Promise<unknown>;
  patch(route: RouteLike, options?: RequestData): Promise<unknown>;
  put(route: RouteLike, options?: RequestData): Promise<unknown>;
}

export interface RawUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export interface RawComponent {
  type: number;
  custom_id?: string;
  label?: string;
  value?: string;
  values?: string[];
  components?: RawComponent[];
  component?: RawComponent;
}

export interface RawMessage {
  id: string;
  channel_id: string;
  flags?: number;
  components?: RawComponent[];
  thread?: { id: string } | null;
}

export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawOption[];
}

/** INTERACTION_CREATE as the gateway delivers it. */
export interface RawInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string; type: number; parent_id?: string | null };
  member?: { user: RawUser; nick?: string | null; roles?: string[] };
  user?: RawUser;
  message?: RawMessage;
  attachment_size_limit?: number;
  data?: {
    name?: string;
    options?: RawOption[];
    custom_id?: string;
    component_type?: number;
    values?: string[];
    components?: RawComponent[];
  };
}

export const INTERACTION = { command: 2, component: 3, autocomplete: 4, modalSubmit: 5 } as const;

export const CALLBACK = {
  message: 4,
  deferredMessage: 5,
  deferredUpdate: 6,
  update: 7,
  autocomplete: 8,
  modal: 9,
} as const;

export const EPHEMERAL = 64;

/** A message body as the REST API takes it, with the files sent alongside. */
export interface MessageBody {
  content?: string;
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
  flags?: number;
  allowed_mentions: { parse: string[]; users?: string[] };
  attachments?: { id: number; filename: string }[];
}

export interface Outgoing {
  body: MessageBody;
  files: RawFile[];
}

/** Thread channel types: announcement, public and private threads. */
export const THREAD_TYPES = new Set([10, 11, 12]);
