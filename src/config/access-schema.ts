/** The `access:` section of jobdeck.yaml: admins, roles, grants, channels, approval, limits. */
import { z } from 'zod';

const DIFFICULTIES = ['basic', 'intermediate', 'advanced'] as const;
const words = z.array(z.string().min(1)).default([]);

/** `*` for every item, or the names, categories and difficulties a role or channel allows. */
export const itemSelectorSchema = z.union([
  z.literal('*'),
  z
    .object({ names: words, categories: words, difficulties: z.array(z.enum(DIFFICULTIES)) })
    .partial()
    .strict(),
]);

/** `*` for every server, or server names and labels. */
export const serverSelectorSchema = z.union([
  z.literal('*'),
  z.object({ names: words, labels: words }).partial().strict(),
]);

export const roleSchema = z
  .object({
    items: itemSelectorSchema.optional(),
    servers: serverSelectorSchema.optional(),
    schedule: z.boolean().default(false),
    cancel_others: z.boolean().default(false),
    pin: z.boolean().default(false),
    approve: z.boolean().default(false),
    edit_items: z.boolean().default(false),
  })
  .strict();

export const grantSchema = z
  .object({
    /** Slack user ids, or `*` for everyone in the workspace. */
    slack_users: words,
    slack_groups: words,
    /** Discord user ids, or `*` for everyone in the server. */
    discord_users: words,
    discord_roles: words,
  })
  .strict();

export const channelRuleSchema = z
  .object({
    channel: z
      .string()
      .regex(/^(slack|discord):\S+$/, 'expected platform:channel, such as slack:C0123ABCD'),
    items: itemSelectorSchema,
  })
  .strict();

const roleName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a role name such as ops');

export const accessSchema = z
  .object({
    admins: z
      .array(
        z.string().regex(/^(slack|discord|api):\S+$/, 'expected slack:USERID or discord:USERID'),
      )
      .default([]),
    roles: z.record(roleName, roleSchema).default({}),
    grants: z.record(roleName, grantSchema.prefault({})).default({}),
    channels: z.array(channelRuleSchema).default([]),
    approval: z
      .object({
        difficulties: z.array(z.enum(DIFFICULTIES)).default(['advanced']),
        items: words,
        /** Seconds a request waits for a decision. */
        expires_after: z.int().min(10).default(3600),
      })
      .strict()
      .prefault({}),
    /** Runs one user may start per minute; 0 for no limit. */
    rate_limit: z.int().min(0).default(10),
  })
  .strict()
  .superRefine((access, ctx) => {
    if ('admin' in access.roles)
      ctx.addIssue({
        code: 'custom',
        path: ['roles', 'admin'],
        message: 'admin is built in and may do everything; grant it under access.grants.admin',
      });
    const defined = Object.keys(access.roles).join(', ') || 'none';
    for (const role of Object.keys(access.grants)) {
      if (role !== 'admin' && !(role in access.roles))
        ctx.addIssue({
          code: 'custom',
          path: ['grants', role],
          message: `no role "${role}" under access.roles (roles: ${defined})`,
        });
    }
  });

export type AccessConfig = z.infer<typeof accessSchema>;
export type RoleConfig = z.infer<typeof roleSchema>;
export type ItemSelector = z.infer<typeof itemSelectorSchema>;
export type ServerSelector = z.infer<typeof serverSelectorSchema>;
