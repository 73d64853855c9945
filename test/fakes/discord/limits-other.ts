/** Discord's limits on modals, autocomplete answers, command registrations and threads. */
import {
  checkCustomIds,
  checkInteractive,
  objects,
  type Problem,
  text,
  tooLong,
} from './limits-message.js';
import type { JsonObject } from './types.js';

const LABEL_CHILDREN = new Set([3, 4, 5, 6, 7, 8, 19, 21, 22, 23]);
const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;
const ARCHIVE_MINUTES = new Set([60, 1440, 4320, 10080]);

/** Every limit a modal (callback type 9 data) breaks. */
export function checkModal(modal: JsonObject): Problem[] {
  const problems: Problem[] = [];
  const components = objects(modal.components);
  tooLong(problems, 'modal.title', text(modal.title), 45, 1);
  tooLong(problems, 'modal.custom_id', text(modal.custom_id), 100, 1);
  if (components.length < 1 || components.length > 5) {
    problems.push({ rule: 'modal.components', detail: `${components.length}, allowed 1-5` });
  }
  components.forEach((c, i) => {
    checkModalChild(problems, c, `modal.components[${i}]`);
  });
  checkCustomIds(problems, components, 'modal');
  return problems;
}

function checkModalChild(problems: Problem[], c: JsonObject, where: string): void {
  if (c.type === 10) {
    tooLong(problems, `${where}.content`, text(c.content), 4000, 1);
    return;
  }
  if (c.type === 1) {
    const inner = objects(c.components);
    if (inner.length !== 1 || inner[0]?.type !== 4) {
      problems.push({ rule: where, detail: 'a modal action row holds exactly one text input' });
    }
    if (inner[0]) checkTextInput(problems, inner[0], `${where}[0]`, true);
    return;
  }
  if (c.type !== 18) {
    problems.push({ rule: `${where}.type`, detail: `type ${String(c.type)} is not allowed` });
    return;
  }
  tooLong(problems, `${where}.label`, text(c.label), 45, 1);
  tooLong(problems, `${where}.description`, c.description, 100);
  const child = (c.component ?? {}) as JsonObject;
  if (!LABEL_CHILDREN.has(Number(child.type))) {
    problems.push({ rule: `${where}.component`, detail: `type ${String(child.type)} in a label` });
  }
  if (child.type === 4) checkTextInput(problems, child, `${where}.component`, false);
  else checkInteractive(problems, child, `${where}.component`);
}

function checkTextInput(problems: Problem[], input: JsonObject, where: string, row: boolean): void {
  if (row) tooLong(problems, `${where}.label`, text(input.label), 45, 1);
  if (!row && input.label !== undefined) {
    problems.push({ rule: `${where}.label`, detail: 'a text input inside a Label has no label' });
  }
  if (input.style !== 1 && input.style !== 2) {
    problems.push({ rule: `${where}.style`, detail: `style ${String(input.style)}` });
  }
  tooLong(problems, `${where}.value`, input.value, 4000);
  tooLong(problems, `${where}.placeholder`, input.placeholder, 100);
  for (const key of ['min_length', 'max_length'] as const) {
    const value = input[key];
    if (typeof value === 'number' && (value < 0 || value > 4000)) {
      problems.push({ rule: `${where}.${key}`, detail: `${value}, allowed 0-4000` });
    }
  }
}

/** Autocomplete answers (callback type 8). */
export function checkChoices(data: JsonObject): Problem[] {
  const problems: Problem[] = [];
  const choices = objects(data.choices);
  if (choices.length > 25) problems.push({ rule: 'choices', detail: `${choices.length} > 25` });
  choices.forEach((choice, i) => {
    tooLong(problems, `choices[${i}].name`, choice.name, 100, 1);
    tooLong(problems, `choices[${i}].value`, choice.value, 100);
  });
  return problems;
}

/** A bulk overwrite of application commands. */
export function checkCommands(commands: JsonObject[]): Problem[] {
  const problems: Problem[] = [];
  if (commands.length > 100) problems.push({ rule: 'commands', detail: `${commands.length}` });
  const names = new Set<string>();
  commands.forEach((command, i) => {
    const key = `${String(command.type ?? 1)}:${text(command.name)}`;
    if (names.has(key)) problems.push({ rule: `commands[${i}].name`, detail: 'duplicate' });
    names.add(key);
    if ((command.type ?? 1) === 1) checkNamed(problems, command, `commands[${i}]`);
    checkOptions(problems, objects(command.options), `commands[${i}]`);
  });
  return problems;
}

function checkNamed(problems: Problem[], item: JsonObject, where: string): void {
  const name = text(item.name);
  if (!NAME.test(name) || name !== name.toLowerCase()) {
    problems.push({ rule: `${where}.name`, detail: `"${name}" is not a valid lowercase name` });
  }
  tooLong(problems, `${where}.description`, text(item.description), 100, 1);
}

function checkOptions(problems: Problem[], options: JsonObject[], where: string): void {
  if (options.length > 25) problems.push({ rule: `${where}.options`, detail: `${options.length}` });
  let optionalSeen = false;
  options.forEach((option, i) => {
    const at = `${where}.options[${i}]`;
    checkNamed(problems, option, at);
    if (option.required === true && optionalSeen) {
      problems.push({ rule: `${at}.required`, detail: 'required options come first' });
    }
    if (option.required !== true && Number(option.type) > 2) optionalSeen = true;
    const choices = objects(option.choices);
    if (choices.length > 25) problems.push({ rule: `${at}.choices`, detail: `${choices.length}` });
    if (choices.length > 0 && option.autocomplete === true) {
      problems.push({ rule: `${at}.autocomplete`, detail: 'autocomplete and choices together' });
    }
    checkOptions(problems, objects(option.options), at);
  });
}

export function checkThread(body: JsonObject): Problem[] {
  const problems: Problem[] = [];
  tooLong(problems, 'name', text(body.name), 100, 1);
  const minutes = body.auto_archive_duration;
  if (minutes !== undefined && !ARCHIVE_MINUTES.has(Number(minutes))) {
    problems.push({ rule: 'auto_archive_duration', detail: String(minutes) });
  }
  return problems;
}
