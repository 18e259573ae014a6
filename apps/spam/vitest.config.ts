import { preset } from '@tessera/tooling/vitest';

// The end-to-end tests train through the built CLI (a tiny run with DP-SGD twins in a beforeAll,
// and the full default run); `pnpm test` runs them while every other package's tests run on
// the same 2 cores, so give them room.
export default preset({ testTimeout: 600_000, hookTimeout: 900_000 });
