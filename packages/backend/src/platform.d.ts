// '#platform' is swapped per build (see scripts/build.mjs); both variants share this shape.
declare module '#platform' {
  import type { Platform } from './platform/types.js';
  export const platform: Platform;
}
