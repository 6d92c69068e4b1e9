/**
 * What the 连线成片 analysis adds to the map, as plain data: marker points (cluster labels,
 * isolated communities, numbered bridge suggestions) and per-community feature states.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { BridgePlan, ClusterReport, ClusterRing, UnitMetrics } from '../core/index.ts';

export interface MarkerProperties {
  kind: 'cluster' | 'isolated' | 'bridge';
  text: string;
  /** Cluster id (cluster markers) or community index (others). */
  cluster: number;
  index: number;
}

/** Per-community feature state; every key is always present so that diffs are simple. */
export type CommunityState = {
  demo: boolean;
  cluster: number;
  isolated: boolean;
  ring: boolean;
  /** 1-based order of the bridge suggestion, 0 when none. */
  bridge: number;
  dim: boolean;
  hover: boolean;
  selected: boolean;
};

function point(metrics: UnitMetrics, index: number): [number, number] {
  return [metrics.labelPoints[2 * index]!, metrics.labelPoints[2 * index + 1]!];
}

/** Markers: "片区 n" at each multi-member cluster, "孤" on isolated ones, numbers on bridges. */
export function analysisMarkers(report: ClusterReport | null, bridges: BridgePlan | null, metrics: UnitMetrics, show: { clusters: boolean; bridges: boolean }): FeatureCollection<Point, MarkerProperties> {
  const features: FeatureCollection<Point, MarkerProperties>['features'] = [];
  if (report && show.clusters) {
    for (const cluster of report.clusters) {
      if (cluster.size > 1) {
        features.push({ type: 'Feature', properties: { kind: 'cluster', text: `片区 ${cluster.id + 1}`, cluster: cluster.id, index: cluster.members[0]! }, geometry: { type: 'Point', coordinates: cluster.labelPoint } });
      }
    }
    for (const index of report.isolated) {
      features.push({ type: 'Feature', properties: { kind: 'isolated', text: '孤', cluster: report.clusterOf[index]!, index }, geometry: { type: 'Point', coordinates: point(metrics, index) } });
    }
  }
  if (bridges && show.bridges) {
    for (const suggestion of bridges.suggestions) {
      features.push({ type: 'Feature', properties: { kind: 'bridge', text: String(suggestion.step), cluster: -1, index: suggestion.node }, geometry: { type: 'Point', coordinates: point(metrics, suggestion.node) } });
    }
  }
  return { type: 'FeatureCollection', features };
}

export interface StateInputs {
  count: number;
  selected: Uint8Array;
  report: ClusterReport | null;
  rings: ClusterRing[] | null;
  bridges: BridgePlan | null;
  /** 1 = passes the filters; empty = no filter. */
  matches: Uint8Array | null;
  hovered: number | null;
  focused: number | null;
}

/** The feature state of every community. */
export function communityStates({ count, selected, report, rings, bridges, matches, hovered, focused }: StateInputs): CommunityState[] {
  const states: CommunityState[] = Array.from({ length: count }, (_, i) => ({
    demo: selected[i] === 1,
    cluster: report?.clusterOf[i] ?? -1,
    isolated: false,
    ring: false,
    bridge: 0,
    dim: matches !== null && matches[i] === 0,
    hover: i === hovered,
    selected: i === focused,
  }));
  if (report) for (const index of report.isolated) states[index]!.isolated = true;
  if (rings) for (const { ring } of rings) for (const index of ring) states[index]!.ring = true;
  if (bridges) for (const suggestion of bridges.suggestions) states[suggestion.node]!.bridge = suggestion.step;
  return states;
}
