/** What a user does in Discord (commands, typing, clicks, modal submits), as interactions. */
import { type CommandInput, commandData, findCommand } from './command-data.js';
import type { Settings } from './context.js';
import type { Actor, InteractionDispatcher } from './dispatcher.js';
import type { InteractionHandle } from './handle.js';
import type { FakeState } from './state.js';
import type { JsonObject, StoredMessage } from './types.js';
import { componentPartial, type ModalValues, modalSubmitData } from './ui-data.js';

export class UserActions {
  constructor(
    private readonly state: FakeState,
    private readonly settings: Settings,
    private readonly dispatcher: InteractionDispatcher,
    private readonly defaultGuildId: string,
  ) {}

  slashCommand(name: string, input: CommandInput & Actor): InteractionHandle {
    const guildId = this.registered(name, input);
    const data = commandData(this.state, name, input, guildId);
    return this.dispatcher.dispatch({ type: 2, data }, input);
  }

  autocomplete(name: string, focused: string, input: CommandInput & Actor): InteractionHandle {
    const guildId = this.registered(name, input);
    if (input.options?.[focused] === undefined) throw new Error(`give a value for "${focused}"`);
    const data = commandData(this.state, name, input, guildId, focused);
    return this.dispatcher.dispatch({ type: 4, data }, input);
  }

  component(
    message: StoredMessage | string,
    customId: string,
    values: string[] | undefined,
    actor: Actor | undefined,
  ): InteractionHandle {
    const stored = this.stored(message);
    const guildId = this.state.channels.get(stored.channelId)?.guildId ?? null;
    const where: Actor = { channelId: stored.channelId, guildId, ...actor };
    return this.dispatcher.dispatch(componentPartial(stored, customId, values), where);
  }

  submitModal(opener: InteractionHandle, values: ModalValues, actor?: Actor): InteractionHandle {
    const record = opener.recordForFake();
    if (!record.modal) throw new Error(`interaction ${record.id} showed no modal`);
    const partial: JsonObject & { type: number } = {
      type: 5,
      data: modalSubmitData(record.modal, values),
    };
    const source = record.payload.message as JsonObject | undefined;
    const current = source ? this.state.messages.get(String(source.id)) : undefined;
    if (source) partial.message = current?.data ?? source;
    const where = { channelId: record.channelId, guildId: record.guildId };
    return this.dispatcher.dispatch(partial, { ...where, ...actor });
  }

  private stored(message: StoredMessage | string): StoredMessage {
    const id = typeof message === 'string' ? message : message.id;
    const found = this.state.messages.get(id);
    if (!found || found.deleted) throw new Error(`no message ${id} to interact with`);
    return found;
  }

  private registered(name: string, actor: Actor): string | null {
    const guildId = actor.guildId === undefined ? this.defaultGuildId : actor.guildId;
    if (this.settings.requireRegisteredCommands && !findCommand(this.state, name, guildId)) {
      throw new Error(`/${name} is not registered, so Discord would not offer it`);
    }
    return guildId;
  }
}
