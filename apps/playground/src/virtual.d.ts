// The build-time digits asset (vite/mnist_digits.ts).
declare module 'virtual:mnist-digits' {
  /** URL of the gzip asset. */
  export const digitsUrl: string;
  /** Digits in it, interleaved by class. */
  export const digitCount: number;
  /** Size of the asset as downloaded. */
  export const gzipBytes: number;
}
