/** Catalog items, categories and servers as the API shows them, with their zod shapes. */
import { z } from 'zod';
import type { CatalogItem, Category, Parameter } from '../catalog/schema.js';
import type { ServerState } from '../jobs/servers.js';
import { isDangerous } from './links.js';

export const isoTime = z.string().describe('ISO 8601 time');

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const parameterView = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'boolean', 'select', 'multiselect', 'secret']),
  label: z.string(),
  description: z.string().optional(),
  required: z.boolean(),
  default: z.union([scalar, z.array(scalar)]).optional(),
  placeholder: z.string().optional(),
  warning: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  validation: z.record(z.string(), z.unknown()).optional(),
});

export const itemView = z.object({
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  category: z.string(),
  difficulty: z.enum(['basic', 'intermediate', 'advanced']),
  emoji: z.string().optional(),
  tags: z.array(z.string()),
  parameters: z.array(parameterView),
  required_capabilities: z.array(z.string()),
  os_filter: z.array(z.string()).optional(),
  default_timeout: z.int(),
  /** Quick runs of this item must send `"confirm": true`. */
  dangerous: z.boolean(),
  favorite: z.boolean(),
});

export const categoryView = z.object({
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  emoji: z.string().optional(),
  items: z.int(),
});

export const serverView = z.object({
  name: z.string(),
  host: z.string(),
  transport: z.enum(['ssh', 'local']),
  labels: z.array(z.string()),
  capabilities: z.array(z.string()),
  distro: z.string().nullable(),
  distro_version: z.string().nullable(),
  reachable: z.boolean().nullable(),
  probed_at: isoTime.nullable(),
  last_error: z.string().nullable(),
});

export type ItemView = z.infer<typeof itemView>;
export type ServerView = z.infer<typeof serverView>;

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function parameterOf(param: Parameter): z.infer<typeof parameterView> {
  return defined({
    name: param.name,
    type: param.type,
    label: param.label ?? param.name,
    description: param.description,
    required: param.required,
    default: param.type === 'secret' ? undefined : param.default,
    placeholder: param.placeholder,
    warning: param.warning,
    options: param.options?.map((o) => ({ value: o.value, label: o.label })),
    validation: param.validation,
  });
}

export function itemOf(item: CatalogItem, favorite: boolean): ItemView {
  return defined({
    name: item.name,
    display_name: item.display_name,
    description: item.description,
    category: item.category,
    difficulty: item.difficulty,
    emoji: item.emoji,
    tags: [...item.tags],
    parameters: item.parameters.map(parameterOf),
    required_capabilities: [...item.required_capabilities],
    os_filter: item.os_filter ? [...item.os_filter.distro] : undefined,
    default_timeout: item.default_timeout,
    dangerous: isDangerous(item),
    favorite,
  });
}

export function categoryOf(category: Category, items: number): z.infer<typeof categoryView> {
  return defined({
    name: category.name,
    display_name: category.display_name,
    description: category.description,
    emoji: category.emoji,
    items,
  });
}

export function serverOf(state: ServerState): ServerView {
  return {
    name: state.name,
    host: state.host,
    transport: state.transport,
    labels: [...state.labels],
    capabilities: [...state.capabilities],
    distro: state.distro,
    distro_version: state.distroVersion,
    reachable: state.reachable,
    probed_at: iso(state.probedAt),
    last_error: state.lastError,
  };
}
