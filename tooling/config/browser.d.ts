import type { Browser } from 'playwright-core';
import type { InlineConfig } from 'vite';

export declare const CHROMIUM: string;
export declare const CHROMIUM_FLAGS: string[];
export declare function openBrowserApp(options: { root: string; isolate?: boolean; vite?: InlineConfig }): Promise<{ url: string; browser: Browser; close(): Promise<void> }>;
