/** Splits command text into words the way a shell user expects: quotes group, `\` escapes. */

export type WordsResult = { ok: true; words: string[] } | { ok: false; error: string };

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };

export function splitWords(text: string): WordsResult {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
      continue;
    }
    if (ch in QUOTES) {
      quote = QUOTES[ch];
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `a quote (${quote}) is not closed` };
  if (inWord) words.push(current);
  return { ok: true, words };
}
