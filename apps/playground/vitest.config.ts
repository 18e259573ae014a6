import { preset } from '@tessera/tooling/vitest';

// test/units.test.ts runs in Node; test/playground.test.ts builds the app with Vite, serves it
// and drives Debian's Chromium (minutes on a loaded machine, hence the timeouts).
export default preset({ include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 180_000 });
