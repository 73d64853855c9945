/** Block Kit, message and modal limits from PLATFORM-LIMITS.md, checked loosely and cheaply. */
import type { Json, Violation } from './types.js';

type Report = (rule: string, detail: string) => void;

const MAX = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  buttonValue: 2000,
  url: 3000,
  selectOptions: 100,
  choiceOptions: 10,
  optionText: 75,
  optionValue: 75,
  placeholder: 150,
  inputLength: 3000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  viewBytes: 250_000,
} as const;

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'text' in value) return String(value.text ?? '');
  return '';
}

function over(report: Report, rule: string, value: unknown, max: number, where: string): void {
  const length = textOf(value).length;
  if (length > max) report(rule, `${where}: ${length} characters, limit ${max}`);
}

function asBlocks(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function checkConfirm(confirm: unknown, at: string, report: Report): void {
  if (!confirm || typeof confirm !== 'object') return;
  const dialog = confirm as Json;
  over(report, 'confirm_title_length', dialog.title, 100, at);
  over(report, 'confirm_text_length', dialog.text, 300, at);
  over(report, 'confirm_button_length', dialog.confirm, 30, at);
  over(report, 'confirm_button_length', dialog.deny, 30, at);
}

function checkOptions(options: Json[], at: string, report: Report): void {
  for (const option of options) {
    over(report, 'option_text_length', option.text, MAX.optionText, at);
    over(report, 'option_text_length', option.description, MAX.optionText, at);
    over(report, 'option_value_length', option.value, MAX.optionValue, at);
  }
}

function checkSelect(element: Json, at: string, report: Report): void {
  const options = asBlocks(element.options);
  const groups = asBlocks(element.option_groups);
  const limit = /checkboxes|radio_buttons/.test(String(element.type))
    ? MAX.choiceOptions
    : MAX.selectOptions;
  if (options.length > limit) report('options_max', `${at}: ${options.length} options > ${limit}`);
  if (groups.length > limit) report('options_max', `${at}: ${groups.length} groups > ${limit}`);
  const all = [...options, ...groups.flatMap((group) => asBlocks(group.options))];
  checkOptions(all, at, report);
  const values = new Set(all.map((option) => option.value));
  const initial = [
    ...(element.initial_option ? [element.initial_option as Json] : []),
    ...asBlocks(element.initial_options),
  ];
  for (const option of initial) {
    if (!values.has(option.value)) report('initial_option_unknown', `${at}: ${option.value}`);
  }
}

function checkElement(element: Json, at: string, report: Report): void {
  over(report, 'action_id_length', element.action_id, MAX.actionId, at);
  over(report, 'placeholder_length', element.placeholder, MAX.placeholder, at);
  checkConfirm(element.confirm, at, report);
  const type = String(element.type);
  if (type === 'button') {
    over(report, 'button_text_length', element.text, MAX.buttonText, at);
    over(report, 'button_value_length', element.value, MAX.buttonValue, at);
    over(report, 'url_length', element.url, MAX.url, at);
    if (element.style !== undefined && !['primary', 'danger'].includes(String(element.style))) {
      report('button_style', `${at}: ${String(element.style)}`);
    }
  } else if (type.includes('select') || type === 'checkboxes' || type === 'radio_buttons') {
    checkSelect(element, at, report);
  } else if (type === 'plain_text_input') {
    if (Number(element.max_length ?? 0) > MAX.inputLength) {
      report('max_length', `${at}: ${String(element.max_length)} > ${MAX.inputLength}`);
    }
    over(report, 'initial_value_length', element.initial_value, MAX.inputLength, at);
  } else if (type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean') {
    report('number_input_is_decimal_allowed', `${at}: is_decimal_allowed is required`);
  }
}

function checkBlock(block: Json, at: string, report: Report): void {
  over(report, 'block_id_length', block.block_id, MAX.blockId, at);
  const type = String(block.type);
  if (type === 'section') {
    over(report, 'section_text_length', block.text, MAX.sectionText, at);
    const fields = asBlocks(block.fields);
    if (fields.length > MAX.fields) report('fields_max', `${at}: ${fields.length} fields`);
    for (const field of fields) over(report, 'field_text_length', field, MAX.fieldText, at);
    if (block.accessory) checkElement(block.accessory as Json, `${at}.accessory`, report);
  } else if (type === 'header') {
    over(report, 'header_text_length', block.text, MAX.headerText, at);
  } else if (type === 'actions' || type === 'context') {
    const elements = asBlocks(block.elements);
    const max = type === 'actions' ? MAX.actionsElements : MAX.contextElements;
    if (elements.length > max) report(`${type}_elements_max`, `${at}: ${elements.length}`);
    if (type !== 'actions') return;
    for (const [i, element] of elements.entries()) {
      checkElement(element, `${at}.elements[${i}]`, report);
    }
  } else if (type === 'input' && block.element) {
    over(report, 'label_length', block.label, 2000, at);
    checkElement(block.element as Json, `${at}.element`, report);
  }
}

function checkBlockList(blocks: Json[], max: number, where: string, report: Report): void {
  if (blocks.length > max) report('blocks_max', `${where}: ${blocks.length} blocks, limit ${max}`);
  const seen = new Set<unknown>();
  blocks.forEach((block, index) => {
    if (block.block_id !== undefined && seen.has(block.block_id)) {
      report('block_id_duplicate', `${where}.blocks[${index}]: ${String(block.block_id)}`);
    }
    seen.add(block.block_id);
    checkBlock(block, `${where}.blocks[${index}]`, report);
  });
}

function collector(where: string): { list: Violation[]; report: Report } {
  const list: Violation[] = [];
  return { list, report: (rule, detail) => list.push({ where, rule, detail }) };
}

/** Problems with a message's text and blocks (chat.postMessage, chat.update, ephemerals). */
export function messageViolations(where: string, args: Json): Violation[] {
  const { list, report } = collector(where);
  const blocks = asBlocks(args.blocks);
  if (!args.text && blocks.length === 0 && !args.attachments)
    report('no_text', 'no text or blocks');
  over(report, 'text_length', args.text, MAX.messageText, 'text');
  checkBlockList(blocks, MAX.messageBlocks, 'message', report);
  return list;
}

/** Problems with a modal (views.open, views.update, views.push, response_action views). */
export function viewViolations(where: string, view: Json): Violation[] {
  const { list, report } = collector(where);
  const blocks = asBlocks(view.blocks);
  if (view.type !== 'modal') report('view_type', `type ${String(view.type)}, expected modal`);
  if (!textOf(view.title)) report('modal_title_missing', 'a modal needs a title');
  over(report, 'modal_title_length', view.title, MAX.modalTitle, 'title');
  over(report, 'modal_button_length', view.submit, MAX.modalButton, 'submit');
  over(report, 'modal_button_length', view.close, MAX.modalButton, 'close');
  over(report, 'private_metadata_length', view.private_metadata, MAX.privateMetadata, 'metadata');
  over(report, 'callback_id_length', view.callback_id, MAX.callbackId, 'callback_id');
  if (blocks.some((block) => block.type === 'input') && !view.submit) {
    report('modal_submit_missing', 'a modal with input blocks needs a submit button');
  }
  const bytes = Buffer.byteLength(JSON.stringify(view));
  if (bytes > MAX.viewBytes) report('view_too_large', `${bytes} bytes`);
  checkBlockList(blocks, MAX.viewBlocks, 'view', report);
  return list;
}
