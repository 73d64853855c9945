/**
 * The fake Slack for tests: Web API, Socket Mode and signed HTTP-mode requests on 127.0.0.1.
 *
 *   const fake = await startFakeSlack();
 *   const app = new App({ token: fake.botToken, appToken: fake.appToken, socketMode: true,
 *     clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });
 *   await app.start();
 *   const ack = await fake.sendSlashCommand({ text: 'run disk_usage nas' });
 *   const call = await fake.waitFor('chat.postMessage');
 *   expect(fake.violations).toEqual([]);
 *   await app.stop(); await fake.close();
 */
export { FakeSlack, type FakeSlackOptions, startFakeSlack } from './slack/fake.js';
export type {
  BlockActionsInput,
  SlashCommandInput,
  ViewSubmissionInput,
} from './slack/payloads.js';
export { DEFAULT_CHANNEL, DEFAULT_USER } from './slack/payloads.js';
export type { HttpAnswer, SignOptions } from './slack/signed.js';
export { formBody, interactionBody, slackSignature } from './slack/signed.js';
export type { InputValue } from './slack/state-values.js';
export type {
  Ack,
  ApiCall,
  Envelope,
  EphemeralMessage,
  Json,
  StoredFile,
  StoredMessage,
  StoredView,
  Violation,
} from './slack/types.js';
