/** One interaction being answered: who, the responder, the dependencies, and how to show. */
import type { Mode } from './advanced/mode.js';
import { fitScreen } from './fit.js';
import { actorKey, type Interaction } from './interaction.js';
import type { ConversationDeps } from './ports.js';
import type { Responder, ShownRef } from './responder.js';
import type { Screen } from './screen.js';

export interface Turn {
  readonly interaction: Interaction;
  readonly deps: ConversationDeps;
  /** `platform:user` of who acted. */
  readonly actor: string;
  /** The user's mode: basic lists basic items only. */
  readonly mode: Mode;
  show(screen: Screen): Promise<ShownRef | undefined>;
  update(ref: ShownRef, screen: Screen): Promise<void>;
  now(): number;
}

export function createTurn(
  interaction: Interaction,
  responder: Responder,
  deps: ConversationDeps,
  mode: Mode = 'basic',
): Turn {
  const named = deps.commandNames?.[interaction.actor.platform];
  return {
    interaction,
    deps: named && named !== deps.commandName ? { ...deps, commandName: named } : deps,
    actor: actorKey(interaction.actor),
    mode,
    show: (screen) => responder.show(fitScreen(screen)),
    update: (ref, screen) => responder.update(ref, fitScreen(screen)),
    now: deps.now ?? Date.now,
  };
}
