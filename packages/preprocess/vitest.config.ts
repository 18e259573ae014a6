import { preset } from '@tessera/tooling/vitest';

// e2e/ holds the browser check (Vite bundle in Chromium, webgl).
export default preset({ include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'] });
