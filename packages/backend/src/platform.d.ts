// '#platform' is swapped per build (see scripts/build.mjs); both variants share this shape.
declare module '#platform' {
  export const platform: import('./platform/types.js').Platform;
}
