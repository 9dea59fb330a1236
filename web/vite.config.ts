/**
 * The preview page: `web/` is the Vite root, the build goes to `dist/web`
 * (shipped in the package, served by `copydesk serve` and `copydesk
 * preview`). One script and one stylesheet, no inline code (the page is
 * served with a strict Content-Security-Policy), nothing from a CDN.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    sourcemap: false,
  },
});
