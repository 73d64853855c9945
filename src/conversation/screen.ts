/** The neutral Screen the conversation answers with; adapters render it, never reshape it. */

export type ButtonStyle = 'primary' | 'danger';

export interface Confirm {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

export interface Button {
  label: string;
  /** Short action name, such as `run.again`; with `value` it fits a 100-character custom id. */
  action: string;
  value: string;
  style?: ButtonStyle;
  confirm?: Confirm;
}

export interface Choice {
  value: string;
  label: string;
  description?: string;
  /** Shown but not selectable, with the reason in the description. */
  disabled?: boolean;
}

export interface ChoiceList {
  action: string;
  value: string;
  placeholder: string;
  choices: Choice[];
  multi?: boolean;
  /** Values chosen already (a prefilled multi-select). */
  selected?: string[];
}

export type FieldType = 'string' | 'number' | 'boolean' | 'select' | 'multiselect' | 'secret';

export interface FormField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  description?: string;
  placeholder?: string;
  warning?: string;
  /** What the field shows when opened: the default, or what the user typed last time. */
  value?: string | string[];
  options?: { value: string; label: string }[];
  error?: string;
  multiline?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface Form {
  action: string;
  value: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
}

export interface Section {
  text: string;
  /** Render as a monospaced block (output). */
  code?: boolean;
}

export interface Attachment {
  filename: string;
  content: string;
}

export interface Screen {
  title: string;
  emoji?: string;
  sections: Section[];
  fields: { label: string; value: string }[];
  choices?: ChoiceList;
  buttons: Button[];
  form?: Form;
  /** Only the user who acted sees it, or the whole channel. */
  visibility: 'user' | 'channel';
  /**
   * Replace the screen the action came from, post a new message in the channel, or post in
   * the thread of the message acted on (starting one when there is none).
   */
  placement: 'replace' | 'new' | 'thread';
  /** Long output offered as a file where the platform attaches files. */
  attachment?: Attachment;
  /** A run's status, so adapters can colour it. */
  tone?: 'info' | 'success' | 'failure' | 'running' | 'warning';
  /** Footer line: ids, hints. */
  footer?: string;
}

export function screen(title: string, parts: Partial<Screen> = {}): Screen {
  return {
    title,
    sections: [],
    fields: [],
    buttons: [],
    visibility: 'user',
    placement: 'replace',
    ...parts,
  };
}
