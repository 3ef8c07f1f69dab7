// One node without the Next.js pages (API + Socket.IO), configured like server/main.ts; the multi-node tests
// start several. Prints "listening on <port>" once it accepts connections.
import { startServer } from '../server/app';
import { readEnvironment } from '../server/env';
import { closeOnSignals, serverOptionsFrom, shutdownOptionsFrom } from '../server/start-options';

const environment = readEnvironment();
const options = serverOptionsFrom(environment);
// A short presence expiry lets the tests see a killed node's participants go offline quickly.
const server = await startServer({ ...options, redis: options.redis && { ...options.redis, presenceTtlMs: 4_000 } });
console.log(`listening on ${server.port}`);
closeOnSignals(server, shutdownOptionsFrom(environment));
