import { startServer } from './app';
import { readEnvironment } from './env';
import { closeOnSignals, serverOptionsFrom, shutdownOptionsFrom } from './start-options';
import { tuneV8ForServing } from './v8-tuning';

tuneV8ForServing();

const environment = readEnvironment();
const server = await startServer({ ...serverOptionsFrom(environment), next: { dev: environment.NODE_ENV !== 'production' } });
server.logger.info({ url: environment.PUBLIC_URL ?? `http://localhost:${server.port}`, metricsUrl: server.metricsUrl }, 'Roundtable is running');
closeOnSignals(server, shutdownOptionsFrom(environment));
