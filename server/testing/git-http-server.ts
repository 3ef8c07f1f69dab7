import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { secretsMatch } from '../domain/secrets';
import { GIT_HTTP_BACKEND } from './services';

const run = promisify(execFile);

/** Runs git with a fixed identity and no user or system configuration, so tests do not depend on the machine. */
export function git(args: string[], cwd?: string) {
  return run('git', args, {
    cwd,
    env: {
      NODE_ENV: 'test',
      PATH: process.env.PATH,
      HOME: tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.org',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.org',
    },
  });
}

function tokenOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

/** Sends git-http-backend's CGI answer (headers, a blank line, the body) as the HTTP response. */
function relayCgi(output: Buffer, response: ServerResponse): void {
  const end = output.indexOf('\r\n\r\n');
  const split = end >= 0 ? end : output.indexOf('\n\n');
  const separator = end >= 0 ? 4 : 2;
  const head = output.subarray(0, split).toString('latin1');
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  response.writeHead(status, headers);
  response.end(output.subarray(split + separator));
}

/**
 * A Git smart-HTTP server on 127.0.0.1 for tests: Debian's `git http-backend` behind basic authentication that
 * takes one token (any user name, as GitHub and Gitea do), serving bare repositories in a temporary folder.
 * `createRepository` makes a bare repository with one commit on `main`. A `readOnlyToken` may fetch but gets 403 on a
 * push, like a token without write access on GitHub.
 */
export async function startGitHttpServer(options: { token: string; readOnlyToken?: string }) {
  const root = await mkdtemp(path.join(tmpdir(), 'roundtable-git-'));
  const requests: { method: string; url: string; isAllowed: boolean }[] = [];
  const server = createServer((request, response) => {
    const given = tokenOf(request);
    const isReadOnly = given !== null && options.readOnlyToken !== undefined && secretsMatch(given, options.readOnlyToken);
    const isAllowed = given !== null && (secretsMatch(given, options.token) || isReadOnly);
    requests.push({ method: request.method ?? '', url: request.url ?? '', isAllowed });
    if (!isAllowed) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="git"', 'content-type': 'text/plain' });
      response.end('Authentication required');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (isReadOnly && (url.pathname.endsWith('/git-receive-pack') || url.searchParams.get('service') === 'git-receive-pack')) {
      response.writeHead(403, { 'content-type': 'text/plain' });
      response.end('Forbidden');
      return;
    }
    const backend = spawn(GIT_HTTP_BACKEND, [], {
      env: {
        NODE_ENV: 'test',
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        REMOTE_USER: 'token',
        REQUEST_METHOD: request.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        // git-http-backend reads a gzip-encoded body itself.
        HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
        // Protocol v2, as real hosts speak it: it lets a partial clone fetch the blobs it lacks by id.
        GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
      },
    });
    const chunks: Buffer[] = [];
    backend.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    backend.on('close', () => relayCgi(Buffer.concat(chunks), response));
    backend.on('error', () => {
      response.writeHead(500);
      response.end();
    });
    request.pipe(backend.stdin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    root,
    requests,
    /** A bare repository `<name>.git` with one commit (a README) on `main`; its URL without credentials. */
    async createRepository(name: string): Promise<string> {
      const bare = path.join(root, `${name}.git`);
      await git(['init', '--bare', '--initial-branch=main', bare]);
      await git(['config', 'http.receivepack', 'true'], bare);
      const work = await mkdtemp(path.join(tmpdir(), 'roundtable-git-work-'));
      await git(['init', '--initial-branch=main', work]);
      await run('sh', ['-c', 'printf "# Community meetings\\n" > README.md'], { cwd: work });
      await git(['add', 'README.md'], work);
      await git(['commit', '-m', 'Start'], work);
      await git(['push', bare, 'main'], work);
      await rm(work, { recursive: true, force: true });
      return `${url}/${name}.git`;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
