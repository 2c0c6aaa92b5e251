import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bundle is committed (web/dist) and embedded into Dabir.Server, so the build must be deterministic and
// self-contained: no inlined data: fonts (the server's CSP allows fonts from 'self' only), no source maps.
export default defineConfig({
  base: '/',
  resolve: {
    alias: {
      '@fonts': fileURLToPath(new URL('./node_modules/vazirmatn/fonts/webfonts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
