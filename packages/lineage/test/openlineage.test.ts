import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createLineage } from '../src/lineage.js';
import { OPENLINEAGE_SCHEMA_URL, toOpenLineageEvents, type OpenLineageRunEvent } from '../src/openlineage.js';
import { postOpenLineage, writeOpenLineageFile } from '../src/openlineage_transport.js';
import { buildPipeline, steppingClock, tempDir } from './helpers/pipeline.js';

// The OpenLineage 2-0-2 core schema, vendored from the OpenLineage project's spec/OpenLineage.json
// (https://github.com/OpenLineage/OpenLineage, Apache-2.0); see fixtures/openlineage/README.md.
const schema = JSON.parse(readFileSync(new URL('./fixtures/openlineage/OpenLineage-2-0-2.json', import.meta.url), 'utf8')) as object;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
// Ajv's strict mode lints how a schema is written (it objects to the spec's `not: { required }`
// and `example` annotations); validation itself is unaffected, so it is off. Formats (uri,
// date-time, uuid) are checked.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(event: unknown): void {
  const ok = validate(event);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

async function pipelineEvents(options: Parameters<typeof toOpenLineageEvents>[1] = {}) {
  const lineage = await createLineage({
    clock: steppingClock(),
    code: { package: 'spam-app', version: '1.0.0', gitCommit: 'b'.repeat(40), repository: 'https://example.org/spam-app.git' },
  });
  const p = await buildPipeline(lineage);
  const failing = await lineage.start('augment', { inputs: [p.train], parent: p.trainRun });
  await failing.fail(new Error('out of memory'));
  const stopped = await lineage.start('resample', { inputs: [p.train] });
  await stopped.fail(new Error('stopped by user'), { aborted: true });
  await lineage.start('still-running', { inputs: [p.test] });
  return { lineage, p, events: toOpenLineageEvents(await lineage.graph(), options) };
}

describe('OpenLineage 2-0-2 export', () => {
  it('every event validates against the 2-0-2 JSON schema', async () => {
    const { events } = await pipelineEvents({ includeProgress: true });
    expect(events.length).toBeGreaterThan(15);
    for (const e of events) expectValid(e);
    expect(new Set(events.map((e) => e.eventType))).toEqual(new Set(['START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT']));
  });

  it('the schema is not a formality: broken events are rejected', async () => {
    const { events } = await pipelineEvents();
    const e = events[0]!;
    const { job: _job, ...noJob } = e;
    expect(validate(noJob)).toBe(false);
    expect(validate({ ...e, eventType: 'DONE' })).toBe(false);
    expect(validate({ ...e, run: { runId: 'not-a-uuid' } })).toBe(false);
    expect(validate({ ...e, eventTime: 'yesterday' })).toBe(false);
    const badFacet = { ...e, inputs: [{ namespace: 'n', name: 'd', facets: { version: { datasetVersion: 'x' } } }] };
    expect(validate(badFacet)).toBe(false); // a facet without _producer and _schemaURL
  });

  it('gives each run one START and one terminal event, with the run in between', async () => {
    const { events, lineage } = await pipelineEvents();
    const byRun = new Map<string, OpenLineageRunEvent[]>();
    for (const e of events) byRun.set(e.run.runId, [...(byRun.get(e.run.runId) ?? []), e]);
    const runs = (await lineage.graph()).runs();
    expect(byRun.size).toBe(runs.length);
    for (const r of runs) {
      const types = byRun.get(r.runId)!.map((e) => e.eventType);
      const terminal = { completed: 'COMPLETE', failed: 'FAIL', aborted: 'ABORT', running: undefined }[r.status];
      expect(types).toEqual(terminal ? ['START', terminal] : ['START']);
    }
    expect(events.map((e) => e.eventTime)).toEqual([...events.map((e) => e.eventTime)].sort());
  });

  it('carries schema, dataset-version, statistics, error, parent and job facets', async () => {
    const { events, p } = await pipelineEvents();
    const anonymizeDone = events.find((e) => e.job.name === 'anonymize' && e.eventType === 'COMPLETE')!;
    expect(anonymizeDone.schemaURL).toBe(OPENLINEAGE_SCHEMA_URL);
    const input = anonymizeDone.inputs[0]!;
    expect(input).toMatchObject({ namespace: 'tessera', name: 'emails-raw' });
    expect(input.facets!.version).toMatchObject({ datasetVersion: p.raw.hash });
    expect(input.facets!.schema!.fields).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'text', type: 'string' },
      { name: 'spam', type: 'integer' },
    ]);
    const output = anonymizeDone.outputs[0]!;
    expect(output.name).toBe('emails-clean');
    expect(output.outputFacets!.outputStatistics).toMatchObject({ rowCount: 4 });
    expect(anonymizeDone.run.facets!.tessera_run).toMatchObject({ stage: 'anonymize', params: { hmacKey: '[redacted]' } });
    expect(anonymizeDone.run.facets!.tessera_result).toMatchObject({ summary: { counts: { EMAIL: 2, PHONE: 1 } } });
    expect(anonymizeDone.job.facets!.jobType).toMatchObject({ processingType: 'BATCH', integration: 'TESSERA', jobType: 'TRANSFORM' });
    expect(anonymizeDone.job.facets!.sourceCodeLocation).toMatchObject({ type: 'git', url: 'https://example.org/spam-app.git', version: 'b'.repeat(40) });
    const failed = events.find((e) => e.eventType === 'FAIL')!;
    expect(failed.run.facets!.errorMessage).toMatchObject({ message: 'out of memory', programmingLanguage: 'JavaScript' });
    expect(failed.run.facets!.parent).toMatchObject({ job: { namespace: 'tessera', name: 'fit' } });
    const model = events.find((e) => e.job.name === 'fit' && e.eventType === 'COMPLETE')!.outputs[0]!;
    expect(model.facets!.tessera_artifact).toMatchObject({ artifactType: 'model', format: 'tfjs-layers' });
  });

  it('filters runs and checks its options', async () => {
    const { lineage, p } = await pipelineEvents();
    const g = await lineage.graph();
    const only = toOpenLineageEvents(g, { runs: [p.trainRun], namespace: 'ml' });
    expect(only.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    expect(only[0]!.job).toMatchObject({ namespace: 'ml', name: 'fit' });
    expect(() => toOpenLineageEvents(g, { runs: [p.train] })).toThrow('options.runs[0] is a dataset, not a run');
    expect(() => toOpenLineageEvents(g, { producer: 'tessera' })).toThrow('options.producer must be a URI');
  });

  it('writes NDJSON files', async () => {
    const { events } = await pipelineEvents();
    const file = join(tempDir(), 'events.ndjson');
    await writeOpenLineageFile(file, events.slice(0, 3));
    await writeOpenLineageFile(file, events.slice(3));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(JSON.stringify(events)));
    await writeOpenLineageFile(file, events.slice(0, 1), { append: false });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('OpenLineage HTTP export', () => {
  async function server(status: (n: number) => number) {
    const received: { body: unknown; headers: IncomingMessage['headers']; url: string; method: string }[] = [];
    const srv = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ body: JSON.parse(body) as unknown, headers: req.headers, url: req.url!, method: req.method! });
        res.statusCode = status(received.length);
        res.end();
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as AddressInfo;
    return { received, url: `http://127.0.0.1:${port}/api/v1/lineage`, close: () => new Promise((r) => srv.close(r)) };
  }

  it('posts every event, in order, to a local endpoint', async () => {
    const { events } = await pipelineEvents();
    const s = await server(() => 201);
    try {
      const res = await postOpenLineage(s.url, events, { headers: { Authorization: 'Bearer sekrit-token' } });
      expect(res.sent).toBe(events.length);
      expect(s.received.map((r) => r.body)).toEqual(JSON.parse(JSON.stringify(events)));
      expect(s.received[0]).toMatchObject({ method: 'POST', url: '/api/v1/lineage' });
      expect(s.received[0]!.headers['content-type']).toBe('application/json');
      expect(s.received[0]!.headers.authorization).toBe('Bearer sekrit-token');
      for (const r of s.received) expectValid(r.body);
    } finally {
      await s.close();
    }
  });

  it('stops at a refused event and says which, without leaking credentials', async () => {
    const { events } = await pipelineEvents();
    const s = await server((n) => (n === 3 ? 500 : 200));
    try {
      const err = await postOpenLineage(s.url.replace('http://', 'http://user:pw@'), events, {
        headers: { Authorization: 'Bearer sekrit-token' },
      }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      const msg = (err as Error).message;
      expect(msg).toMatch(/postOpenLineage: http:\/\/127\.0\.0\.1:\d+\/api\/v1\/lineage answered HTTP 500 .* to event 2 .*2 of \d+ events were accepted/);
      expect(msg).not.toContain('sekrit');
      expect(msg).not.toContain('pw@');
      expect(s.received).toHaveLength(3);
      // The URL's credentials went out as Basic auth; the explicit header wins over them.
      expect(s.received[0]!.headers.authorization).toBe('Bearer sekrit-token');
    } finally {
      await s.close();
    }
  });

  it('sends credentials in the URL as Basic authorization', async () => {
    const { events } = await pipelineEvents();
    const s = await server(() => 200);
    try {
      await postOpenLineage(s.url.replace('http://', 'http://lin%40eage:p%3Ass@'), events.slice(0, 1));
      expect(s.received[0]!.headers.authorization).toBe(`Basic ${Buffer.from('lin@eage:p:ss').toString('base64')}`);
    } finally {
      await s.close();
    }
  });

  it('names an unreachable endpoint and a bad URL', async () => {
    const { events } = await pipelineEvents();
    const s = await server(() => 200);
    const url = s.url;
    await s.close(); // nothing listens there any more
    await expect(postOpenLineage(url, events.slice(0, 1))).rejects.toThrow(/event 0 \(START of run [0-9a-f-]+\) could not be sent to http:\/\/127\.0\.0\.1/);
    await expect(postOpenLineage('not a url', events)).rejects.toThrow('postOpenLineage: url must be an absolute http(s) URL, got a string of 9 characters');
    await expect(postOpenLineage('ftp://127.0.0.1/x', events)).rejects.toThrow("url must use http or https, got 'ftp:'");
  });
});
