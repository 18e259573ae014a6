import type * as FsPromises from 'node:fs/promises';
import { describe } from './internal/describe.js';
import { errorMessage, nodeImport } from './internal/node.js';
import type { OpenLineageRunEvent } from './openlineage.js';

/**
 * Writes events to a file as NDJSON, one event per line (appending by default), the format of
 * OpenLineage's file transport (Node).
 *
 * @example
 * ```ts
 * await writeOpenLineageFile('events.ndjson', toOpenLineageEvents(await lineage.graph()));
 * ```
 */
export async function writeOpenLineageFile(
  path: string,
  events: readonly OpenLineageRunEvent[],
  options: { append?: boolean } = {},
): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new Error(`writeOpenLineageFile: path must be a non-empty string, got ${describe(path)}`);
  if (!Array.isArray(events)) throw new Error(`writeOpenLineageFile: events must be an array, got ${describe(events)}`);
  const fsp = await nodeImport<typeof FsPromises>('node:fs/promises');
  const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
  try {
    if (options.append === false) await fsp.writeFile(path, text);
    else await fsp.appendFile(path, text);
  } catch (e) {
    throw new Error(`writeOpenLineageFile: cannot write '${path}' (${errorMessage(e)})`, { cause: e });
  }
}

/**
 * Options of `postOpenLineage`.
 *
 * @example
 * ```ts
 * await postOpenLineage(url, events, { headers: { Authorization: `Bearer ${token}` }, timeoutMs: 5000 } satisfies PostOpenLineageOptions);
 * ```
 */
export interface PostOpenLineageOptions {
  /**
   * Extra headers, e.g. `{ Authorization: 'Bearer …' }`; their values never appear in errors.
   * Credentials in the URL (`https://user:pass@host/…`) are sent as Basic authorization.
   */
  headers?: Record<string, string>;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** A fetch implementation (default: the global fetch of Node 18+ and browsers). */
  fetch?: typeof fetch;
}

/**
 * Sends events one by one, in order, as JSON POSTs to an OpenLineage HTTP endpoint (Marquez:
 * `http://host:5000/api/v1/lineage`). Stops at the first failure.
 *
 * @throws Error naming the endpoint, the event that failed and the HTTP status, never the headers
 * @example
 * ```ts
 * await postOpenLineage('http://localhost:5000/api/v1/lineage', events, { headers: { Authorization: `Bearer ${token}` } });
 * ```
 */
export async function postOpenLineage(
  url: string,
  events: readonly OpenLineageRunEvent[],
  options: PostOpenLineageOptions = {},
): Promise<{ sent: number }> {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new Error(`postOpenLineage: url must be an absolute http(s) URL, got ${describe(url)}`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new Error(`postOpenLineage: url must use http or https, got '${endpoint.protocol}'`);
  }
  if (!Array.isArray(events)) throw new Error(`postOpenLineage: events must be an array, got ${describe(events)}`);
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new Error('postOpenLineage: no fetch available; pass options.fetch');
  // Credentials in the URL become a Basic Authorization header (fetch refuses them in URLs), and
  // errors name the endpoint without them.
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (endpoint.username || endpoint.password) {
    const user = decodeURIComponent(endpoint.username);
    const pass = decodeURIComponent(endpoint.password);
    headers.Authorization = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${pass}`)))}`;
    endpoint.username = '';
    endpoint.password = '';
  }
  Object.assign(headers, options.headers);
  const where = `${endpoint.origin}${endpoint.pathname}`;
  const secrets = [url, ...Object.values(headers).filter((v) => v.length >= 4 && v !== 'application/json')];
  const scrub = (message: string) => secrets.reduce((m, s) => m.split(s).join('[redacted]'), message);
  let sent = 0;
  for (const [i, event] of events.entries()) {
    let status: number;
    let statusText: string;
    try {
      const res = await doFetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      status = res.status;
      statusText = res.statusText;
      await res.arrayBuffer().catch(() => undefined); // drain so the connection can be reused
    } catch (e) {
      // URL credentials were moved into a header before the request, so the cause does not carry them.
      throw new Error(`postOpenLineage: event ${i} (${event.eventType} of run ${event.run.runId}) could not be sent to ${where}: ${scrub(errorMessage(e))}`, {
        cause: e,
      });
    }
    if (status < 200 || status >= 300) {
      throw new Error(
        `postOpenLineage: ${where} answered HTTP ${status}${statusText ? ` ${statusText}` : ''} to event ${i} ` +
          `(${event.eventType} of run ${event.run.runId}); ${sent} of ${events.length} events were accepted before it`,
      );
    }
    sent++;
  }
  return { sent };
}
