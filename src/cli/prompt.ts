/** Asking the operator a yes/no question on the terminal; anything but "y" or "yes" is no. */
import { createInterface } from 'node:readline';
import type { CliContext } from './command.js';

export function confirm(context: CliContext, question: string): Promise<boolean> {
  const lines = createInterface({ input: context.io.stdin, terminal: false });
  context.io.stderr.write(`${question} [y/N] `);
  return new Promise((resolve) => {
    let answered = false;
    const answer = (text: string) => {
      if (answered) return;
      answered = true;
      lines.close();
      resolve(/^\s*y(es)?\s*$/i.test(text));
    };
    lines.once('line', answer);
    lines.once('close', () => answer(''));
  });
}
