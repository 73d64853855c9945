/** `/jobs item new | edit | copy` and the editor form: user items made and changed in chat. */
import type { CatalogItem } from '../../catalog/schema.js';
import { audit, guardPermission, subjectOf } from '../guard.js';
import { closest, notice, problem } from '../handlers/answers.js';
import { type Button, type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';
import { fieldErrors, itemFields, itemFromForm, type Typed, typedFrom } from './item-form.js';
import type { AdvancedPort } from './ports.js';

/** The form's `value`: a new item, a copy of an item, or the user item being edited. */
const NEW = 'new';
const COPY = 'copy:';
const EDIT = 'edit:';

export function advancedOnly(turn: Turn, what: string): Screen {
  return screen(`${what} is part of advanced mode`, {
    emoji: '🧰',
    sections: [{ text: `Switch with \`/${turn.deps.commandName} mode advanced\`.` }],
    buttons: [{ label: 'Switch to advanced mode', action: 'mode.set', value: 'advanced' }],
    placement: 'new',
  });
}

function editorScreen(
  turn: Turn,
  target: string,
  typed: Typed,
  problems?: ReturnType<typeof fieldErrors>,
): Screen {
  const editing = target.startsWith(EDIT);
  const copying = target.startsWith(COPY) ? target.slice(COPY.length) : undefined;
  const title = editing
    ? `Edit ${target.slice(EDIT.length)}`
    : copying
      ? `Copy of ${copying}`
      : 'New catalog item';
  const count = Object.keys(problems?.errors ?? {}).length + (problems?.other.length ?? 0);
  const sections = [
    { text: 'Checked exactly like the shipped catalog. Parameters are a YAML list.' },
    ...(count > 0 ? [{ text: `Please fix ${count} problem${count > 1 ? 's' : ''} below.` }] : []),
    ...(problems?.other.length ? [{ text: problems.other.join('\n') }] : []),
  ];
  return screen(title, {
    emoji: '🛠️',
    sections,
    form: {
      action: 'edit.save',
      value: target,
      title: editing ? 'Edit item' : 'New item',
      submitLabel: 'Save',
      fields: itemFields(typed, turn.deps.catalog.categories(), problems?.errors),
    },
    buttons: [],
  });
}

async function mayEdit(turn: Turn, name?: string): Promise<AdvancedPort | undefined> {
  const advanced = turn.deps.advanced;
  if (!advanced) {
    await turn.show(problem('Not available', 'This jobdeck has no user items.'));
    return undefined;
  }
  if (turn.mode !== 'advanced') {
    await turn.show(advancedOnly(turn, 'Editing items'));
    return undefined;
  }
  const facts = { action: 'item.save' as const, itemName: name };
  const allowed = await guardPermission(
    turn,
    'edit_items',
    'You may not edit catalog items',
    facts,
  );
  return allowed ? advanced : undefined;
}

function unknownItem(turn: Turn, name: string): Screen {
  const names = turn.deps.catalog.items().map((i) => i.name);
  return problem(`Unknown job "${name}"`, closest(turn, name, names) || 'No item has that name.');
}

/** A form to copy an item (shipped ones too) into a new user item. */
export async function copyItem(turn: Turn, name: string, to?: string): Promise<void> {
  if (!(await mayEdit(turn))) return;
  const item = turn.deps.catalog.get(name);
  if (!item) return void (await turn.show(unknownItem(turn, name)));
  const copy = { ...item, name: to ?? `${name}_copy`.slice(0, 64) };
  const typed = typedFrom({ ...copy, display_name: `${item.display_name} (copy)` });
  await turn.show(editorScreen(turn, `${COPY}${name}`, typed));
}

export async function newItem(turn: Turn): Promise<void> {
  if (await mayEdit(turn)) await turn.show(editorScreen(turn, NEW, typedFrom(undefined)));
}

/** The editor for a user item; file and shipped items are offered as a copy instead. */
export async function editItem(turn: Turn, name: string): Promise<void> {
  const advanced = await mayEdit(turn, name);
  if (!advanced) return;
  const item = turn.deps.catalog.get(name);
  if (!item) return void (await turn.show(unknownItem(turn, name)));
  const origin = advanced.items.origin(name);
  if (origin?.user === undefined) {
    const why = origin?.shipped
      ? `${name} is shipped with jobdeck and cannot be changed in place.`
      : `${name} is defined in ${origin?.file ?? 'a catalog file'}; change it there.`;
    const copy: Button = { label: 'Copy it', action: 'edit.copy', value: name, style: 'primary' };
    const answer = problem(
      `Cannot edit ${item.display_name}`,
      why,
      'Copy it into an item of your own.',
    );
    return void (await turn.show({ ...answer, buttons: [copy] }));
  }
  await turn.show(editorScreen(turn, `${EDIT}${name}`, typedFrom(item)));
}

function savedScreen(turn: Turn, item: CatalogItem, change: string): Screen {
  return screen(`${change === 'added' ? 'Created' : 'Saved'} ${item.display_name}`, {
    emoji: '✅',
    tone: 'success',
    sections: [{ text: `\`${item.name}\` is in the catalog now.` }],
    fields: [
      { label: 'Category', value: item.category },
      { label: 'Parameters', value: item.parameters.map((p) => p.name).join(', ') || 'none' },
      { label: 'Timeout', value: `${item.default_timeout}s` },
    ],
    buttons: [
      { label: 'Run…', action: 'w.start', value: item.name, style: 'primary' },
      { label: 'Edit', action: 'edit.open', value: item.name },
    ],
    footer: `/${turn.deps.commandName} run ${item.name}`,
  });
}

/** The editor submitted: checked like a catalog file, saved, or shown again with its errors. */
export async function saveItem(turn: Turn, target: string, typed: Typed): Promise<void> {
  const editing = target.startsWith(EDIT) ? target.slice(EDIT.length) : undefined;
  const advanced = await mayEdit(turn, editing);
  if (!advanced) return;
  // A copy keeps what the form does not show: description, templates, environment, …
  const from = editing ?? (target.startsWith(COPY) ? target.slice(COPY.length) : undefined);
  const base = from === undefined ? undefined : turn.deps.catalog.get(from);
  const parsed = itemFromForm(typed, base);
  if (!parsed.ok) {
    const problems = { errors: { [parsed.field]: parsed.error }, other: [] };
    return void (await turn.show(editorScreen(turn, target, typed, problems)));
  }
  if (editing && parsed.raw.name !== editing) {
    const error = 'the name cannot change while editing; copy the item to give it a new name';
    return void (await turn.show(
      editorScreen(turn, target, typed, { errors: { name: error }, other: [] }),
    ));
  }
  const mode = editing ? 'replace' : 'create';
  const result = await advanced.items.save(parsed.raw, { source: 'chat', mode });
  if (!result.ok)
    return void (await turn.show(editorScreen(turn, target, typed, fieldErrors(result.problems))));
  await audit(turn, {
    action: 'item.save',
    outcome: 'ok',
    itemName: result.item.name,
    detail: result.change === 'changed' ? `changed ${result.fields.join(', ')}` : result.change,
  });
  await turn.show(savedScreen(turn, result.item, result.change));
}

/** In advanced mode, an item's page shows its raw command and offers Edit or Copy. */
export function advancedItemParts(turn: Turn, item: CatalogItem) {
  if (turn.mode !== 'advanced' || !turn.deps.advanced) return { sections: [], buttons: [] };
  const mine = turn.deps.advanced.items.origin(item.name)?.user !== undefined;
  const may = turn.deps.access.can(subjectOf(turn), 'edit_items').ok;
  const buttons: Button[] = may
    ? [
        mine
          ? { label: 'Edit', action: 'edit.open', value: item.name }
          : { label: 'Copy', action: 'edit.copy', value: item.name },
      ]
    : [];
  return { sections: [{ text: item.command, code: true }], buttons };
}

export function itemUsage(turn: Turn): Screen {
  const name = turn.deps.commandName;
  return notice(
    'Catalog items',
    `\`/${name} item new\`, \`/${name} item edit NAME\` or \`/${name} item copy NAME [NEW_NAME]\`.`,
  );
}
