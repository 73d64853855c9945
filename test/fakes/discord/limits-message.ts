/** Discord's limits on message payloads: content, embeds, action rows, buttons and selects. */
import type { Json, JsonObject } from './types.js';

export interface Problem {
  rule: string;
  detail: string;
}

const COMPONENTS_V2 = 1 << 15;
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

export function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value)
    ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null)
    : [];
}

export function tooLong(
  problems: Problem[],
  rule: string,
  value: Json | undefined,
  max: number,
  min = 0,
): void {
  const length = text(value).length;
  if (typeof value === 'string' && (length > max || length < min)) {
    problems.push({ rule, detail: `${length} characters, allowed ${min}-${max}` });
  }
}

/** Every limit a message create or edit payload breaks. */
export function checkMessage(body: JsonObject): Problem[] {
  const problems: Problem[] = [];
  tooLong(problems, 'content', body.content, 2000);
  checkEmbeds(problems, objects(body.embeds));
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const components = objects(body.components);
  if ((flags & COMPONENTS_V2) !== 0) {
    const count = countComponents(components);
    if (count > 40) problems.push({ rule: 'components.total', detail: `${count} > 40` });
  } else {
    checkActionRows(problems, components);
  }
  checkCustomIds(problems, components, 'message');
  return problems;
}

function checkEmbeds(problems: Problem[], embeds: JsonObject[]): void {
  if (embeds.length > 10) problems.push({ rule: 'embeds', detail: `${embeds.length} > 10` });
  let total = 0;
  embeds.forEach((embed, i) => {
    const fields = objects(embed.fields);
    const footer = (embed.footer ?? {}) as JsonObject;
    const author = (embed.author ?? {}) as JsonObject;
    tooLong(problems, `embeds[${i}].title`, embed.title, 256);
    tooLong(problems, `embeds[${i}].description`, embed.description, 4096);
    tooLong(problems, `embeds[${i}].footer.text`, footer.text, 2048);
    tooLong(problems, `embeds[${i}].author.name`, author.name, 256);
    if (fields.length > 25) {
      problems.push({ rule: `embeds[${i}].fields`, detail: `${fields.length} > 25` });
    }
    fields.forEach((field, j) => {
      tooLong(problems, `embeds[${i}].fields[${j}].name`, field.name, 256, 1);
      tooLong(problems, `embeds[${i}].fields[${j}].value`, field.value, 1024, 1);
      total += text(field.name).length + text(field.value).length;
    });
    total += text(embed.title).length + text(embed.description).length;
    total += text(footer.text).length + text(author.name).length;
  });
  if (total > 6000) problems.push({ rule: 'embeds.total', detail: `${total} > 6000` });
}

function checkActionRows(problems: Problem[], rows: JsonObject[]): void {
  if (rows.length > 5) problems.push({ rule: 'components.rows', detail: `${rows.length} > 5` });
  rows.forEach((row, i) => {
    if (row.type !== 1) {
      problems.push({ rule: `components[${i}].type`, detail: `top level must be an action row` });
      return;
    }
    const inner = objects(row.components);
    const selects = inner.filter((c) => SELECT_TYPES.has(Number(c.type)));
    if (selects.length > 0 && inner.length > 1) {
      problems.push({ rule: `components[${i}]`, detail: 'a select must be alone in its row' });
    }
    if (inner.length > 5 || inner.length === 0) {
      problems.push({ rule: `components[${i}].buttons`, detail: `${inner.length}, allowed 1-5` });
    }
    inner.forEach((c, j) => {
      checkInteractive(problems, c, `components[${i}][${j}]`);
    });
  });
}

/** Checks one button or select, wherever it sits. */
export function checkInteractive(problems: Problem[], c: JsonObject, where: string): void {
  if (c.type === 2) {
    tooLong(problems, `${where}.label`, c.label, 80);
    if (c.style === LINK_STYLE && typeof c.url !== 'string') {
      problems.push({ rule: `${where}.url`, detail: 'a link button needs a url' });
    }
  }
  if (c.type === 3) checkStringSelect(problems, c, where);
  if (SELECT_TYPES.has(Number(c.type)))
    tooLong(problems, `${where}.placeholder`, c.placeholder, 150);
}

function checkStringSelect(problems: Problem[], select: JsonObject, where: string): void {
  const options = objects(select.options);
  if (options.length < 1 || options.length > 25) {
    problems.push({ rule: `${where}.options`, detail: `${options.length}, allowed 1-25` });
  }
  options.forEach((option, k) => {
    tooLong(problems, `${where}.options[${k}].label`, option.label, 100, 1);
    tooLong(problems, `${where}.options[${k}].value`, option.value, 100, 1);
    tooLong(problems, `${where}.options[${k}].description`, option.description, 100);
  });
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (max > 25 || max > options.length) {
    problems.push({ rule: `${where}.max_values`, detail: `${max} with ${options.length} options` });
  }
}

/** Every component needing a custom_id has one of 1-100 characters, unique in its message. */
export function checkCustomIds(problems: Problem[], components: JsonObject[], where: string): void {
  const seen = new Set<string>();
  for (const c of flatten(components)) {
    const needsId = c.type !== 2 || (c.style !== LINK_STYLE && c.style !== PREMIUM_STYLE);
    if (!isInteractive(c) || !needsId) continue;
    const id = text(c.custom_id);
    if (id.length < 1 || id.length > 100) {
      problems.push({
        rule: `${where}.custom_id`,
        detail: `${id.length} characters, allowed 1-100`,
      });
    }
    if (seen.has(id)) problems.push({ rule: `${where}.custom_id`, detail: `duplicate "${id}"` });
    seen.add(id);
  }
}

function isInteractive(c: JsonObject): boolean {
  return c.type === 2 || c.type === 4 || SELECT_TYPES.has(Number(c.type));
}

/** Every component, nested ones included (rows, labels, containers, section accessories). */
export function flatten(components: JsonObject[]): JsonObject[] {
  return components.flatMap((c) => [
    c,
    ...flatten(objects(c.components)),
    ...(c.component ? flatten([c.component as JsonObject]) : []),
    ...(c.accessory ? flatten([c.accessory as JsonObject]) : []),
  ]);
}

function countComponents(components: JsonObject[]): number {
  return flatten(components).length;
}
