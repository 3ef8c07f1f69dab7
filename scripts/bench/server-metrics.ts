import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What a server process reports about itself for one measurement window. */
export type ServerFigures = {
  /** Share of one core used by the process (user + system), in %. */
  cpuPercent: number;
  /** CPU time the process used (user + system), in ms. */
  cpuMs: number;
  rssMb: number;
  rssMaxMb: number;
  heapUsedMb: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
};

const MB = 1024 * 1024;

/** One measurement window: CPU, peak RSS and event-loop lag since its last reset. */
class Window {
  readonly delay = monitorEventLoopDelay({ resolution: 10 });
  cpu = process.cpuUsage();
  since = performance.now();
  rssMax = process.memoryUsage.rss();

  constructor() {
    this.delay.enable();
  }

  reset(): void {
    this.delay.reset();
    this.cpu = process.cpuUsage();
    this.since = performance.now();
    this.rssMax = process.memoryUsage.rss();
  }
}

/**
 * Measures CPU, memory and event-loop lag of the current process between `reset()` and `read()`, in independent
 * named windows: a scenario's ('scenario') and, inside it, one step's ('step').
 */
export class ServerMetrics {
  readonly #windows = new Map<string, Window>();
  readonly #sampler: NodeJS.Timeout;

  constructor() {
    this.#window('scenario');
    this.#sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      for (const window of this.#windows.values()) window.rssMax = Math.max(window.rssMax, rss);
    }, 200);
    this.#sampler.unref();
  }

  #window(name: string): Window {
    let window = this.#windows.get(name);
    if (!window) this.#windows.set(name, (window = new Window()));
    return window;
  }

  reset(name = 'scenario'): void {
    this.#window(name).reset();
  }

  read(name = 'scenario'): ServerFigures {
    const window = this.#window(name);
    const cpu = process.cpuUsage(window.cpu);
    const elapsedMs = Math.max(1, performance.now() - window.since);
    const rss = process.memoryUsage.rss();
    window.rssMax = Math.max(window.rssMax, rss);
    const toMs = (nanoseconds: number) => Math.round((nanoseconds / 1e6) * 10) / 10;
    return {
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 10,
      cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
      rssMb: Math.round(rss / MB),
      rssMaxMb: Math.round(window.rssMax / MB),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / MB),
      lagP50Ms: toMs(window.delay.percentile(50)),
      lagP99Ms: toMs(window.delay.percentile(99)),
      lagMaxMs: toMs(window.delay.max),
    };
  }
}

export type MetricsRequest = { type: 'metrics'; id: number; reset: boolean; window?: string };
export type MetricsReply = { type: 'metrics'; id: number; figures: ServerFigures };

/** Answers the bench runner's metric requests over the IPC channel the runner opened. */
export function serveMetricsOverIpc(metrics: ServerMetrics): void {
  process.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null || !('type' in message) || message.type !== 'metrics') return;
    const { id, reset, window } = message as MetricsRequest;
    const reply: MetricsReply = { type: 'metrics', id, figures: metrics.read(window) };
    if (reset) metrics.reset(window);
    process.send?.(reply);
  });
}
