import { tf, useBackend } from '@tessera/backend';
import { beforeAll, describe } from 'vitest';

/** The Node backends every numeric test runs on. */
export const BACKENDS = ['cpu', 'wasm'] as const;
export type TestBackend = (typeof BACKENDS)[number];

/** A describe block per backend, with that backend active inside it. */
export function forEachBackend(title: string, body: (backend: TestBackend) => void): void {
  for (const b of BACKENDS) {
    describe(`${title} [${b}]`, () => {
      beforeAll(async () => {
        await useBackend(b);
        if (tf.getBackend() !== b) throw new Error(`could not activate ${b}`);
      });
      body(b);
    });
  }
}
