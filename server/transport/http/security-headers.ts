import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The policy for every response. Scripts run only from our origin or with this response's nonce (Next.js
 * puts it on its inline hydration scripts); styles allow inline because React renders `style` attributes
 * and CodeMirror injects its theme as <style> elements.
 */
export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const FIXED_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Sets the security headers on a response before anyone writes it, and hands the CSP nonce to Next.js. */
export function applySecurityHeaders(request: IncomingMessage, response: ServerResponse, isDevelopment: boolean): void {
  const policy = contentSecurityPolicy(randomBytes(16).toString('base64'), isDevelopment);
  // Next.js reads the nonce for its inline scripts from the request's CSP header; a client's own header is replaced.
  request.headers['content-security-policy'] = policy;
  delete request.headers['content-security-policy-report-only'];
  response.setHeader('content-security-policy', policy);
  for (const [name, value] of Object.entries(FIXED_HEADERS)) response.setHeader(name, value);
}
