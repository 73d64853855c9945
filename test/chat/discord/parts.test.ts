// The Discord adapter's pure parts: custom ids, command text, token hiding, cutting text.
import { describe, expect, it } from 'vitest';
import { customId, parseId } from '../../../src/chat/discord/custom-id.js';
import { fitDescription } from '../../../src/chat/discord/embed.js';
import { commandText, quoteWord } from '../../../src/chat/discord/interaction.js';
import { formValue } from '../../../src/chat/discord/modal.js';
import { hideToken } from '../../../src/chat/discord/reply.js';

describe('Discord adapter parts', () => {
  it('reads back every kind of custom id, values with separators included', () => {
    for (const kind of ['act', 'confirm', 'form', 'pick', 'accept'] as const) {
      const id = customId(kind, 'run.cancel', 'a|b!c>d');
      expect(parseId(id)).toEqual({ kind, action: 'run.cancel', value: 'a|b!c>d' });
    }
    expect(parseId('~deny')).toBeUndefined();
    expect(parseId('no separator')).toBeUndefined();
  });

  it('turns a slash command into the text the conversation reads', () => {
    const run = [
      {
        name: 'run',
        type: 1,
        options: [
          { name: 'parameters', type: 3, value: 'path="/srv/my data" lines=5' },
          { name: 'server', type: 3, value: 'web 1' },
          { name: 'item', type: 3, value: 'disk_usage' },
        ],
      },
    ];
    expect(commandText(run)).toBe('run disk_usage "web 1" path="/srv/my data" lines=5');
    const probe = [
      { name: 'servers', type: 1, options: [{ name: 'probe', type: 3, value: 'nas' }] },
    ];
    expect(commandText(probe)).toBe('servers probe nas');
    expect(
      commandText([{ name: 'status', type: 1, options: [{ name: 'run', type: 4, value: 42 }] }]),
    ).toBe('status 42');
    expect(quoteWord('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
  });

  it('keeps an interaction token out of an error', () => {
    const error = Object.assign(new Error('Unknown Webhook at /webhooks/1/SECRET-TOKEN'), {
      url: 'http://x/api/v10/webhooks/1/SECRET-TOKEN?wait=true',
    });
    hideToken(error, 'SECRET-TOKEN');
    expect(`${error.message} ${error.url}`).not.toContain('SECRET-TOKEN');
  });

  it('cuts the longest section first, keeping the end of output', () => {
    const text = fitDescription(
      [{ text: 'intro' }, { text: `${'a'.repeat(5000)}\nlast line`, code: true }],
      1000,
    );
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text.startsWith('intro\n\n```\n')).toBe(true);
    expect(text.endsWith('last line\n```')).toBe(true);
  });

  it('reads a typed list for a multiselect shown as a text input', () => {
    const field = { name: 's', label: 'S', type: 'multiselect' as const, required: false };
    expect(formValue(field, 'a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(formValue({ ...field, type: 'select' }, ['x', 'y'])).toBe('x');
  });
});
