/** HTTP mode: requests to the app's own endpoint, form-encoded and signed as Slack signs them. */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { Json } from './types.js';

export interface SignOptions {
  signingSecret: string;
  /** Seconds since the epoch; now when left out. An old one makes the request stale. */
  timestamp?: number;
  /** Signs with a different secret, as a forger would. */
  badSignature?: boolean;
  /** Marks the request as Slack's retry number N (X-Slack-Retry-Num). */
  retryNum?: number;
  retryReason?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{body}`). */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return `v0=${digest}`;
}

/** Slash command fields as Slack posts them. */
export function formBody(fields: Json): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  return params.toString();
}

/** Interactive payloads travel as one form field, `payload`, holding JSON. */
export function interactionBody(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function signedHeaders(rawBody: string, options: SignOptions): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.badSignature ? `${options.signingSecret}-forged` : options.signingSecret;
  const headers: Record<string, string> = {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, rawBody),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  return headers;
}

/** POSTs a signed body on a fresh connection, so nothing lingers after the test. */
export function postSigned(
  url: string,
  rawBody: string,
  contentType: string,
  options: SignOptions,
): Promise<HttpAnswer> {
  const headers = {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(rawBody)),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signedHeaders(rawBody, options),
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(rawBody);
  });
}
