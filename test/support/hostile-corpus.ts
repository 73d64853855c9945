/** Hostile parameter values for every entry point, and text that looks like markup. */

const ALL_SPECIALS = ` !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~\t\n`;

export const CORPUS: string[] = [
  ';',
  'a; touch pwned',
  '&&',
  'true && touch pwned',
  '|',
  'x | touch pwned',
  '$(touch pwned)',
  '`touch pwned`',
  '$' + '{IFS}touch$' + '{IFS}pwned',
  "'",
  '"',
  `'"'"'`,
  "it's",
  'say "hi"',
  "'; touch pwned; '",
  '"; touch pwned; "',
  'line one\nline two',
  '\n',
  '\r\n',
  'a\nb\n',
  '*',
  '/*',
  '.*',
  '?',
  '[a-z]',
  '{a,b}',
  '~',
  '~root',
  '~/x',
  '-n',
  '-e',
  '--help',
  '-',
  '--',
  '=',
  '=ls',
  'a=b',
  'héllo wörld',
  '日本語',
  '🚀 launch',
  'zero\u200Bwidth',
  'a\tb',
  ' leading',
  'trailing ',
  '  ',
  '',
  '\\',
  '\\n',
  'back\\slash\\',
  '$HOME',
  '$',
  '$$',
  '#comment',
  'a #b',
  '!',
  '!!',
  '<',
  '>',
  '> pwned',
  '2>&1',
  '&',
  '%s %d %n',
  '\x01\x02\x1b[31m\x7f',
  'x'.repeat(10_000),
  ALL_SPECIALS.repeat(200).slice(0, 10_000),
];

/** Text that means something to SQL, HTML, Markdown or chat mentions: shown back literally. */
export const LOOK_ALIKES: string[] = [
  "'; DROP TABLE runs; --",
  'Robert"); DELETE FROM audit_log; --',
  '<script>alert(1)</script>',
  '<b>bold</b> &amp; &lt;i&gt;',
  '*bold* _italic_ ~strike~ `code` > quote',
  '[click me](https://evil.example/)',
  '<https://evil.example|click me>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '@everyone',
  '@here',
  '<@U0123ABCD>',
  '<@&123456789012345678>',
  '<#C0123ABCD>',
  '||spoiler||',
];

/** One command word that reads back as `value`: double quotes, with \ and " escaped. */
export function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** `/jobs run` text that reads back as `name=value`. */
export function quotedAssignment(name: string, value: string): string {
  return quoted(`${name}=${value}`);
}
