import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

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
