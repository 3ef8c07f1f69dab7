import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What a server process reports about itself for one measurement window. */
export type ServerFigures = {
  /** Share of one core used by the process (user + system), in %. */
  cpuPercent: number;
  rssMb: number;
  rssMaxMb: number;
  heapUsedMb: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
};

const MB = 1024 * 1024;

/** Measures CPU, memory and event-loop lag of the current process between `reset()` and `read()`. */
export class ServerMetrics {
  readonly #delay = monitorEventLoopDelay({ resolution: 10 });
  #cpu = process.cpuUsage();
  #since = performance.now();
  #rssMax = 0;
  readonly #sampler: NodeJS.Timeout;

  constructor() {
    this.#delay.enable();
    this.#sampler = setInterval(() => {
      this.#rssMax = Math.max(this.#rssMax, process.memoryUsage.rss());
    }, 200);
    this.#sampler.unref();
  }

  reset(): void {
    this.#delay.reset();
    this.#cpu = process.cpuUsage();
    this.#since = performance.now();
    this.#rssMax = process.memoryUsage.rss();
  }

  read(): ServerFigures {
    const cpu = process.cpuUsage(this.#cpu);
    const elapsedMs = Math.max(1, performance.now() - this.#since);
    const rss = process.memoryUsage.rss();
    this.#rssMax = Math.max(this.#rssMax, rss);
    const toMs = (nanoseconds: number) => Math.round((nanoseconds / 1e6) * 10) / 10;
    return {
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 10,
      rssMb: Math.round(rss / MB),
      rssMaxMb: Math.round(this.#rssMax / MB),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / MB),
      lagP50Ms: toMs(this.#delay.percentile(50)),
      lagP99Ms: toMs(this.#delay.percentile(99)),
      lagMaxMs: toMs(this.#delay.max),
    };
  }
}

export type MetricsRequest = { type: 'metrics'; id: number; reset: boolean };
export type MetricsReply = { type: 'metrics'; id: number; figures: ServerFigures };

/** Answers the bench runner's metric requests over the IPC channel the runner opened. */
export function serveMetricsOverIpc(metrics: ServerMetrics): void {
  process.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null || !('type' in message) || message.type !== 'metrics') return;
    const { id, reset } = message as MetricsRequest;
    const reply: MetricsReply = { type: 'metrics', id, figures: metrics.read() };
    if (reset) metrics.reset();
    process.send?.(reply);
  });
}
