/** Discord interactions as the neutral Interaction: who, where, and the command text or action. */
import { findSubcommand } from '../../conversation/commands.js';
import type { Action, Actor, Interaction, Place } from '../../conversation/interaction.js';
import { EPHEMERAL, type RawInteraction, type RawOption, THREAD_TYPES } from './types.js';

/** Options that hold words as the user typed them, passed on unquoted. */
const FREE_TEXT = new Set(['parameters', 'query']);
/** Options that stand for a word of their own before the value (`servers probe NAME`). */
const KEYWORD = new Set(['probe']);

export function userOf(raw: RawInteraction): { id: string; name: string } {
  const user = raw.member?.user ?? raw.user;
  const name = raw.member?.nick ?? user?.global_name ?? user?.username ?? 'someone';
  return { id: user?.id ?? 'unknown', name };
}

export function actorOf(raw: RawInteraction): Actor {
  const user = userOf(raw);
  return {
    platform: 'discord',
    userId: user.id,
    displayName: user.name,
    roles: raw.member?.roles ?? [],
  };
}

export function channelOf(raw: RawInteraction): string {
  return raw.channel?.id ?? raw.channel_id ?? raw.message?.channel_id ?? '';
}

export function inThread(raw: RawInteraction): boolean {
  return raw.channel !== undefined && THREAD_TYPES.has(raw.channel.type);
}

export function placeOf(raw: RawInteraction): Place {
  const channelId = channelOf(raw);
  const place: Place = { channelId };
  if (inThread(raw)) place.threadId = channelId;
  if (raw.message) place.messageId = raw.message.id;
  return place;
}

export function sourceIsEphemeral(raw: RawInteraction): boolean {
  return ((raw.message?.flags ?? 0) & EPHEMERAL) !== 0;
}

/** Quotes a word for the conversation's word splitter when it holds spaces or quotes. */
export function quoteWord(word: string): string {
  if (word !== '' && !/[\s"'“”‘’\\]/.test(word)) return word;
  return `"${word.replace(/["\\]/g, '\\$&')}"`;
}

/** `/jobs run item:disk server:box` as the text `run disk box`, in the tree's option order. */
export function commandText(options: RawOption[] = []): string {
  const sub = options.find((o) => o.type === 1);
  if (!sub) return '';
  const given = new Map((sub.options ?? []).map((o) => [o.name, o.value]));
  const order = findSubcommand(sub.name)?.options.map((o) => o.name) ?? [...given.keys()];
  const words = [sub.name];
  for (const name of order) {
    const value = given.get(name);
    if (value === undefined || value === '') continue;
    if (KEYWORD.has(name)) words.push(name);
    words.push(FREE_TEXT.has(name) ? String(value) : quoteWord(String(value)));
  }
  return words.join(' ');
}

export function neutral(raw: RawInteraction, action: Action): Interaction {
  return { id: raw.id, actor: actorOf(raw), place: placeOf(raw), action };
}

/** The option being typed in an autocomplete request, and the others given so far. */
export function focusedOption(raw: RawInteraction): {
  name: string;
  value: string;
  others: Map<string, string>;
} {
  const sub = raw.data?.options?.find((o) => o.type === 1);
  const options = sub?.options ?? raw.data?.options ?? [];
  const focused = options.find((o) => o.focused);
  const others = new Map(
    options.filter((o) => !o.focused).map((o) => [o.name, String(o.value ?? '')]),
  );
  return { name: focused?.name ?? '', value: String(focused?.value ?? ''), others };
}
