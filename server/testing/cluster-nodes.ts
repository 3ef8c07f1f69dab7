import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { io as connectSocket } from 'socket.io-client';
import { createPostgresDatabase, type TestDatabase } from '../../prisma/test-databases';
import { applyMigrations } from '../persistence/migrator';
import { redisTestUrl } from './services';
import type { TestClient } from './test-server';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type ClusterNode = { url: string; port: number; process: ChildProcess; output: string[] };

/** Starts scripts/api-node.ts in its own process (no Next.js) and resolves once it listens. */
export function startNode(environment: Record<string, string>, timeoutMs = 30_000): Promise<ClusterNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/api-node.ts'], {
    cwd: root,
    // Warnings and errors only (they end up in a failure's message), unless the run sets LOG_LEVEL.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', CHECK_INS_PER_ADDRESS: '100000', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node did not start within ${timeoutMs} ms:\n${output.join('')}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening on (\d+)/.exec(output.join(''));
      if (!match) return;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolve({ url: `http://127.0.0.1:${port}`, port, process: child, output });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}:\n${output.join('')}`));
    });
  });
}

export async function stopNode(node: ClusterNode, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (node.process.exitCode !== null || node.process.signalCode !== null) return;
  const exited = new Promise((resolve) => node.process.once('exit', resolve));
  node.process.kill(signal);
  await exited;
}

/**
 * A stand-in for a load balancer with sticky sessions: every connection goes to the current target; when the
 * target dies its connections break and clients reconnect to whatever the target is then.
 */
export async function startProxy(initialTarget: number) {
  let target = initialTarget;
  let refusing = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    if (refusing) {
      downstream.destroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    retarget(port: number) {
      target = port;
    },
    /** Cuts every open connection and drops new ones until `restore()`: the target looks unreachable. */
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Two API nodes on a fresh PostgreSQL database and a Redis key prefix of their own, with the per-IP limits raised
 * (every test client comes from 127.0.0.1). `connect` opens socket clients that `close` disconnects before it
 * stops the nodes, drops the database and deletes the prefix's keys.
 */
export class TwoNodeCluster {
  readonly #prefix = `roundtable-test-${randomBytes(6).toString('hex')}`;
  readonly #clients: TestClient[] = [];
  #database: TestDatabase | undefined;
  #nodes: [ClusterNode, ClusterNode] | undefined;

  async start(): Promise<void> {
    this.#database = await createPostgresDatabase();
    await applyMigrations(this.#database.url);
    const environment = {
      DATABASE_URL: this.#database.url,
      REDIS_URL: redisTestUrl,
      REDIS_PREFIX: this.#prefix,
      RATE_LIMIT_CALLS_PER_MINUTE: '100000',
      RATE_LIMIT_API_PER_MINUTE: '100000',
      RATE_LIMIT_CONNECTIONS_PER_10S: '100000',
    };
    this.#nodes = await Promise.all([startNode(environment), startNode(environment)]);
  }

  get nodes(): [ClusterNode, ClusterNode] {
    if (!this.#nodes) throw new Error('The cluster has not started.');
    return this.#nodes;
  }

  connect(url: string): TestClient {
    const client: TestClient = connectSocket(url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 300 });
    this.#clients.push(client);
    return client;
  }

  async close(): Promise<void> {
    for (const client of this.#clients) client.disconnect();
    await Promise.all((this.#nodes ?? []).map((node) => stopNode(node)));
    await this.#database?.drop();
    const redis = createClient({ url: redisTestUrl });
    redis.on('error', () => undefined);
    await redis.connect().catch(() => undefined);
    if (!redis.isOpen) return;
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${this.#prefix}*`, COUNT: 500 })) keys.push(...batch);
    if (keys.length > 0) await redis.del(keys);
    await redis.close();
  }
}
