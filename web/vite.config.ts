import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [
    react(),
    // installable on a phone (外业模式); the service worker precaches the app shell so a reload
    // without signal still opens the app. API answers are never cached by it: offline, the field
    // app reads its own IndexedDB copy, so no stale or other user's data can come out of a cache.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: '自备井封停工作平台 · 外业采集',
        short_name: '外业采集',
        description: '网格员、督导人员离线采集一户一卡、照片和定位，联网后自动同步',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b3a75',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // the first visit is controlled at once: a worker who opens the app and walks into a basement can reload there
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  resolve: {
    // the web app shares the server's zod schemas (types only) and a few pure domain tables
    alias: {
      '@domain': here('../src/domain'),
      '@server': here('../src/server'),
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // only the dashboard and the survey progress page draw charts: keep echarts out of everything else
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/, priority: 20 },

          ],
        },
      },
    },
  },
});
