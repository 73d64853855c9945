/** A Screen's text as one Discord embed, within the embed limits (4096 description, 6000 all). */
import { cap, capTail } from '../../conversation/limits.js';
import type { Screen, Section } from '../../conversation/screen.js';

export const EMBED = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

/** Room left for the fields of one embed, so the description always keeps some. */
const FIELDS_BUDGET = 2000;
const FENCE = '```';

const COLOURS: Record<NonNullable<Screen['tone']>, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  failure: 0xed4245,
  running: 0xfee75c,
  warning: 0xfaa61a,
};

export interface EmbedField {
  name: string;
  value: string;
  inline: boolean;
}

/** A fence inside output would end the code block early: a zero-width space breaks it. */
function escapeFence(text: string): string {
  return text.replaceAll(FENCE, '`\u200b``');
}

function rendered(section: Section): string {
  return section.code ? `${FENCE}\n${escapeFence(section.text)}\n${FENCE}` : section.text;
}

function totalLength(sections: Section[]): number {
  const joins = Math.max(0, sections.length - 1) * 2;
  return sections.reduce((sum, s) => sum + rendered(s).length, joins);
}

/** Cuts the longest section until all fit `budget`; output keeps its end, text its start. */
export function fitDescription(sections: Section[], budget: number): string {
  let fitted = sections.filter((s) => s.text.length > 0).map((s) => ({ ...s }));
  for (let round = 0; round <= fitted.length && totalLength(fitted) > budget; round += 1) {
    const over = totalLength(fitted) - budget;
    const longest = fitted.reduce((a, b) => (rendered(b).length > rendered(a).length ? b : a));
    const keep = longest.text.length - over;
    if (keep < 40) {
      fitted = fitted.filter((s) => s !== longest);
      continue;
    }
    longest.text = longest.code ? capTail(longest.text, keep) : cap(longest.text, keep);
  }
  return cap(fitted.map(rendered).join('\n\n'), budget);
}

function fitFields(fields: Screen['fields']): EmbedField[] {
  const shown = fields.slice(0, EMBED.fields);
  const each = Math.floor(FIELDS_BUDGET / Math.max(1, shown.length));
  return shown.map((f) => {
    const name = cap(f.label || '-', Math.min(EMBED.fieldName, 100));
    const room = Math.max(16, Math.min(EMBED.fieldValue, each - name.length));
    const value = cap(f.value || '-', room);
    return { name, value, inline: value.length <= 40 && !value.includes('\n') };
  });
}

export function titleOf(screen: Screen): string {
  return cap(screen.emoji ? `${screen.emoji} ${screen.title}` : screen.title, EMBED.title);
}

export interface EmbedOptions {
  /** Leave out the sections (a run card whose output lives in its thread). */
  sections?: Section[];
}

/** The screen as one embed: title, coloured by tone, sections, fields, footer. */
export function screenEmbed(screen: Screen, options: EmbedOptions = {}): Record<string, unknown> {
  const title = titleOf(screen);
  const footer = screen.footer ? cap(screen.footer, EMBED.footer) : undefined;
  const fields = fitFields(screen.fields);
  const fixed =
    title.length +
    (footer?.length ?? 0) +
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const budget = Math.min(EMBED.description, EMBED.total - fixed);
  const description = fitDescription(options.sections ?? screen.sections, budget);
  const embed: Record<string, unknown> = { title, color: COLOURS[screen.tone ?? 'info'] };
  if (description) embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  return embed;
}
