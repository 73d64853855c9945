/** Secret values typed into a wizard or awaiting confirmation: in memory only, never in SQLite. */

const held = new Map<string, Record<string, unknown>>();

export const vault = {
  put(sessionId: string, values: Record<string, unknown>): void {
    held.set(sessionId, values);
  },
  get(sessionId: string): Record<string, unknown> {
    return held.get(sessionId) ?? {};
  },
  drop(sessionId: string): void {
    held.delete(sessionId);
  },
};
