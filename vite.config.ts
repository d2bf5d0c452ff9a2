import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// type-graphql and Apollo load graphql's CommonJS build; make server code and
// tests load the same copy, or graphql throws "from another module or realm".
const oneGraphql = [{ find: /^graphql$/, replacement: 'graphql/index.js' }];

export default defineConfig({
  root: 'client',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Monaco (the lazily loaded explorer) is one large chunk by design; the app itself is ~330 KB.
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      onLog(level, log, handler) {
        // GraphiQL ships "use no memo" directives that only matter to the React compiler.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: 'http://localhost:4000', ws: true }, '/healthz': 'http://localhost:4000' },
  },
  test: {
    root: '.',
    reporters: ['default'],
    projects: [
      {
        resolve: { alias: oneGraphql },
        test: {
          name: 'server',
          root: '.',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'client',
          root: '.',
          environment: 'jsdom',
          include: ['client/**/*.test.tsx', 'client/**/*.test.ts'],
        },
      },
      {
        resolve: { alias: oneGraphql },
        test: {
          name: 'e2e',
          root: '.',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
