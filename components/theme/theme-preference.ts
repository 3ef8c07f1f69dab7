/** What the reader picked: follow the system's colour scheme, or always light, or always dark. */
export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'roundtable:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Runs in <head> before the first paint (app/layout.tsx), so a dark page never flashes white. It repeats
 * isDarkTheme() below in plain JavaScript: nothing is loaded yet when it runs.
 */
export const THEME_SCRIPT = `try{var p=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});document.documentElement.classList.toggle('dark',p==='dark'||(p!=='light'&&matchMedia(${JSON.stringify(DARK_QUERY)}).matches))}catch(e){}`;

function parsePreference(value: string | null): ThemePreference {
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function readThemePreference(): ThemePreference {
  try {
    return parsePreference(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    // Storage can be blocked (privacy settings); the system's scheme still applies.
    return 'system';
  }
}

function isDarkTheme(preference: ThemePreference): boolean {
  return preference === 'dark' || (preference === 'system' && matchMedia(DARK_QUERY).matches);
}

const listeners = new Set<() => void>();

function refresh(): void {
  document.documentElement.classList.toggle('dark', isDarkTheme(readThemePreference()));
  for (const listener of listeners) listener();
}

export function writeThemePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not remembered, but this page still switches.
  }
  refresh();
}

/** Follows the preference across tabs (storage events) and the system's scheme while it is 'system'. */
export function subscribeToThemePreference(listener: () => void): () => void {
  listeners.add(listener);
  const media = matchMedia(DARK_QUERY);
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY || event.key === null) refresh();
  };
  media.addEventListener('change', refresh);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', refresh);
    window.removeEventListener('storage', onStorage);
  };
}

const NONCE_SOURCE = /^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/;

/** The nonce of this response's CSP for scripts, read the way Next.js reads it for its own inline scripts. */
export function scriptNonceOf(policy: string | null): string | undefined {
  const directives = (policy ?? '').split(';').map((directive) => directive.trim().split(/\s+/));
  const scripts = directives.find(([name]) => name === 'script-src') ?? directives.find(([name]) => name === 'default-src');
  for (const source of scripts?.slice(1) ?? []) {
    const nonce = NONCE_SOURCE.exec(source)?.[1];
    if (nonce) return nonce;
  }
  return undefined;
}
