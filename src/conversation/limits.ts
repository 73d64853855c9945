/**
 * Neutral size limits: the smallest of Slack's and Discord's, so every Screen renders on
 * both without an adapter dropping anything. Text past a limit is cut with a visible marker.
 */

export const LIMITS = {
  title: 150,
  section: 2800,
  /** All sections of one screen together (Discord: 6000 across embeds). */
  sectionsTotal: 5000,
  fields: 10,
  fieldLabel: 100,
  fieldValue: 1000,
  /** Choices per page: Discord's string select holds 25. */
  choicesPerPage: 25,
  choiceLabel: 75,
  choiceDescription: 75,
  choiceValue: 75,
  buttons: 15,
  buttonLabel: 75,
  /** Action and value together (Discord custom_id is 100, with a separator). */
  actionAndValue: 99,
  formFields: 50,
  formFieldLabel: 45,
  formFieldValue: 3000,
  placeholder: 100,
  /** Output tail shown in a message; longer output goes as a file. */
  outputInMessage: 1800,
  footer: 300,
} as const;

export const CUT_MARKER = '…';

/** Cuts text to at most `max` characters, marking the cut. */
export function cap(text: string, max: number, marker = CUT_MARKER): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - marker.length)) + marker;
}

/** Keeps the end of text (for output tails), marking what was dropped at the start. */
export function capTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const dropped = text.length - max;
  const marker = `[… ${dropped} characters above not shown]\n`;
  return marker + text.slice(text.length - (max - marker.length));
}
