/** `jobdeck notify preview` and `jobdeck notify test`. */
import { shippedCatalogDir } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load.js';
import { validateParameters } from '../catalog/params.js';
import { didYouMean } from '../catalog/suggest.js';
import type { ChannelConfig } from '../config/schema.js';
import { JobdeckError } from '../errors.js';
import { silentLogger } from '../log.js';
import { Deliveries, DeliveryError } from '../notify/delivery.js';
import type { NotificationMessage } from '../notify/message.js';
import { type PreviewStatus, previewNotification } from '../notify/preview.js';
import { retrySettings } from '../notify/retry.js';
import type { CliCommand, CliContext } from './command.js';
import { assignments, configOf, text } from './options.js';

const STATUSES: readonly PreviewStatus[] = [
  'success',
  'failure',
  'timeout',
  'cancelled',
  'interrupted',
];

function printMessage(context: CliContext, message: NotificationMessage): void {
  context.out(`Title:    ${message.title}`);
  context.out(`Tags:     ${message.tags.join(', ') || '(none)'}`);
  context.out(`Priority: ${message.priority}`);
  context.out(`Markdown: ${message.markdown ? 'yes' : 'no'}`);
  if (message.click) context.out(`Click:    ${message.click}`);
  context.out('');
  context.out(message.body);
}

export const notifyPreview: CliCommand = {
  path: ['notify', 'preview'],
  usage: 'notify preview ITEM [--status success|failure] [name=value …]',
  summary: 'show the notification a run of ITEM would send, with sample data',
  options: { status: { type: 'string' } },
  async run(context) {
    const config = configOf(context);
    const status = (text(context, 'status') ?? 'success') as PreviewStatus;
    if (!STATUSES.includes(status)) {
      throw new JobdeckError('input_invalid', `--status: expected one of ${STATUSES.join(', ')}`);
    }
    const [name, ...words] = context.args;
    if (!name) throw new JobdeckError('input_invalid', `usage: jobdeck ${notifyPreview.usage}`);
    const { catalog } = await loadCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: config.catalog_dirs,
      logger: silentLogger(),
    });
    const item = catalog.get(name);
    if (!item) {
      const known = catalog.items().map((i) => i.name);
      throw new JobdeckError('item_unknown', `unknown item "${name}"${didYouMean(name, known)}`);
    }
    // Values not given are filled with samples; only the given ones must be valid.
    const given = assignments(words).values;
    const checked = validateParameters(item, given);
    const errors = checked.ok ? [] : Object.entries(checked.errors).filter(([f]) => f in given);
    for (const [field, error] of errors) context.err(`${field}: ${error}`);
    if (errors.length > 0) return 1;
    const channel = config.notifications.channels[0];
    printMessage(
      context,
      previewNotification(item, status, checked.ok ? checked.values : given, {
        timezone: config.timezone,
        ...(channel ? { channelPriority: channel.priority } : {}),
      }),
    );
    return 0;
  },
};

/** What to check, given how the server answered. */
export function hintFor(error: DeliveryError, channel: ChannelConfig): string {
  const secret = channel.token_env ?? channel.password_env;
  switch (error.status) {
    case undefined:
      return `check that ${channel.url} is reachable from this machine`;
    case 401:
      return `the server refused the credentials: check ${secret ? `$${secret}` : 'token_env'}`;
    case 403:
      return `these credentials may not publish to "${channel.topic}": check the topic's access`;
    case 429:
      return 'the server rate-limits this client: wait and try again';
    case 413:
      return 'the message is larger than the server accepts';
    default:
      return error.status >= 500
        ? 'the server has a problem: try again later'
        : 'check the channel settings';
  }
}

function testMessage(channel: ChannelConfig): NotificationMessage {
  return {
    title: 'jobdeck test',
    body: `Test message from jobdeck to channel "${channel.name}". Notifications work.`,
    tags: ['test_tube'],
    priority: channel.priority,
    click: '',
    actions: [],
    markdown: false,
  };
}

export const notifyTest: CliCommand = {
  path: ['notify', 'test'],
  usage: 'notify test CHANNEL',
  summary: 'send a test message to a notification channel and show the answer',
  async run(context) {
    const config = configOf(context);
    const name = context.args[0];
    const channels = config.notifications.channels;
    const channel = channels.find((c) => c.name === name);
    if (!name || !channel) {
      const known = channels.map((c) => c.name).join(', ') || 'none configured';
      throw new JobdeckError(
        'input_invalid',
        `unknown channel "${name ?? ''}"; channels: ${known}`,
      );
    }
    if (channel.type === 'chat') {
      context.err(`channel "${name}" posts to chat through the running bot; test it from chat`);
      return 1;
    }
    const timeoutMs = retrySettings(config.notifications).requestTimeoutMs;
    const deliveries = new Deliveries(channels, { env: context.io.env, timeoutMs });
    try {
      const answer = await deliveries.send(name, testMessage(channel), null);
      context.out(`sent to ${name} (${channel.url}/${channel.topic}): message id ${answer.id}`);
      context.out(JSON.stringify(answer.raw));
      return 0;
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      context.err(`not sent: ${error.message}`);
      context.err(`check: ${hintFor(error, channel)}`);
      return 1;
    }
  },
};
