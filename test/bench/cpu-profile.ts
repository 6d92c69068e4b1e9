/**
 * Reading a Chrome DevTools CPU profile (CDP `Profiler.stop`) for the browser benches: the busy
 * stretches (consecutive samples not in "(idle)") and the time per function in them.
 */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
/** Samples [from, to) and their milliseconds. */
export interface Stretch {
  from: number;
  to: number;
  ms: number;
}

export interface ReadProfile {
  /** `function file:line` of a node. */
  name(node: ProfileNode): string;
  /** Busy stretches in sample order, and the busy milliseconds in all. */
  stretches: Stretch[];
  busyMs: number;
  /** Per function name: self time and inclusive time (each name once per stack) over the stretches; `keep` filters the stack's nodes. */
  timeIn(stretches: readonly Stretch[], keep?: (node: ProfileNode) => boolean): { self: Map<string, number>; inclusive: Map<string, number> };
}

export function readProfile(profile: Profile): ReadProfile {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber + 1}`;
  const deltaOf = (i: number) => (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const stretches: Stretch[] = [];
  let from = -1;
  let ms = 0;
  let busyMs = 0;
  profile.samples.forEach((sample, i) => {
    const idle = byId.get(sample)!.callFrame.functionName === '(idle)';
    if (!idle) {
      busyMs += deltaOf(i);
      if (from < 0) {
        from = i;
        ms = 0;
      }
      ms += deltaOf(i);
    }
    if ((idle || i === profile.samples.length - 1) && from >= 0) {
      stretches.push({ from, to: i, ms });
      from = -1;
    }
  });
  return {
    name,
    stretches,
    busyMs,
    timeIn(chosen, keep = () => true) {
      const self = new Map<string, number>();
      const inclusive = new Map<string, number>();
      for (const stretch of chosen) {
        for (let i = stretch.from; i < stretch.to; i++) {
          const delta = deltaOf(i);
          const leaf = byId.get(profile.samples[i]!)!;
          if (keep(leaf)) self.set(name(leaf), (self.get(name(leaf)) ?? 0) + delta);
          const seen = new Set<string>();
          for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
            const node = byId.get(id)!;
            if (!keep(node)) continue;
            const key = name(node);
            if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
            seen.add(key);
          }
        }
      }
      return { self, inclusive };
    },
  };
}

/** The `count` largest entries, one line each: milliseconds, then `extra` (e.g. a share), then the name. */
export function topLines(map: ReadonlyMap<string, number>, count: number, indent = '    ', extra: (ms: number) => string = () => ''): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => `${indent}${ms.toFixed(0).padStart(5)} ms${extra(ms)}  ${key}`)
    .join('\n');
}
