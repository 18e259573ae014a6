import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { InlineConfig } from 'vite';

export declare const CHROMIUM: string;
export declare const CHROMIUM_FLAGS: string[];
export declare const PAGE_TIMEOUT_MS: number;
/** A built, served app and the Chromium that opens it. */
export interface BrowserApp {
  url: string;
  browser: Browser;
  /** A tab whose actions and waits default to PAGE_TIMEOUT_MS. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}
export declare function openBrowserApp(options: { root: string; isolate?: boolean; vite?: InlineConfig }): Promise<BrowserApp>;
