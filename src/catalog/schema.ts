/** The zod schema of a catalog file: categories, items and their parameters. */
import { z } from 'zod';

export const PARAMETER_TYPES = [
  'string',
  'number',
  'boolean',
  'select',
  'multiselect',
  'secret',
] as const;

export const DIFFICULTIES = ['basic', 'intermediate', 'advanced'] as const;

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected lower-case letters, digits and _ (max 64)');

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const optionSchema = z
  .object({ value: z.union([z.string(), z.number()]).transform(String), label: z.string().min(1) })
  .strict();

export const validationSchema = z
  .object({
    /** A regular expression the whole value must match (it is anchored for you). */
    pattern: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    minLength: z.int().min(0).optional(),
    maxLength: z.int().min(1).optional(),
    /** Numbers only: refuse fractions. */
    integer: z.boolean().optional(),
    /** Told to the user after the label when the value does not match `pattern`. */
    message: z.string().min(1).optional(),
  })
  .strict();

export const parameterSchema = z
  .object({
    name: identifier,
    type: z.enum(PARAMETER_TYPES),
    label: z.string().min(1).optional(),
    description: z.string().optional(),
    required: z.boolean().default(false),
    default: z.union([scalar, z.array(scalar)]).optional(),
    placeholder: z.string().optional(),
    warning: z.string().optional(),
    options: z.array(optionSchema).optional(),
    validation: validationSchema.optional(),
  })
  .strict();

export const categorySchema = z
  .object({
    name: identifier,
    display_name: z.string().min(1),
    description: z.string().default(''),
    icon: z.string().optional(),
    emoji: z.string().optional(),
    color: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour such as #2496ED')
      .optional(),
    sort_order: z.int().default(0),
  })
  .strict();

export const itemSchema = z
  .object({
    name: identifier,
    display_name: z.string().min(1),
    description: z.string().default(''),
    category: identifier,
    subcategory: z.string().optional(),
    icon: z.string().optional(),
    emoji: z.string().optional(),
    difficulty: z.enum(DIFFICULTIES).default('basic'),
    command: z.string().min(1),
    parameters: z.array(parameterSchema).default([]),
    required_capabilities: z.array(z.string().min(1)).default([]),
    os_filter: z
      .object({ distro: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
    default_timeout: z.int().min(1).max(86_400).default(300),
    default_retry_count: z.int().min(0).max(10).default(0),
    working_directory: z.string().optional(),
    environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
    success_title_template: z.string().optional(),
    success_body_template: z.string().optional(),
    failure_title_template: z.string().optional(),
    failure_body_template: z.string().optional(),
    ntfy_success_tags: z.array(z.string().min(1)).optional(),
    ntfy_failure_tags: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string().min(1)).default([]),
    sort_order: z.int().default(0),
    enabled: z.boolean().default(true),
    confirm: z.boolean().default(false),
  })
  .strict();

export const catalogFileSchema = z
  .object({
    // Each entry is validated on its own, so one bad entry does not hide the others.
    categories: z.array(z.unknown()).default([]),
    items: z.array(z.unknown()).default([]),
  })
  .strict();

export type Parameter = z.infer<typeof parameterSchema>;
export type ParameterType = (typeof PARAMETER_TYPES)[number];
export type Category = z.infer<typeof categorySchema>;
export type CatalogItem = z.infer<typeof itemSchema>;
export type Difficulty = (typeof DIFFICULTIES)[number];
