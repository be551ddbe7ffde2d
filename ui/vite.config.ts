import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Maven passes the module's output directory so the assets land on the classpath under static/,
// where Spring Boot serves them at /. A plain `npm run build` writes to the same place.
const outDir = process.env.ORDO_UI_OUT_DIR ?? 'target/classes/static';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` talks to an Ordo started with --server.port=8090 (see README.md).
    proxy: { '/api': process.env.ORDO_DEV_BACKEND ?? 'http://localhost:8090' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
  },
});
