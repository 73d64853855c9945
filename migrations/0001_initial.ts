/** The first schema: every table DESIGN.md lists. Never edit once released; add a migration. */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types
type Db = Kysely<any>;

const now = sql`(CAST(strftime('%s','now') AS INTEGER) * 1000)`;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('icon', 'text')
    .addColumn('emoji', 'text')
    .addColumn('color', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('system', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('catalog_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'text', (c) => c.notNull().defaultTo('basic'))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('system', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'integer', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('favorites')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('favorites_owner_item', ['owner', 'item_name'])
    .execute();

  await db.schema
    .createTable('servers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull().defaultTo(22))
    .addColumn('user', 'text')
    .addColumn('transport', 'text', (c) => c.notNull().defaultTo('ssh'))
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('host_key', 'text')
    .addColumn('distro', 'text')
    .addColumn('distro_version', 'text')
    .addColumn('reachable', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('probed_at', 'integer')
    .addColumn('updated_at', 'integer', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('server_capabilities')
    .addColumn('server_name', 'text', (c) =>
      c.notNull().references('servers.name').onDelete('cascade'),
    )
    .addColumn('capability', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'integer', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('server_capabilities_pk', ['server_name', 'capability'])
    .execute();

  await db.schema
    .createTable('job_definitions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('servers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('overlap', 'text', (c) => c.notNull().defaultTo('allow'))
    .addColumn('timeout', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'integer', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('schedules')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('definition_id', 'integer', (c) =>
      c.notNull().references('job_definitions.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('missed_policy', 'text', (c) => c.notNull().defaultTo('skip'))
    .addColumn('missed_max_age', 'integer', (c) => c.notNull().defaultTo(3_600_000))
    .addColumn('last_due_at', 'integer')
    .addColumn('next_run_at', 'integer')
    .addColumn('last_missed', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'integer', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('workflows')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'integer', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('workflow_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('workflow_name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('thread', 'text')
    .addColumn('notify_channels', 'text')
    .addColumn('owner', 'text')
    .addColumn('error', 'text')
    .addColumn('cancel_requested_at', 'integer')
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'integer')
    .execute();

  await db.schema
    .createTable('run_groups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('servers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('max_parallel', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('success_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('results', 'text')
    .addColumn('error', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('thread', 'text')
    .addColumn('notify_channels', 'text')
    .addColumn('owner', 'text')
    .addColumn('definition_id', 'integer', (c) =>
      c.references('job_definitions.id').onDelete('set null'),
    )
    .addColumn('workflow_run_id', 'integer', (c) =>
      c.references('workflow_runs.id').onDelete('cascade'),
    )
    .addColumn('step', 'text')
    .addColumn('parent_group_id', 'integer', (c) =>
      c.references('run_groups.id').onDelete('set null'),
    )
    .addColumn('cancel_requested_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'integer')
    .execute();
  await db.schema
    .createIndex('run_groups_workflow')
    .on('run_groups')
    .columns(['workflow_run_id', 'step'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('definition_id', 'integer', (c) =>
      c.references('job_definitions.id').onDelete('set null'),
    )
    .addColumn('schedule_id', 'integer', (c) => c.references('schedules.id').onDelete('set null'))
    .addColumn('server_name', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempt_log', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('exit_code', 'integer')
    .addColumn('signal', 'text')
    .addColumn('error', 'text')
    .addColumn('command', 'text')
    .addColumn('queued_at', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'integer')
    .addColumn('finished_at', 'integer')
    .addColumn('duration_ms', 'integer')
    .addColumn('output_head', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('output_tail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('output_bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('log_path', 'text')
    .addColumn('thread', 'text')
    .addColumn('parent_run_id', 'integer', (c) => c.references('runs.id').onDelete('set null'))
    .addColumn('due_at', 'integer')
    .addColumn('notify_channels', 'text')
    .addColumn('owner', 'text')
    .addColumn('cancel_requested_at', 'integer')
    .addColumn('group_id', 'integer', (c) => c.references('run_groups.id').onDelete('set null'))
    .addColumn('workflow_run_id', 'integer', (c) =>
      c.references('workflow_runs.id').onDelete('set null'),
    )
    .addColumn('step', 'text')
    .execute();
  await db.schema.createIndex('runs_group').on('runs').column('group_id').execute();
  await db.schema.createIndex('runs_status').on('runs').column('status').execute();
  await db.schema.createIndex('runs_item').on('runs').columns(['item_name', 'id']).execute();
  await db.schema.createIndex('runs_server').on('runs').columns(['server_name', 'id']).execute();
  await db.schema
    .createIndex('runs_schedule_due')
    .on('runs')
    // Once per due time and server: a schedule on several servers fires one run on each.
    .columns(['schedule_id', 'due_at', 'server_name'])
    .unique()
    .where(sql.ref('due_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('notification_channels')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('system', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'integer', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('notification_policies')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('definition_id', 'integer', (c) =>
      c.notNull().unique().references('job_definitions.id').onDelete('cascade'),
    )
    .addColumn('on_success', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_failure', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('channels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('success_title_template', 'text')
    .addColumn('success_body_template', 'text')
    .addColumn('failure_title_template', 'text')
    .addColumn('failure_body_template', 'text')
    .addColumn('include_output', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_max_lines', 'integer', (c) => c.notNull().defaultTo(20))
    .addColumn('success_tags', 'text')
    .addColumn('failure_tags', 'text')
    .addColumn('success_priority', 'integer')
    .addColumn('failure_priority', 'integer')
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('run_id', 'integer', (c) => c.references('runs.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'integer')
    .execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('wizard_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text')
    .addColumn('servers', 'text')
    .addColumn('parameters', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('processed_interactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('definition_id', 'integer', (c) =>
      c.primaryKey().references('job_definitions.id').onDelete('cascade'),
    )
    .addColumn('secret_env', 'text')
    .addColumn('salt', 'text')
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('used_tokens')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  const tables = [
    'used_tokens',
    'webhooks',
    'processed_interactions',
    'audit_log',
    'wizard_sessions',
    'outbox',
    'notification_policies',
    'notification_channels',
    'runs',
    'run_groups',
    'workflow_runs',
    'workflows',
    'schedules',
    'job_definitions',
    'server_capabilities',
    'servers',
    'favorites',
    'catalog_items',
    'categories',
    'settings',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
