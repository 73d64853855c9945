/** Words for simple validation patterns: "may only contain letters, digits, _ . -". */

interface ClassWords {
  plural: string[];
  singular: string[];
}

const RANGES: Record<string, [string, string]> = {
  'a-z': ['lower-case letters', 'lower-case letter'],
  'A-Z': ['upper-case letters', 'upper-case letter'],
  '0-9': ['digits', 'digit'],
};

function readClass(body: string): ClassWords | undefined {
  const ranges = new Set<string>();
  const literals: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[++i];
      if (next === 'd') ranges.add('0-9');
      else if (next && /[-.^$_/+:@\\\]]/.test(next)) literals.push(next);
      else return undefined;
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      const range = `${c}-${body[i + 2]}`;
      if (!RANGES[range]) return undefined;
      ranges.add(range);
      i += 2;
    } else if (/[\w.\-+:@/%,=~ ]/.test(c)) {
      literals.push(c === ' ' ? 'space' : c);
    } else return undefined;
  }
  return wordsFor(ranges, literals);
}

function wordsFor(ranges: Set<string>, literals: string[]): ClassWords {
  const plural: string[] = [];
  const singular: string[] = [];
  if (ranges.has('a-z') && ranges.has('A-Z')) {
    plural.push('letters');
    singular.push('letter');
    ranges.delete('a-z');
    ranges.delete('A-Z');
  }
  for (const range of ['a-z', 'A-Z', '0-9']) {
    if (!ranges.has(range)) continue;
    plural.push(RANGES[range]![0]);
    singular.push(RANGES[range]![1]);
  }
  if (literals.length > 0) plural.push(literals.join(' '));
  return { plural, singular: [...singular, ...literals] };
}

function joinOr(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A sentence tail describing the pattern, or undefined when it is not a simple one. */
export function describePattern(pattern: string): string | undefined {
  const whole = /^\^\[([^\]^][^\]]*)\][+*]\$$/.exec(pattern);
  if (whole) {
    const words = readClass(whole[1]!);
    return words && `may only contain ${words.plural.join(', ')}`;
  }
  const led = /^\^\[([^\]^][^\]]*)\]\[([^\]^][^\]]*)\](?:\*|\+|\{\d*,?\d*\})\$$/.exec(pattern);
  if (!led) return undefined;
  const first = readClass(led[1]!);
  const rest = readClass(led[2]!);
  if (!first || !rest) return undefined;
  const article = /^[a-z]/.test(first.singular[0] ?? '') ? 'a ' : '';
  const start = `${article}${joinOr(first.singular)}`;
  return `may only contain ${rest.plural.join(', ')} and must start with ${start}`;
}
