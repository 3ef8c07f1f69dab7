import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { scriptNonceOf, THEME_SCRIPT } from '@/components/theme/theme-preference';
import { ThemeToggle } from '@/components/theme/theme-toggle';
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

// The browser's bar follows the system's scheme (a remembered Light or Dark choice is the page's alone).
export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // Edge to edge on phones with a notch or a home indicator: the tab bar and Ask button pad by the safe areas.
  viewportFit: 'cover',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#4f46e5' },
    { media: '(prefers-color-scheme: dark)', color: '#0f172a' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = scriptNonceOf((await headers()).get('content-security-policy'));
  return (
    // The theme script sets the `dark` class before React hydrates; that difference is expected.
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <head>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        {children}
        <footer className="site-footer mx-auto flex max-w-6xl justify-end px-4 pt-2 pb-6 sm:px-6">
          <ThemeToggle />
        </footer>
      </body>
    </html>
  );
}
