import { preset } from '@tessera/tooling/vitest';

export default preset();
