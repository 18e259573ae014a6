#!/usr/bin/env node
// Throughput of the default analyzer in MB/s on generated text (PII-dense and PII-free), run
// against dist/ ("pnpm run bench" builds first). Prints one line per scenario and a JSON summary.
import { Analyzer, seededRandom } from '../dist/index.js';

const rnd = seededRandom(2024);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
const words = 'the order was shipped today and we will follow up with more details about your account soon'.split(' ');
const piiSentence = () =>
  pick([
    () => `Contact ${pick(['Sarah', 'Kwame', 'Yuki', 'Ingrid'])} ${pick(['Jackson', 'Mensah', 'Sato', 'Larsen'])} at user${digits(3)}@example.org or (${pick(['212', '415', '617'])}) ${digits(3).replace(/^./, '5')}-${digits(4)}.`,
    () => `Login from 10.${digits(2)}.${digits(2)}.${digits(2)} on 2024-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)} was blocked.`,
    () => `Card 4111 1111 1111 1111 and IBAN DE89 3704 0044 0532 0130 00 on file; see https://example.com/u/${digits(6)}.`,
  ])();
const plainSentence = () => Array.from({ length: 14 }, () => pick(words)).join(' ') + '.';

function corpus(makeSentence, bytes) {
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const line = Array.from({ length: 5 }, makeSentence).join(' ');
    lines.push(line);
    size += line.length;
  }
  return lines;
}

const analyzer = new Analyzer();
const results = {};
for (const [name, make] of [
  ['pii_dense', piiSentence],
  ['plain_text', plainSentence],
]) {
  const lines = corpus(make, 2_000_000);
  const mb = lines.reduce((a, l) => a + l.length, 0) / 1e6;
  analyzer.analyze(lines[0]); // warm-up (loads the name lists)
  const t0 = performance.now();
  let found = 0;
  for (const l of lines) found += analyzer.analyze(l).length;
  const s = (performance.now() - t0) / 1000;
  results[name] = { megabytes: Number(mb.toFixed(2)), seconds: Number(s.toFixed(3)), mbPerSecond: Number((mb / s).toFixed(2)), entities: found };
  console.log(`${name.padEnd(11)} ${mb.toFixed(2)} MB in ${s.toFixed(2)} s = ${(mb / s).toFixed(2)} MB/s (${found} entities)`);
}
console.log(JSON.stringify({ benchmark: 'anonymize.analyze', results }));
