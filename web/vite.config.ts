import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app is built into dist/web and served by `vrm serve`. Nothing is loaded from outside
// the machine: no CDN, no remote fonts; the strict Content-Security-Policy would refuse them anyway.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Inline scripts would break the CSP: keep every script a file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
