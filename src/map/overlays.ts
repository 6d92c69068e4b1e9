/**
 * What the 连线成片 analysis adds to the map, as plain data: marker points (cluster labels,
 * isolated communities, numbered bridge suggestions) and per-community feature states.
 */
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { clusterLabel, type BridgePlan, type ClusterReport, type ClusterRing, type UnitMetrics } from '../core/index.ts';

/** Community shapes by feature index: the dataset's boundaries or a map layer built from them. */
export interface CommunityShapes {
  features: readonly { geometry: Polygon | MultiPolygon }[];
}

export interface MarkerProperties {
  kind: 'cluster' | 'isolated' | 'bridge';
  text: string;
  /** Cluster id (cluster markers) or community index (others). */
  cluster: number;
  index: number;
}

function point(metrics: UnitMetrics, index: number): [number, number] {
  return [metrics.labelPoints[2 * index]!, metrics.labelPoints[2 * index + 1]!];
}

/** Markers: "片区 n" at each multi-member cluster, "孤" on isolated ones, numbers on bridges. */
export function analysisMarkers(report: ClusterReport | null, bridges: BridgePlan | null, metrics: UnitMetrics, show: { clusters: boolean; bridges: boolean }): FeatureCollection<Point, MarkerProperties> {
  const features: FeatureCollection<Point, MarkerProperties>['features'] = [];
  if (report && show.clusters) {
    for (const cluster of report.clusters) {
      if (cluster.size > 1) {
        features.push({ type: 'Feature', properties: { kind: 'cluster', text: clusterLabel(cluster.id), cluster: cluster.id, index: cluster.members[0]! }, geometry: { type: 'Point', coordinates: cluster.labelPoint } });
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

/**
 * Per-community feature state of the big communities source: only what the fill needs. Outlines
 * (ring, isolated, bridges, hover, selection) are small separate sources, so a what-if toggle or
 * a hover re-uploads no paint buffers for thousands of polygons.
 */
export type CommunityState = {
  demo: boolean;
  dim: boolean;
  /** Lagging as of the chosen round (the core's answer). */
  lagging: boolean;
  /** Inspection score as of the chosen round, −1 when not inspected yet. */
  score: number;
  /** Theme key given in planning to a planned addition ('' for none). */
  plannedTheme: string;
};

/**
 * The feature state of every community: designated in the plan, dimmed by the filters, the
 * lagging flag and score as of the chosen round (so moving the as-of slider re-uploads no
 * polygons), and the theme given in planning to a planned addition.
 */
export function communityStates(
  selected: Uint8Array,
  matches: Uint8Array | null,
  lagging: readonly { lagging: boolean; score: number | null }[] | null = null,
  plannedThemes: readonly string[] = [],
): CommunityState[] {
  return Array.from(selected, (value, i) => ({
    demo: value === 1,
    dim: matches !== null && matches[i] === 0,
    lagging: lagging?.[i]?.lagging ?? false,
    score: lagging?.[i]?.score ?? -1,
    plannedTheme: plannedThemes[i] ?? '',
  }));
}

export type HighlightRole = 'ring' | 'isolated' | 'bridge';

/** Polygons to outline for the analysis: ring neighbours, isolated communities, bridge suggestions. */
export function analysisHighlights(
  communities: CommunityShapes,
  report: ClusterReport | null,
  rings: ClusterRing[] | null,
  bridges: BridgePlan | null,
): FeatureCollection<Polygon | MultiPolygon, { role: HighlightRole; step: number }> {
  const features: FeatureCollection<Polygon | MultiPolygon, { role: HighlightRole; step: number }>['features'] = [];
  const add = (index: number, role: HighlightRole, step = 0) => {
    const feature = communities.features[index];
    if (feature) features.push({ type: 'Feature', id: index, properties: { role, step }, geometry: feature.geometry });
  };
  if (rings) for (const { ring } of rings) for (const index of ring) add(index, 'ring');
  if (report) for (const index of report.isolated) add(index, 'isolated');
  if (bridges) for (const suggestion of bridges.suggestions) add(suggestion.node, 'bridge', suggestion.step);
  return { type: 'FeatureCollection', features };
}

/** The hovered and the selected community, for the focus outline. */
export function focusFeatures(communities: CommunityShapes, hovered: number | null, selected: number | null): FeatureCollection<Polygon | MultiPolygon, { role: 'hover' | 'selected' }> {
  const features: FeatureCollection<Polygon | MultiPolygon, { role: 'hover' | 'selected' }>['features'] = [];
  if (hovered !== null && hovered !== selected && communities.features[hovered]) features.push({ type: 'Feature', id: hovered, properties: { role: 'hover' }, geometry: communities.features[hovered]!.geometry });
  if (selected !== null && communities.features[selected]) features.push({ type: 'Feature', id: selected, properties: { role: 'selected' }, geometry: communities.features[selected]!.geometry });
  return { type: 'FeatureCollection', features };
}

/** Communities to outline as selected (the presentation's current step). */
export function highlightFeatures(communities: CommunityShapes, indices: readonly number[]): FeatureCollection<Polygon | MultiPolygon, { role: 'hover' | 'selected' }> {
  return { type: 'FeatureCollection', features: indices.flatMap((id) => (communities.features[id] ? [{ type: 'Feature' as const, id, properties: { role: 'selected' as const }, geometry: communities.features[id]!.geometry }] : [])) };
}

/** The communities of a 自动推荐 proposal (empty when none is shown). */
export function proposalFeatures(communities: CommunityShapes, members: readonly number[]): FeatureCollection<Polygon | MultiPolygon, { member: true }> {
  return { type: 'FeatureCollection', features: members.flatMap((index) => (communities.features[index] ? [{ type: 'Feature' as const, id: index, properties: { member: true as const }, geometry: communities.features[index]!.geometry }] : [])) };
}
