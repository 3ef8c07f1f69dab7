import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import type { ReactNode } from 'react';
import './globals.css';

const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  display: 'swap',
});

// Rendered per request so Next.js can put the response's CSP nonce on its inline scripts (server/transport/http/security-headers.ts).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Roundtable', template: '%s · Roundtable' },
  description: 'Run live community calls: agenda, check-ins, Q&A and shared minutes in one place.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#4f46e5' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
