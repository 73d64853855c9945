/** GET /runs/:id?token=…: the run's page for whoever holds a signed, unexpired link. */
import { open } from 'node:fs/promises';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ParamValues } from '../catalog/params.js';
import { maskParameters } from '../catalog/render.js';
import { runOutput } from '../runner/output.js';
import { json } from '../store/db.js';
import type { Run } from '../store/tables.js';
import type { HttpContext } from './context.js';
import type { Router } from './route.js';
import { problemHtml, runHtml } from './run-html.js';

/** The full log is shown up to this size; beyond it, the kept head and tail. */
const PAGE_LOG_MAX = 1024 * 1024;

const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

const WHY: Record<'malformed' | 'tampered' | 'expired', string> = {
  malformed: 'This link is incomplete. Open the run from its notification again.',
  tampered: 'This link is not valid: it was changed after jobdeck signed it.',
  expired: 'This link has expired. Ask jobdeck for the run again (GET /api/v1/runs/ID).',
};

function send(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).headers(HEADERS).type('text/html; charset=utf-8').send(html);
}

async function fullLog(path: string | null): Promise<string | undefined> {
  const handle = path ? await open(path, 'r').catch(() => undefined) : undefined;
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    if (size > PAGE_LOG_MAX) return undefined;
    return (await handle.readFile()).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function pageOf(ctx: HttpContext, run: Run) {
  const item = ctx.app.catalog.get(run.item_name);
  const stored = json.decode<ParamValues>(run.parameters, {});
  const parameters = item ? maskParameters(item, stored) : stored;
  const log = await fullLog(run.log_path);
  const output = log ?? runOutput(run);
  const cut = log === undefined && run.output_bytes > Buffer.byteLength(output);
  const title = `${item?.display_name ?? run.item_name} on ${run.server_name}`;
  const outputNote = cut ? `The head and tail of ${run.output_bytes} bytes of output.` : null;
  return runHtml({ run, title, parameters, output, outputNote, timezone: ctx.app.config.timezone });
}

export function runPageRoute(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'GET',
    url: '/runs/:id',
    tag: 'links',
    auth: 'none',
    summary: 'The run as an HTML page, for a signed link from a notification',
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ token: z.string().default('') }),
    produces: 'text/html',
    async handler({ params, query, reply }) {
      const check = ctx.signer.verify('run-page', String(params.id), query.token, ctx.now());
      if (!check.ok) return send(reply, 403, problemHtml('Link not valid', WHY[check.reason]));
      const run = await ctx.app.runner.store.get(params.id);
      if (!run) return send(reply, 404, problemHtml('No such run', `Run #${params.id} is gone.`));
      return send(reply, 200, await pageOf(ctx, run));
    },
  });
}
