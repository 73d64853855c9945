/**
 * Confirmation for dangerous buttons: Discord has no confirm dialog, so pressing one answers an
 * "Are you sure?" only the presser sees, whose danger button carries the real action.
 */
import { cap } from '../../conversation/limits.js';
import type { Button, Confirm, Screen } from '../../conversation/screen.js';
import { customId, DENY_ID, type ParsedId } from './custom-id.js';
import { screenEmbed } from './embed.js';
import type { MessageBody, RawComponent, RawMessage } from './types.js';

const MAX_KEPT = 5000;

/** The wording of each confirm button shown, by custom id; a restart falls back to plain words. */
export class ConfirmTexts {
  readonly #texts = new Map<string, Confirm>();

  remember(buttons: Button[]): void {
    for (const b of buttons) {
      if (!b.confirm) continue;
      const id = customId('confirm', b.action, b.value);
      this.#texts.delete(id);
      this.#texts.set(id, b.confirm);
    }
    for (const key of this.#texts.keys()) {
      if (this.#texts.size <= MAX_KEPT) break;
      this.#texts.delete(key);
    }
  }

  get(id: string): Confirm | undefined {
    return this.#texts.get(id);
  }
}

function find(components: RawComponent[] = [], id: string): RawComponent | undefined {
  for (const c of components) {
    if (c.custom_id === id) return c;
    const inner = find(c.components, id);
    if (inner) return inner;
  }
  return undefined;
}

/** The ephemeral "Are you sure?" for a pressed confirm button. */
export function confirmDialog(
  parsed: ParsedId,
  id: string,
  texts: ConfirmTexts,
  source: RawMessage | undefined,
): MessageBody {
  const label = find(source?.components, id)?.label ?? 'Do it';
  const confirm = texts.get(id) ?? {
    title: 'Are you sure?',
    text: `Press "${label}" again to go ahead.`,
    confirm: label,
    deny: 'No, leave it',
  };
  const screen: Screen = {
    title: confirm.title,
    emoji: '⚠️',
    tone: 'warning',
    sections: [{ text: confirm.text }],
    fields: [],
    buttons: [],
    visibility: 'user',
    placement: 'new',
  };
  return {
    embeds: [screenEmbed(screen)],
    components: [
      {
        type: 1,
        components: [
          {
            type: 2,
            style: 4,
            label: cap(confirm.confirm, 80),
            custom_id: customId('act', parsed.action, parsed.value),
          },
          { type: 2, style: 2, label: cap(confirm.deny, 80), custom_id: DENY_ID },
        ],
      },
    ],
    flags: 64,
    allowed_mentions: { parse: [] },
  };
}

/** True when a message is a confirmation step: its answer replaces it. */
export function isConfirmDialog(message: RawMessage | undefined): boolean {
  return find(message?.components, DENY_ID) !== undefined;
}
