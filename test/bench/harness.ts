/**
 * A small benchmark harness: warm-up, repeated runs, min/mean/p50 in milliseconds, and ratios
 * against a baseline measured in the same run (absolute times vary between machines; ratios
 * much less). Benchmarks are plain files `test/bench/*.bench.ts` that export `default (h) => …`.
 */
import { cpus, totalmem } from 'node:os';

export interface Stats {
  group: string;
  name: string;
  runs: number;
  minMs: number;
  meanMs: number;
  medianMs: number;
  baseline: boolean;
  /** Free-form extra figures (pairs found, peak memory, …). */
  note: string;
}

export interface MeasureOptions {
  /** This case is the reference for the others in its group. */
  baseline?: boolean;
  /** Timed runs after warm-up (default 5). */
  runs?: number;
  /** Untimed warm-up runs (default 1). */
  warmup?: number;
  /** Text shown in the Note column; a function receives the last result. */
  note?: string | ((result: unknown) => string);
}

export class Harness {
  readonly results: Stats[] = [];
  private group = '';

  constructor(private readonly log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  /** Starts a group; ratios compare the cases of one group with its baseline. */
  section(title: string): void {
    this.group = title;
    this.log(`\n## ${title}`);
  }

  /** Times `fn` and records it; returns the value of the last run. */
  async measure<T>(name: string, fn: () => T | Promise<T>, options: MeasureOptions = {}): Promise<T> {
    const { runs = 5, warmup = 1, baseline = false } = options;
    let result: T | undefined;
    for (let i = 0; i < warmup; i++) result = await fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      result = await fn();
      times.push(performance.now() - start);
    }
    const note = typeof options.note === 'function' ? options.note(result) : (options.note ?? '');
    this.record(name, times, { baseline, note });
    return result as T;
  }

  /** Records times measured elsewhere (inside a child process, a database server, …). */
  record(name: string, timesMs: readonly number[], options: { baseline?: boolean; note?: string } = {}): Stats {
    const times = [...timesMs].sort((a, b) => a - b);
    const note = options.note ?? '';
    const stats: Stats = {
      group: this.group,
      name,
      runs: times.length,
      minMs: times[0]!,
      meanMs: times.reduce((sum, t) => sum + t, 0) / times.length,
      medianMs: times[Math.floor(times.length / 2)]!,
      baseline: options.baseline ?? false,
      note,
    };
    this.results.push(stats);
    this.log(`  ${name.padEnd(56)} min ${fmt(stats.minMs).padStart(9)} ms  mean ${fmt(stats.meanMs).padStart(9)} ms${note ? `  ${note}` : ''}`);
    return stats;
  }

  /** Ratio of a case to its group's baseline (baseline min / case min: > 1 means faster). */
  speedup(stats: Stats): number | undefined {
    const base = this.results.find((candidate) => candidate.group === stats.group && candidate.baseline);
    if (!base || base === stats) return undefined;
    return base.minMs / stats.minMs;
  }

  /** The results as a Markdown table with the machine and Node version. */
  markdown(): string {
    const cpu = cpus();
    const lines = [
      `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| Group | Case | min (ms) | mean (ms) | vs baseline | Note |',
      '|---|---|---:|---:|---:|---|',
    ];
    for (const stats of this.results) {
      const ratio = this.speedup(stats);
      const versus = stats.baseline ? 'baseline' : ratio === undefined ? '' : `${ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`}`;
      lines.push(`| ${stats.group} | ${stats.name} | ${fmt(stats.minMs)} | ${fmt(stats.meanMs)} | ${versus} | ${stats.note} |`);
    }
    return lines.join('\n');
  }
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
