/**
 * Incremental what-if planning on a fixed adjacency graph: toggling one unit updates only the
 * clusters it touches (merge on select, local search on deselect), then rebuilds the report,
 * rings and bridge suggestions. The graph and metrics are built once per boundary set.
 */
import { bridgesForReport, createBridgeScratch, type BridgeSolution } from './bridges.ts';
import type { ClusterRing } from './cluster-ring.ts';
import { labelComponents, summarize, type ClusterInfo, type ClusterReport } from './clusters.ts';
import type { AdjacencyGraph } from './graph.ts';
import { sortIndices } from './sort-indices.ts';
import type { UnitMetrics } from '../metrics.ts';

export interface ClusterSnapshot {
  /** The selection (a copy owned by the snapshot). */
  designated: Uint8Array;
  /** Read-only: snapshots share the member, bbox, label point and ring arrays of clusters a toggle did not change. */
  report: ClusterReport;
  rings: ClusterRing[];
  bridges: BridgeSolution;
}

export interface ClusterTrackerOptions {
  /** Per-unit figures for cluster area, population, bbox and label point. */
  metrics?: UnitMetrics;
  /** Bridge cost per node (see `readinessCost`); default 1. */
  cost?: Float64Array;
  /**
   * `approximation` (default): the shortest-path heuristic only, a few milliseconds on 10,000
   * nodes; `auto`: exact for up to 8 clusters like `suggestBridges` (can take hundreds of ms).
   */
  bridges?: 'approximation' | 'auto';
}

export interface ClusterTracker {
  /** Replaces the whole selection (one byte per node, non-zero = selected). */
  set(designated: Uint8Array): ClusterSnapshot;
  /** Selects or deselects one node. */
  toggle(node: number): ClusterSnapshot;
  /**
   * Moves to a new selection: the nodes that differ are toggled one by one (the cluster search
   * touches only their clusters), or the clusters are searched afresh when many differ.
   * Returns the current snapshot unchanged when nothing differs.
   */
  update(designated: Uint8Array): ClusterSnapshot;
  /** The current state (the object the last `set`/`toggle` returned). */
  snapshot(): ClusterSnapshot;
}

/** `update` toggles at most this many nodes before it searches the clusters afresh. */
const MAX_INCREMENTAL_CHANGES = 32;

/** A component of the selection, kept between toggles. */
interface Component {
  /** Members ascending; summary figures in `info` (id is assigned per snapshot). */
  info: ClusterInfo;
  /**
   * Its ring (unselected neighbours, ascending), made on first use and kept while the component
   * lives: a toggle changes the selection state of one node only, and that node's selected
   * neighbours all belong to the components the toggle makes, so every other ring stays as it was.
   */
  ring: number[] | null;
}

/**
 * A what-if planner over one graph. Every snapshot equals what `contiguousClusters`,
 * `clusterRings` and `suggestBridges` (with `exactMaxClusters: 0` in approximation mode) give
 * for the same selection; the planner only avoids redoing the cluster search.
 * Cost per toggle: O(size of the clusters touched) for the clusters, O(nodes + edges) for the
 * bridges; about a millisecond on a 10,000-unit graph (see the clusters benchmark).
 * @throws RangeError from `set` (wrong length) or `toggle` (node outside 0 … nodeCount − 1).
 * @example
 * const tracker = createClusterTracker(graph, { metrics, cost: readinessCost(shares) });
 * planner.set(demoFlags);
 * planner.toggle(42).bridges.added; // what would still be needed if unit 42 were designated
 */
export function createClusterTracker(graph: AdjacencyGraph, options: ClusterTrackerOptions = {}): ClusterTracker {
  const { metrics, cost, bridges = 'approximation' } = options;
  const n = graph.nodeCount;
  const { offsets, neighbors } = graph;
  const designated = new Uint8Array(n);
  const handleOf = new Int32Array(n).fill(-1);
  const components = new Map<number, Component>();
  let nextHandle = 0;
  // Buffers the bridge search reuses on every toggle (nothing sized by the graph is allocated per toggle for it).
  const bridgeScratch = createBridgeScratch(n);
  // Ring search stamp: the last ring search that listed each node (searches are numbered).
  const listedBy = new Int32Array(n).fill(-1);
  let ringSearch = 0;

  /** The unselected neighbours of `members`, ascending: clusterRings' ring of this component. */
  const ringOf = (members: readonly number[]): number[] => {
    if (ringSearch === 0x7fffffff) {
      listedBy.fill(-1);
      ringSearch = 0;
    }
    const search = ringSearch++;
    const ring: number[] = [];
    for (const v of members) {
      for (let k = offsets[v]!, end = offsets[v + 1]!; k < end; k++) {
        const w = neighbors[k]!;
        if (!designated[w] && listedBy[w] !== search) {
          listedBy[w] = search;
          ring.push(w);
        }
      }
    }
    return sortIndices(ring);
  };

  const makeComponent = (members: number[]): number => {
    const info: ClusterInfo = { id: -1, members, size: members.length, areaM2: Number.NaN, population: null, bbox: [Number.NaN, Number.NaN, Number.NaN, Number.NaN], labelPoint: [Number.NaN, Number.NaN] };
    if (metrics) summarize(info, metrics);
    const handle = nextHandle++;
    components.set(handle, { info, ring: null });
    for (const v of members) handleOf[v] = handle;
    return handle;
  };

  const build = (): ClusterSnapshot => {
    // Ids as contiguousClusters assigns them: size descending, then smallest member. One integer
    // key per component, (n − size) × n + smallest member, sorted natively (an Int32Array's sort is
    // several times a Float64Array's): a comparator sort of ~1,000 components called back into JS
    // ~10,000 times per toggle (~5 % of it).
    const keys = (n + 1) * n <= 0x7fffffff ? new Int32Array(components.size) : new Float64Array(components.size);
    let i = 0;
    for (const { info } of components.values()) keys[i++] = (n - info.size) * n + info.members[0]!;
    keys.sort();
    const ordered: Component[] = [];
    for (let j = 0; j < keys.length; j++) ordered.push(components.get(handleOf[keys[j]! % n]!)!);
    const clusterOf = new Int32Array(n).fill(-1);
    const rings = ordered.map((component, clusterId): ClusterRing => ({ clusterId, ring: (component.ring ??= ringOf(component.info.members)) }));
    const clusters = ordered.map(({ info }, id): ClusterInfo => {
      for (const v of info.members) clusterOf[v] = id;
      // A literal, not a spread: V8 builds a spread copy key by key (~1.6 % of a toggle). The
      // member, bbox and label point arrays are the component's, shared by the snapshots it is in.
      return { id, members: info.members, size: info.size, areaM2: info.areaM2, population: info.population, bbox: info.bbox, labelPoint: info.labelPoint };
    });
    const isolated = sortIndices(clusters.filter((c) => c.size === 1).map((c) => c.members[0]!));
    let selectedCount = 0;
    for (const c of clusters) selectedCount += c.size;
    const report: ClusterReport = { clusters, isolated, contiguous: clusters.length <= 1, clusterOf, designatedCount: selectedCount };
    return {
      designated: designated.slice(),
      report,
      rings,
      bridges: bridgesForReport(graph, report, { cost, exactMaxClusters: bridges === 'auto' ? undefined : 0 }, bridgeScratch),
    };
  };

  const select = (v: number) => {
    // Merge v with the components of its selected neighbours.
    const merged = new Set<number>();
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const h = handleOf[neighbors[e]!]!;
      if (h >= 0) merged.add(h);
    }
    const members = [v];
    for (const h of merged) {
      for (const m of components.get(h)!.info.members) members.push(m);
      components.delete(h);
    }
    designated[v] = 1;
    makeComponent(sortIndices(members));
  };

  const deselect = (v: number) => {
    // Re-search only the component v leaves: it may fall apart into one piece per neighbour.
    const old = handleOf[v]!;
    components.delete(old);
    designated[v] = 0;
    handleOf[v] = -1;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const start = neighbors[e]!;
      if (handleOf[start] !== old) continue;
      const members = [start];
      handleOf[start] = -2;
      for (let head = 0; head < members.length; head++) {
        const u = members[head]!;
        for (let k = offsets[u]!, stop = offsets[u + 1]!; k < stop; k++) {
          const w = neighbors[k]!;
          if (handleOf[w] === old) {
            handleOf[w] = -2;
            members.push(w);
          }
        }
      }
      makeComponent(sortIndices(members));
    }
  };

  let current: ClusterSnapshot;
  const tracker: ClusterTracker = {
    set(next) {
      if (next.length !== n) throw new RangeError(`selected has ${next.length} entries, expected one per node (${n})`);
      components.clear();
      handleOf.fill(-1);
      for (let v = 0; v < n; v++) designated[v] = next[v] ? 1 : 0;
      const { labels, count } = labelComponents(graph, designated);
      const groups: number[][] = Array.from({ length: count }, () => []);
      for (let v = 0; v < n; v++) if (labels[v]! >= 0) groups[labels[v]!]!.push(v);
      for (const members of groups) makeComponent(members);
      current = build();
      return current;
    },
    toggle(node) {
      if (!Number.isInteger(node) || node < 0 || node >= n) throw new RangeError(`node ${node} outside 0 … ${n - 1}`);
      if (designated[node]) deselect(node);
      else select(node);
      current = build();
      return current;
    },
    update(next) {
      if (next.length !== n) throw new RangeError(`selected has ${next.length} entries, expected one per node (${n})`);
      const changed: number[] = [];
      for (let v = 0; v < n; v++) if ((next[v] ? 1 : 0) !== designated[v]) changed.push(v);
      if (changed.length === 0) return current;
      // Toggling costs O(size of the clusters touched) per node; past a few dozen a fresh search is cheaper.
      if (changed.length > MAX_INCREMENTAL_CHANGES) return tracker.set(next);
      for (const v of changed) {
        if (designated[v]) deselect(v);
        else select(v);
      }
      current = build();
      return current;
    },
    snapshot: () => current,
  };
  current = build();
  return tracker;
}
