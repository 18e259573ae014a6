import { describe } from '../internal/describe.js';

/**
 * A gold span: `[start, end)` in UTF-16 code units and its entity type.
 *
 * @example
 * const span: LabelledSpan = { start: 0, end: 5, type: 'PERSON' };
 */
export interface LabelledSpan {
  start: number;
  end: number;
  type: string;
}

/**
 * One labelled text, as a line of `../shared/fixtures/pii/dev.jsonl`.
 *
 * @example
 * const ex: LabelledExample = { id: 1, text: 'Hi Jo Lee', spans: [{ start: 3, end: 9, type: 'PERSON' }] };
 */
export interface LabelledExample {
  id?: string | number;
  text: string;
  spans: LabelledSpan[];
}

/** Validates one example; `where` names it in errors ("line 3"). Texts are never quoted in errors. */
export function checkLabelledExample(example: unknown, where: string): LabelledExample {
  if (!example || typeof example !== 'object') throw new Error(`${where}: expected an object with text and spans, got ${describe(example)}`);
  const { text, spans, id } = example as Record<string, unknown>;
  if (typeof text !== 'string') throw new Error(`${where}: text must be a string, got ${describe(text)}`);
  if (!Array.isArray(spans)) throw new Error(`${where}: spans must be an array, got ${describe(spans)}`);
  const checked = spans.map((s, k) => {
    const span = s as Record<string, unknown>;
    if (!span || typeof span !== 'object') throw new Error(`${where}: spans[${k}] must be an object, got ${describe(s)}`);
    const { start, end, type } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number) || (end as number) > text.length) {
      throw new Error(`${where}: spans[${k}] must have integers 0 <= start < end <= text length ${text.length}, got start ${describe(start)} and end ${describe(end)}`);
    }
    if (typeof type !== 'string' || type.length === 0) throw new Error(`${where}: spans[${k}].type must be a non-empty string, got ${describe(type)}`);
    return { start: start as number, end: end as number, type };
  });
  const out: LabelledExample = { text, spans: checked };
  if (typeof id === 'string' || typeof id === 'number') out.id = id;
  return out;
}

/**
 * Parses a labelled corpus in JSON Lines (`{"id", "text", "spans": [{"start", "end", "type"}]}` per
 * line; blank lines ignored). Errors name the line number, never its text.
 *
 * @example
 * const corpus = parseLabelledCorpus('{"text":"Hi Jo Lee","spans":[{"start":3,"end":9,"type":"PERSON"}]}\n');
 * corpus[0].spans[0].type; // 'PERSON'
 */
export function parseLabelledCorpus(jsonl: string): LabelledExample[] {
  if (typeof jsonl !== 'string') throw new Error(`parseLabelledCorpus: jsonl must be a string, got ${describe(jsonl)}`);
  const out: LabelledExample[] = [];
  const lines = jsonl.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`parseLabelledCorpus: line ${i + 1} is not valid JSON`);
    }
    out.push(checkLabelledExample(parsed, `parseLabelledCorpus: line ${i + 1}`));
  });
  return out;
}
