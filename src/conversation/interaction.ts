/** The neutral Interaction: who did what, where, as every platform adapter hands it over. */

export type Platform = 'slack' | 'discord' | 'console' | 'api';

export interface Actor {
  platform: Platform;
  userId: string;
  displayName: string;
  /** Platform roles or user groups, for access rules. */
  roles: string[];
}

export interface Place {
  channelId?: string;
  threadId?: string;
  messageId?: string;
}

export type Action =
  /** `/jobs …`: the text after the command name. */
  | { kind: 'command'; text: string }
  | { kind: 'button'; action: string; value: string }
  | { kind: 'select'; action: string; value: string; values: string[] }
  /** A form submitted: its action and the values by field name (as typed). */
  | { kind: 'submit'; action: string; value: string; values: Record<string, string | string[]> };

export interface Interaction {
  /** The platform's id for this delivery; the same id twice acts once. */
  id: string;
  actor: Actor;
  place: Place;
  action: Action;
}

/** `platform:user`, the key under which favourites, wizards and modes are kept. */
export function actorKey(actor: Actor): string {
  return `${actor.platform}:${actor.userId}`;
}
