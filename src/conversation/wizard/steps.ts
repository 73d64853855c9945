/** Steps 2 to 5 as screens: configure, server, schedule, notify (with previews). */
import type { CatalogItem } from '../../catalog/schema.js';
import { inZone, itemLabel, valuesLine } from '../format.js';
import { usableServers } from '../guard.js';
import type { Values } from '../ports.js';
import { type FormField, type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';
import { parameterFields } from './form-fields.js';
import { cronOf, WEEKDAYS } from './schedule-choice.js';
import { navButtons, stepTitle } from './select-step.js';
import type { WizardState } from './sessions.js';

export function configureStep(
  item: CatalogItem,
  state: WizardState,
  typed: Record<string, unknown>,
  errors: Record<string, string> = {},
): Screen {
  const problems = Object.keys(errors).length;
  return screen(stepTitle(2, `set up ${item.display_name}`), {
    emoji: item.emoji,
    sections: [
      { text: item.description || itemLabel(item) },
      ...(problems > 0
        ? [{ text: `Please fix ${problems} field${problems > 1 ? 's' : ''} below.` }]
        : []),
    ],
    form: {
      action: 'w.params',
      value: state.id,
      title: item.display_name,
      submitLabel: 'Next',
      fields: parameterFields(item, typed, errors),
    },
    buttons: navButtons(state),
  });
}

export async function serverStep(
  turn: Turn,
  item: CatalogItem,
  state: WizardState,
  error?: string,
): Promise<Screen> {
  const servers = usableServers(turn, await turn.deps.servers.list());
  const checked = servers.map((server) => ({ server, fit: turn.deps.compatibility(item, server) }));
  const good = checked.filter((c) => c.fit.ok);
  const bad = checked.filter((c) => !c.fit.ok);
  const sections = bad.map((c) => ({ text: `🚫 ${c.server.name}: ${c.fit.message}` }));
  if (good.length === 0) {
    return screen(stepTitle(3, 'choose servers'), {
      sections: [
        {
          text:
            servers.length > 0
              ? `No configured server can run ${item.display_name}.`
              : 'None of your roles allows a server. An admin can add some under ' +
                'access.roles.<role>.servers in jobdeck.yaml.',
        },
        ...sections,
      ],
      buttons: navButtons(state),
    });
  }
  const chosen = (state.data.servers ?? []).filter((name) =>
    good.some((g) => g.server.name === name),
  );
  const field: FormField = {
    name: 'servers',
    label: 'Servers',
    type: 'multiselect',
    required: true,
    description: 'Compatible servers; choose one or more.',
    value: chosen.length > 0 ? chosen : good.length === 1 ? [good[0]!.server.name] : [],
    options: good.map(({ server }) => ({
      value: server.name,
      label: `${server.name} (${server.capabilities.join(', ') || server.transport})`,
    })),
    error,
  };
  return screen(stepTitle(3, 'choose servers'), {
    sections: sections.length > 0 ? [{ text: 'Not compatible:' }, ...sections] : [],
    form: {
      action: 'w.servers',
      value: state.id,
      title: 'Servers',
      submitLabel: 'Next',
      fields: [field],
    },
    buttons: navButtons(state),
  });
}

export function scheduleStep(
  turn: Turn,
  state: WizardState,
  errors: Record<string, string> = {},
): Screen {
  const s = state.data.schedule ?? { kind: 'now', timezone: turn.deps.timezone };
  const fields: FormField[] = [
    {
      name: 'when',
      label: 'When',
      type: 'select',
      required: true,
      value: s.kind,
      options: [
        { value: 'now', label: 'Now, once' },
        { value: 'hourly', label: 'Every hour' },
        { value: 'daily', label: 'Every day' },
        { value: 'weekly', label: 'Every week' },
        { value: 'monthly', label: 'Every month' },
        { value: 'cron', label: 'Cron expression' },
      ],
      error: errors.when,
    },
    {
      name: 'time',
      label: 'Time (HH:MM)',
      type: 'string',
      required: false,
      value: s.time ?? '03:00',
      placeholder: '03:00',
      error: errors.time,
    },
    {
      name: 'weekday',
      label: 'Day of week (weekly)',
      type: 'select',
      required: false,
      value: s.weekday ?? 'mon',
      options: WEEKDAYS.map((d) => ({ value: d, label: d })),
      error: errors.weekday,
    },
    {
      name: 'day',
      label: 'Day of month (monthly)',
      type: 'number',
      required: false,
      value: s.day ?? '1',
      min: 1,
      max: 31,
      error: errors.day,
    },
    {
      name: 'cron',
      label: 'Cron expression',
      type: 'string',
      required: false,
      value: s.cron,
      placeholder: '0 3 * * 1-5',
      error: errors.cron,
    },
    {
      name: 'timezone',
      label: 'Time zone',
      type: 'string',
      required: true,
      value: s.timezone,
      error: errors.timezone,
    },
  ];
  return screen(stepTitle(4, 'when to run'), {
    sections: [
      { text: 'Run it now, or on a schedule. Hourly runs at the minute of the time given.' },
    ],
    form: { action: 'w.when', value: state.id, title: 'Schedule', submitLabel: 'Next', fields },
    buttons: navButtons(state),
  });
}

function scheduleSummary(turn: Turn, state: WizardState): string {
  const s = state.data.schedule;
  if (!s || s.kind === 'now') return 'Runs now, once.';
  const described = turn.deps.cron.describe(cronOf(s), s.timezone, 3);
  if (!described.ok) return `Schedule: ${described.error}`;
  const next = described.next.map((d) => inZone(d, s.timezone)).join('; ');
  return `Schedule: ${described.description} (${s.timezone}). Next runs: ${next}`;
}

export function notifyStep(
  turn: Turn,
  item: CatalogItem,
  state: WizardState,
  values: Values,
): Screen {
  const n = state.data.notify ?? { onFailure: true, onSuccess: false, channels: [] };
  const fields: FormField[] = [
    {
      name: 'on_failure',
      label: 'Notify on failure',
      type: 'boolean',
      required: false,
      value: String(n.onFailure),
    },
    {
      name: 'on_success',
      label: 'Notify on success',
      type: 'boolean',
      required: false,
      value: String(n.onSuccess),
    },
  ];
  if (turn.deps.channels.length > 0) {
    fields.push({
      name: 'channels',
      label: 'Channels',
      type: 'multiselect',
      required: false,
      value: n.channels,
      options: turn.deps.channels.map((c) => ({ value: c, label: c })),
    });
  }
  const servers = (state.data.servers ?? []).join(', ');
  const failure = turn.deps.notifyPreview(item, 'failure', values, state.data.servers?.[0]);
  const success = turn.deps.notifyPreview(item, 'success', values, state.data.servers?.[0]);
  const now = state.data.schedule?.kind === 'now' || !state.data.schedule;
  return screen(stepTitle(5, 'notifications'), {
    sections: [
      {
        text: `${itemLabel(item)} on ${servers}. ${scheduleSummary(turn, state)}`,
      },
      { text: turn.deps.params.preview(item, values), code: true },
      { text: `On failure: ${failure.title}\n${failure.body}` },
      { text: `On success: ${success.title}\n${success.body}` },
      ...(turn.deps.channels.length === 0
        ? [{ text: 'No notification channels are configured: results go to this chat only.' }]
        : []),
    ],
    fields: [{ label: 'Parameters', value: valuesLine(turn.deps.params.mask(item, values)) }],
    form: {
      action: 'w.notify',
      value: state.id,
      title: 'Notifications',
      submitLabel: now ? 'Run now' : 'Create schedule',
      fields,
    },
    buttons: navButtons(state),
  });
}
