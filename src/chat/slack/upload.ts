/** Long output as a file in the run's thread (files upload v2: URL, bytes, complete). */
import type { Screen } from '../../conversation/screen.js';
import { messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { SlackApi } from './client.js';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Uploads the screen's attachment into the thread; a failure is logged, the result stands. */
export async function uploadAttachment(
  api: SlackApi,
  thread: { channelId: string; threadId: string },
  screen: Screen,
  logger: Logger,
): Promise<void> {
  const file = screen.attachment;
  if (!file) return;
  const bytes = Buffer.byteLength(file.content);
  if (bytes === 0) return;
  try {
    await api.upload({
      channel_id: thread.channelId,
      thread_ts: thread.threadId,
      filename: file.filename,
      title: file.filename,
      content: file.content,
      initial_comment: `Full output (${size(bytes)})`,
    });
  } catch (error) {
    logger.warn(
      { err: messageOf(error), file: file.filename },
      'could not upload the full output; the result shows its tail',
    );
  }
}
