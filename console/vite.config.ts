import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway under /console (services/gateway/src/console.ts); `npm run dev -w console`
// proxies GraphQL, the file routes and the sign-in endpoints to a gateway started by `npm start`.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/graphql': process.env['LINDUNG_GATEWAY'] ?? 'http://127.0.0.1:4000',
      '/console/config.json': process.env['LINDUNG_GATEWAY'] ?? 'http://127.0.0.1:4000',
      '/console/dev-token': process.env['LINDUNG_GATEWAY'] ?? 'http://127.0.0.1:4000',
      '/imports': process.env['LINDUNG_GATEWAY'] ?? 'http://127.0.0.1:4000',
      '/documents': process.env['LINDUNG_GATEWAY'] ?? 'http://127.0.0.1:4000',
      '/claims': process.env['LINDUNG_GATEWAY'] ?? 'http://127.0.0.1:4000',
    },
  },
});
