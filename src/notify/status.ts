/** How each run status reads in a notification: its emoji, its ntfy tag, success or failure. */
import type { RunStatus } from '../store/tables.js';

/** Which template set a finished run uses; interrupted, timed-out and cancelled runs fail. */
export type NotifyKind = 'success' | 'failure';

interface StatusLook {
  emoji: string;
  /** The ntfy tag that renders as the emoji. */
  shortcode: string;
  kind: NotifyKind | undefined;
}

const LOOKS: Record<RunStatus, StatusLook> = {
  success: { emoji: '✅', shortcode: 'white_check_mark', kind: 'success' },
  failure: { emoji: '❌', shortcode: 'x', kind: 'failure' },
  timeout: { emoji: '⏱️', shortcode: 'stopwatch', kind: 'failure' },
  cancelled: { emoji: '🛑', shortcode: 'stop_sign', kind: 'failure' },
  interrupted: { emoji: '⚠️', shortcode: 'warning', kind: 'failure' },
  skipped: { emoji: '⏭️', shortcode: 'next_track_button', kind: undefined },
  queued: { emoji: '⏳', shortcode: 'hourglass_flowing_sand', kind: undefined },
  running: { emoji: '🔄', shortcode: 'arrows_counterclockwise', kind: undefined },
};

export function statusLook(status: RunStatus): StatusLook {
  return LOOKS[status];
}

/** The template set for a finished run, or undefined when it is not notified at all. */
export function kindOf(status: RunStatus): NotifyKind | undefined {
  return LOOKS[status].kind;
}

/** What an interrupted run's notification says happened. */
export function interruptedNotice(started: boolean): string {
  return started
    ? 'jobdeck stopped while this job was running, so its result is unknown.'
    : 'jobdeck stopped before this job started; it did not run.';
}
