/** The console chat: `/jobs …`, picks by number, forms field by field, runs streamed live. */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Conversation } from '../../conversation/conversation.js';
import type { Action, Actor, Interaction } from '../../conversation/interaction.js';
import type { RunnerPort } from '../../conversation/ports.js';
import type { Form, Screen } from '../../conversation/screen.js';
import { answerOf, promptFor } from './forms.js';
import { type Numbered, renderScreen } from './render.js';
import { streamConsoleRuns } from './stream.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  conversation: Conversation;
  runner: RunnerPort;
  commandName: string;
  /** Prompts and a welcome line; off when reading from a pipe. */
  interactive: boolean;
  user?: string;
  /** Where Ctrl-C arrives besides the terminal (tests, or a piped session's process). */
  interrupts?: NodeJS.EventEmitter;
}

interface FormState {
  form: Form;
  index: number;
  values: Record<string, string | string[]>;
}

export function consoleActor(user?: string): Actor {
  const name = user ?? userInfo().username;
  return { platform: 'console', userId: name, displayName: name, roles: ['admin'] };
}

/** Runs the console until input ends or the user quits; answers when all work is done. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { output, conversation, interactive } = options;
  const actor = consoleActor(options.user);
  const write = (text: string) => void output.write(`${text}\n`);
  const rl = createInterface({
    input: options.input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  let numbered: Numbered = { picks: new Map() };
  let form: FormState | undefined;
  let seq = 0;
  let work: Promise<void> = Promise.resolve();
  const live = streamConsoleRuns(options.runner, `console:${actor.userId}`, write);

  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(form ? promptFor(form.form.fields[form.index]!) : `/${options.commandName}> `);
    rl.prompt();
  };
  const responder = {
    show: async (screen: Screen) => {
      const rendered = renderScreen(screen);
      write(rendered.text);
      numbered = rendered.numbered;
      form =
        screen.form && screen.form.fields.length > 0
          ? { form: screen.form, index: 0, values: {} }
          : undefined;
      if (form && !interactive) write(promptFor(form.form.fields[0]!));
      return { platform: 'console', id: String(++seq) };
    },
    update: async (_ref: unknown, screen: Screen) => {
      if (screen.tone === 'running') return;
      const rendered = renderScreen(screen, { skipCode: live.streamed(screen) });
      write(rendered.text);
      numbered = rendered.numbered;
    },
  };
  const act = (action: Action) => {
    const interaction: Interaction = {
      id: `console-${process.pid}-${++seq}`,
      actor,
      place: { channelId: 'console' },
      action,
    };
    return conversation.handle(interaction, responder);
  };

  const command = new RegExp(`^/${options.commandName}\\b\\s*`);
  const onLine = async (line: string) => {
    if (form && command.test(line.trim())) form = undefined;
    if (form) {
      const field = form.form.fields[form.index]!;
      form.values[field.name] = answerOf(field, line);
      form.index += 1;
      if (form.index < form.form.fields.length) {
        if (!interactive) write(promptFor(form.form.fields[form.index]!));
        return;
      }
      const done = form;
      form = undefined;
      return act({
        kind: 'submit',
        action: done.form.action,
        value: done.form.value,
        values: done.values,
      });
    }
    const text = line.trim();
    if (!text) return;
    if (text === 'quit' || text === 'exit') return void rl.close();
    if (command.test(text)) return act({ kind: 'command', text: text.replace(command, '') });
    const pick = numbered.picks.get(Number(text));
    if (pick?.kind === 'choice' && numbered.select) {
      return act({ kind: 'select', ...numbered.select, values: [pick.choice.value] });
    }
    if (pick?.kind === 'button')
      return act({ kind: 'button', action: pick.button.action, value: pick.button.value });
    write(`Type /${options.commandName} help, or a number from the list above.`);
  };

  rl.on('line', (line) => {
    work = work
      .then(() => onLine(line))
      .catch((error) => write(`error: ${String(error)}`))
      .then(prompt);
  });
  const interrupt = () => {
    if (live.cancelRunning()) write('Cancelling the running job… (Ctrl-C again to quit)');
    else rl.close();
  };
  rl.on('SIGINT', interrupt);
  options.interrupts?.on('SIGINT', interrupt);
  if (interactive) {
    write(
      `jobdeck console: type /${options.commandName} help, or /${options.commandName} to start. ` +
        'Ctrl-C cancels a running job; twice quits.',
    );
    prompt();
  }
  await new Promise<void>((resolve) => rl.once('close', resolve));
  await work;
  options.interrupts?.off('SIGINT', interrupt);
  live.stop();
}
