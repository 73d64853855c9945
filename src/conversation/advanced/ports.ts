/** What advanced mode needs from the lower layers: user items, multi-server runs, workflows. */
import type { Origin } from '../../catalog/collection.js';
import type { SaveMode } from '../../catalog/user-check.js';
import type { SaveResult } from '../../catalog/user-items.js';
import type { GroupEvent, GroupRequest, GroupView } from '../../jobs/groups/groups.js';
import type { StartOptions, WorkflowEvent } from '../../jobs/workflows/engine.js';
import type { Workflow } from '../../jobs/workflows/schema.js';
import type { WorkflowView } from '../../jobs/workflows/view.js';
import type { RunGroup, WorkflowRun } from '../../store/tables.js';

export interface UserItemsPort {
  save(raw: unknown, options: { source: 'chat'; mode: SaveMode }): Promise<SaveResult>;
  /** Where an item comes from: shipped, an operator's file, or a user item. */
  origin(name: string): Origin | undefined;
}

export interface GroupsPort {
  start(request: GroupRequest): Promise<{ groupId: number; done: Promise<RunGroup> }>;
  cancel(groupId: number): Promise<boolean>;
  rerunFailed(
    groupId: number,
    who: { actor: string },
  ): Promise<{ groupId: number; done: Promise<RunGroup>; servers: string[] }>;
  view(groupId: number): Promise<GroupView | undefined>;
  on(listener: (event: GroupEvent) => void): () => void;
}

export interface WorkflowsPort {
  list(): Workflow[];
  get(name: string): Workflow | undefined;
  start(
    name: string,
    options: StartOptions,
  ): Promise<{ runId: number; done: Promise<WorkflowRun> }>;
  cancel(runId: number): Promise<boolean>;
  view(runId: number): Promise<WorkflowView | undefined>;
  on(listener: (event: WorkflowEvent) => void): () => void;
}

export interface AdvancedPort {
  items: UserItemsPort;
  groups: GroupsPort;
  workflows: WorkflowsPort;
}
