/** The five-step wizard: moves a session between steps and acts on each step's answer. */
import type { CatalogItem } from '../../catalog/schema.js';
import { withoutSecrets } from '../../jobs/definitions.js';
import { guardItem, usableServers } from '../guard.js';
import type { Values } from '../ports.js';
import type { Screen } from '../screen.js';
import { runOrConfirm } from '../start-run.js';
import type { Turn } from '../turn.js';
import { createFromWizard } from './create.js';
import { secretNames } from './form-fields.js';
import { readScheduleForm } from './schedule-choice.js';
import { selectStep } from './select-step.js';
import type { Step, WizardSessions, WizardState } from './sessions.js';
import { configureStep, notifyStep, scheduleStep, serverStep } from './steps.js';
import { vault } from './vault.js';

const ORDER: Step[] = ['select', 'configure', 'server', 'schedule', 'notify'];

export class Wizard {
  readonly #sessions: WizardSessions;

  constructor(sessions: WizardSessions) {
    this.#sessions = sessions;
  }

  /** Item of a session, or undefined when it has none (or it left the catalog). */
  item(turn: Turn, state: WizardState): CatalogItem | undefined {
    return state.data.itemName ? turn.deps.catalog.get(state.data.itemName) : undefined;
  }

  values(state: WizardState): Record<string, unknown> {
    return { ...(state.data.values ?? {}), ...vault.get(state.id) };
  }

  async screenFor(turn: Turn, state: WizardState): Promise<Screen> {
    const item = this.item(turn, state);
    if (state.step === 'select' || !item) return selectStep(turn, state);
    if (state.step === 'configure') return configureStep(item, state, this.values(state));
    if (state.step === 'server') return serverStep(turn, item, state);
    if (state.step === 'schedule') return scheduleStep(turn, state);
    const checked = turn.deps.params.validate(item, this.values(state));
    return checked.ok
      ? notifyStep(turn, item, state, checked.values)
      : configureStep(item, state, this.values(state), checked.errors);
  }

  async go(turn: Turn, state: WizardState, step: Step): Promise<void> {
    state.step = step;
    await this.#sessions.save(state);
    await this.show(turn, state);
  }

  /** Shows the step a session is at, as saved. */
  async show(turn: Turn, state: WizardState): Promise<void> {
    await turn.show(await this.screenFor(turn, state));
  }

  async back(turn: Turn, state: WizardState): Promise<void> {
    const item = this.item(turn, state);
    let at = Math.max(0, ORDER.indexOf(state.step) - 1);
    if (ORDER[at] === 'configure' && item && item.parameters.length === 0) at -= 1;
    await this.go(turn, state, ORDER[Math.max(0, at)] ?? 'select');
  }

  async chooseItem(turn: Turn, state: WizardState, name: string): Promise<void> {
    const item = turn.deps.catalog.get(name);
    if (!item) return this.go(turn, state, 'select');
    if (!(await guardItem(turn, item))) return;
    state.data.itemName = name;
    state.data.values = {};
    await this.afterItem(turn, state, item);
  }

  async afterItem(turn: Turn, state: WizardState, item: CatalogItem): Promise<void> {
    const checked = turn.deps.params.validate(item, this.values(state));
    if (item.parameters.length > 0 && (!checked.ok || !state.data.quick))
      return this.go(turn, state, 'configure');
    await this.afterParams(turn, state, item);
  }

  async submitParams(
    turn: Turn,
    state: WizardState,
    typed: Record<string, unknown>,
  ): Promise<void> {
    const item = this.item(turn, state);
    if (!item) return this.go(turn, state, 'select');
    const merged = { ...this.values(state), ...typed };
    const checked = turn.deps.params.validate(item, merged);
    state.data.values = withoutSecrets(item, merged);
    vault.put(state.id, Object.fromEntries(secretNames(item).map((n) => [n, merged[n]])));
    if (!checked.ok) {
      await this.#sessions.save(state);
      await turn.show(configureStep(item, state, merged, checked.errors));
      return;
    }
    await this.afterParams(turn, state, item);
  }

  async afterParams(turn: Turn, state: WizardState, item: CatalogItem): Promise<void> {
    const chosen = state.data.servers ?? [];
    if (state.data.quick && chosen.length > 0) return this.runQuick(turn, state, item);
    if (state.data.quick) {
      const servers = usableServers(turn, await turn.deps.servers.list());
      const fit = servers.filter((s) => turn.deps.compatibility(item, s).ok);
      if (fit.length === 1) {
        state.data.servers = [fit[0]!.name];
        return this.runQuick(turn, state, item);
      }
    }
    await this.go(turn, state, 'server');
  }

  async submitServers(turn: Turn, state: WizardState, picked: string[]): Promise<void> {
    const item = this.item(turn, state);
    if (!item) return this.go(turn, state, 'select');
    const servers = usableServers(turn, await turn.deps.servers.list());
    const fit = new Set(
      servers.filter((s) => turn.deps.compatibility(item, s).ok).map((s) => s.name),
    );
    const wrong = picked.filter((name) => !fit.has(name));
    if (picked.length === 0 || wrong.length > 0) {
      const error =
        picked.length === 0 ? 'Choose at least one server' : `Cannot run on ${wrong.join(', ')}`;
      await turn.show(await serverStep(turn, item, state, error));
      return;
    }
    state.data.servers = picked;
    if (state.data.quick) return this.runQuick(turn, state, item);
    await this.go(turn, state, 'schedule');
  }

  async submitSchedule(
    turn: Turn,
    state: WizardState,
    values: Record<string, unknown>,
  ): Promise<void> {
    const read = readScheduleForm(values, turn.deps.cron);
    state.data.schedule = read.choice;
    const item = this.item(turn, state);
    const secrets = item ? secretNames(item) : [];
    const errors = read.ok ? {} : read.errors;
    if (read.choice.kind !== 'now' && secrets.length > 0) {
      errors.when =
        `This job takes a secret (${secrets.join(', ')}), which jobdeck never stores, ` +
        'so it can only run now';
    }
    if (Object.keys(errors).length > 0) {
      await this.#sessions.save(state);
      await turn.show(scheduleStep(turn, state, errors));
      return;
    }
    await this.go(turn, state, 'notify');
  }

  async submitNotify(
    turn: Turn,
    state: WizardState,
    values: Record<string, unknown>,
  ): Promise<void> {
    const item = this.item(turn, state);
    if (!item) return this.go(turn, state, 'select');
    const channels = values.channels;
    state.data.notify = {
      onFailure: String(values.on_failure ?? 'true') === 'true',
      onSuccess: String(values.on_success ?? 'false') === 'true',
      channels: (Array.isArray(channels) ? channels : channels ? [channels] : []).map(String),
    };
    const checked = turn.deps.params.validate(item, this.values(state));
    if (!checked.ok) return this.go(turn, state, 'configure');
    await this.#sessions.save(state);
    await this.finish(turn, state, item, checked.values);
  }

  async finish(turn: Turn, state: WizardState, item: CatalogItem, values: Values): Promise<void> {
    await this.end(state.id);
    await createFromWizard(turn, this.#sessions, state, item, values);
  }

  async runQuick(turn: Turn, state: WizardState, item: CatalogItem): Promise<void> {
    const checked = turn.deps.params.validate(item, this.values(state));
    if (!checked.ok) return this.go(turn, state, 'configure');
    await this.end(state.id);
    const quick = state.data.quick ?? { trigger: 'manual' };
    const plan = { item, servers: state.data.servers ?? [], values: checked.values, ...quick };
    await runOrConfirm(turn, this.#sessions, plan);
  }

  async end(id: string): Promise<void> {
    vault.drop(id);
    await this.#sessions.end(id);
  }
}
