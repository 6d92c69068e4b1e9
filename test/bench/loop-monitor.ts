/**
 * Preloaded into the benchmarked server (`node --import <this file>`, by server.bench.ts): measures
 * the server's event-loop stalls (perf_hooks.monitorEventLoopDelay: how late a 10 ms timer runs)
 * its garbage-collection pauses, the CPU time of the whole process (every thread: the request
 * loop, the database and model workers) and the request loop's utilisation, from SIGUSR2 (sent
 * after the warm-up) on, and writes them as JSON to BENCH_LOOP_STATS when the process exits.
 * It imports nothing of the server, so it measures any checkout's server (the baseline too).
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization, type PerformanceEntry } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_STATS;
/** The timer interval of the delay histogram, in milliseconds (its samples include it). */
const RESOLUTION_MS = 10;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const gcPauses: number[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEntry[]) gcPauses.push(entry.duration);
  });
  let started = false;
  let cpuStart: NodeJS.CpuUsage | undefined;
  let eluStart: EventLoopUtilization | undefined;
  let wallStart = 0;
  // Measure from the first request on (not the start-up: migrations, the seed, the first build).
  const start = () => {
    if (started) return;
    started = true;
    delay.enable();
    gc.observe({ entryTypes: ['gc'] });
    cpuStart = process.cpuUsage();
    eluStart = performance.eventLoopUtilization();
    wallStart = performance.now();
  };
  process.on('SIGUSR2', start);
  process.on('exit', () => {
    if (!started) return;
    delay.disable();
    gc.disconnect();
    const cpu = process.cpuUsage(cpuStart);
    const wallMs = performance.now() - wallStart;
    // A stall: how much later than its interval the timer ran, in milliseconds.
    const stall = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    const sorted = [...gcPauses].sort((a, b) => a - b);
    writeFileSync(
      file,
      JSON.stringify({
        stallP50: stall(delay.percentile(50)),
        stallP99: stall(delay.percentile(99)),
        stallMax: stall(delay.max),
        gcCount: sorted.length,
        gcTotalMs: sorted.reduce((sum, value) => sum + value, 0),
        gcMaxMs: sorted.at(-1) ?? 0,
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs,
        loopUtilisation: performance.eventLoopUtilization(eluStart).utilization,
      }),
    );
  });
}
