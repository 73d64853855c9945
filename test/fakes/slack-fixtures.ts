/** A small Bolt app for the fake Slack's self-tests: a wizard modal, a result with a button. */
import { type App, type Logger, LogLevel } from '@slack/bolt';

/** A Bolt logger that prints nothing and keeps errors, so tests can assert there were none. */
export function collectingLogger(errors: string[]): Logger {
  const ignore = () => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (...msg: unknown[]) => errors.push(msg.map(String).join(' ')),
    setLevel: ignore,
    getLevel: () => LogLevel.ERROR,
    setName: ignore,
  };
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string) => ({ text: plain(value), value });

export function wizardView() {
  return {
    type: 'modal' as const,
    callback_id: 'wizard',
    private_metadata: 'session-1',
    title: plain('Run a job'),
    submit: plain('Next'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'server',
        label: plain('Server'),
        element: {
          type: 'static_select',
          action_id: 'pick',
          options: [option('web1'), option('nas')],
        },
      },
      {
        type: 'input',
        block_id: 'path',
        label: plain('Path'),
        element: { type: 'plain_text_input', action_id: 'value', initial_value: '/var' },
      },
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'more', text: plain('More'), value: 'more' }],
      },
    ],
  };
}

function doneView(server: string) {
  const text = { type: 'mrkdwn' as const, text: `Runs on *${server}*` };
  return { type: 'modal' as const, title: plain('Done'), blocks: [{ type: 'section', text }] };
}

export function resultBlocks(text: string) {
  return [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'actions',
      block_id: 'result',
      elements: [
        { type: 'button', action_id: 'run_again', text: plain('Run again'), value: 'run-7' },
      ],
    },
  ];
}

export interface Seen {
  text: string;
  retryNum?: number;
  retryReason?: string;
}

/** The wizard's listeners, the same in Socket Mode and HTTP mode. */
export function registerWizard(app: App, seen: Seen[]): void {
  app.command('/jobs', async ({ ack, body, client, context }) => {
    seen.push({ text: body.text, retryNum: context.retryNum, retryReason: context.retryReason });
    await ack(body.text === 'help' ? { text: 'Try /jobs run' } : undefined);
    if (body.text === 'help') return;
    await client.views.open({ trigger_id: body.trigger_id, view: wizardView() });
    await client.chat.postMessage({
      channel: body.channel_id,
      text: 'Result',
      blocks: resultBlocks('Result'),
    });
  });

  app.command('/jobs-echo', async ({ ack, body, context }) => {
    seen.push({ text: body.text, retryNum: context.retryNum, retryReason: context.retryReason });
    await ack();
  });

  app.action('run_again', async ({ ack, body, client, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.channel || !body.message) return;
    await respond({ text: 'Started run 8', response_type: 'ephemeral' });
    const blocks = resultBlocks('Running again');
    await client.chat.update({
      channel: body.channel.id,
      ts: body.message.ts,
      text: 'Running again',
      blocks,
    });
  });

  app.action('more', async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    await client.views
      .push({ trigger_id: body.trigger_id, view: wizardView() })
      .catch(() => undefined);
  });

  app.view('wizard', async ({ ack, view }) => {
    const server = view.state.values.server?.pick?.selected_option?.value;
    if (!server) {
      await ack({ response_action: 'errors', errors: { server: 'Pick a server' } });
      return;
    }
    await ack({ response_action: 'update', view: doneView(server) });
  });
}
