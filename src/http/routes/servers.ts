/** /api/v1/servers: the servers a token may use, and probing one now. */
import { z } from 'zod';
import type { HttpContext } from '../context.js';
import { ApiError } from '../errors.js';
import { allow } from '../guard.js';
import type { Router } from '../route.js';
import { serverOf, serverView } from '../views.js';

const TAG = 'servers';

export function serverRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'GET',
    url: '/api/v1/servers',
    tag: TAG,
    summary: 'Servers with their detected capabilities',
    response: z.object({ servers: z.array(serverView) }),
    async handler({ subject }) {
      const states = await ctx.app.servers.list();
      const usable = states.filter((s) => ctx.access.canUseServer(subject, s).ok);
      return { servers: usable.map(serverOf) };
    },
  });

  router.add({
    method: 'POST',
    url: '/api/v1/servers/:name/probe',
    tag: TAG,
    summary: 'Probes the server now: reachability, distro, capabilities',
    params: z.object({ name: z.string().min(1) }),
    response: z.object({ server: serverView }),
    async handler({ params, subject }) {
      const known = (await ctx.app.servers.list()).find((s) => s.name === params.name);
      if (!known) throw new ApiError(404, 'server_unknown', `no server named ${params.name}`);
      const what = { action: 'access' as const, servers: [known.name] };
      await allow(ctx, subject, ctx.access.can(subject, 'run'), what);
      await allow(ctx, subject, ctx.access.canUseServer(subject, known), what);
      return { server: serverOf(await ctx.app.servers.probe(known.name)) };
    },
  });
}
