import type { MetadataRoute } from 'next';

/** Served as /manifest.webmanifest and linked from every page, so the app can be installed. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Roundtable',
    short_name: 'Roundtable',
    description: 'Run live community calls: agenda, check-ins, Q&A and shared minutes in one place.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#4f46e5',
    // The PNGs come from scripts/generate-icons.ts.
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
