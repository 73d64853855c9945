/** Brings any Screen within LIMITS, cutting with markers: the last step before an adapter. */
import { cap, capTail, LIMITS } from './limits.js';
import type { Button, ChoiceList, Form, Screen, Section } from './screen.js';

function fitSections(sections: Section[]): Section[] {
  let budget: number = LIMITS.sectionsTotal;
  const out: Section[] = [];
  for (const section of sections) {
    if (budget <= 0) break;
    const max = Math.min(LIMITS.section, budget);
    const text = section.code ? capTail(section.text, max) : cap(section.text, max);
    budget -= text.length;
    out.push({ ...section, text });
  }
  if (out.length < sections.length)
    out.push({ text: `(${sections.length - out.length} more not shown)` });
  return out;
}

function fitButton(button: Button): Button {
  const room = LIMITS.actionAndValue - button.action.length;
  if (button.value.length > room) {
    throw new Error(
      `button ${button.action}: value too long for a custom id (${button.value.length})`,
    );
  }
  return { ...button, label: cap(button.label, LIMITS.buttonLabel) };
}

function fitChoices(list: ChoiceList): ChoiceList {
  return {
    ...list,
    placeholder: cap(list.placeholder, LIMITS.placeholder),
    choices: list.choices.slice(0, LIMITS.choicesPerPage).map((choice) => ({
      ...choice,
      label: cap(choice.label, LIMITS.choiceLabel),
      description: choice.description
        ? cap(choice.description, LIMITS.choiceDescription)
        : undefined,
    })),
  };
}

function fitForm(form: Form): Form {
  return {
    ...form,
    title: cap(form.title, LIMITS.formFieldLabel),
    fields: form.fields.slice(0, LIMITS.formFields).map((field) => ({
      ...field,
      label: cap(field.label, LIMITS.formFieldLabel),
      placeholder: field.placeholder ? cap(field.placeholder, LIMITS.placeholder) : undefined,
      value:
        // A chosen option is an identifier: cut, it would match no option.
        typeof field.value === 'string' && !field.options
          ? cap(field.value, LIMITS.formFieldValue, '')
          : field.value,
    })),
  };
}

export function fitScreen(screen: Screen): Screen {
  const fields = screen.fields.slice(0, LIMITS.fields).map((f) => ({
    label: cap(f.label, LIMITS.fieldLabel),
    value: cap(f.value || '-', LIMITS.fieldValue),
  }));
  return {
    ...screen,
    title: cap(screen.title, LIMITS.title),
    sections: fitSections(screen.sections),
    fields,
    buttons: screen.buttons.slice(0, LIMITS.buttons).map(fitButton),
    choices: screen.choices ? fitChoices(screen.choices) : undefined,
    form: screen.form ? fitForm(screen.form) : undefined,
    footer: screen.footer ? cap(screen.footer, LIMITS.footer) : undefined,
  };
}
