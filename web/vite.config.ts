import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app's build: `web/src` to `web/dist`, served by the local gateway on the API's origin
 * (local/web-files.ts) and, on AWS, by CloudFront. Route declarations and schemas come from
 * `functions/` through the package's `#area/*` imports (browser-safe files only: .dependency-cruiser.cjs).
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
});
