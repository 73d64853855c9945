import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './harness.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe('GET /api/v1/openapi.json', () => {
  it('documents every route, generated from the zod schemas', async () => {
    const answer = await api.call('GET', '/api/v1/openapi.json', { as: 'viewer' });
    expect(answer.status).toBe(200);
    const doc = answer.json;
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /api/v1/catalog',
        'GET /api/v1/catalog/{id}',
        'GET /api/v1/catalog/{id}/compatible-servers',
        'GET /api/v1/catalog/favorites',
        'POST /api/v1/catalog/favorites/{id}',
        'POST /api/v1/jobs/quick-run',
        'POST /api/v1/jobs/run-again/{run_id}',
        'POST /api/v1/wizard/validate',
        'POST /api/v1/wizard/preview',
        'POST /api/v1/wizard/create',
        'GET /api/v1/runs',
        'GET /api/v1/runs/{id}',
        'GET /api/v1/runs/{id}/log',
        'POST /api/v1/runs/{id}/cancel',
        'GET /api/v1/schedules',
        'POST /api/v1/schedules',
        'GET /api/v1/schedules/{id}',
        'PATCH /api/v1/schedules/{id}',
        'DELETE /api/v1/schedules/{id}',
        'GET /api/v1/servers',
        'POST /api/v1/servers/{name}/probe',
        'PUT /api/v1/webhooks/{definition}',
        'POST /hooks/{definition}',
        'GET /healthz',
        'GET /metrics',
        'GET /runs/{id}',
        'POST /runs/{id}/again',
      ]),
    );

    const quickRun = doc.paths['/api/v1/jobs/quick-run'].post;
    const body = quickRun.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['item']);
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(['item', 'server', 'servers', 'parameters', 'confirm']),
    );
    expect(
      quickRun.responses['202'].content['application/json'].schema.properties.runs,
    ).toBeDefined();
    expect(quickRun.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    const runs = doc.paths['/api/v1/runs'].get.parameters;
    expect(runs).toContainEqual(
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    );
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
  });
});
