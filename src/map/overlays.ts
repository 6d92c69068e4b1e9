/**
 * What the 连线成片 analysis adds to the map, as plain data: marker points (cluster labels,
 * isolated communities, numbered bridge suggestions) and per-community feature states.
 */
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { communityRoleProperties, communityRoles, type BridgeSolution, type ClusterName, type ClusterReport, type ClusterRing, type CommunityRoleProperties, type UnitMetrics } from '../core/index.ts';

/** Community shapes by feature index: the dataset's boundaries or a map layer built from them. */
export interface CommunityShapes {
  features: readonly { geometry: Polygon | MultiPolygon }[];
}

export interface MarkerProperties {
  kind: 'cluster' | 'isolated' | 'bridge';
  text: string;
  /** Cluster id (cluster markers) or community index (others). */
  cluster: number;
  /** The cluster's number (片区 n), which picks its colour; 0 for other markers. */
  number: number;
  index: number;
  /**
   * Placement priority within its layer (maplibre's `symbol-sort-key`, lower first): the
   * cluster's size negated (larger clusters' labels first), 0 for 孤, the suggestion's step for
   * bridges (the first suggestion first).
   */
  rank: number;
}

function point(metrics: UnitMetrics, index: number): [number, number] {
  return [metrics.labelPoints[2 * index]!, metrics.labelPoints[2 * index + 1]!];
}

/** Markers: "片区 n" (the answer's label) at each multi-member cluster, "孤" on isolated ones, numbers on bridges. */
export function analysisMarkers(analysis: { report: ClusterReport; names: readonly ClusterName[] } | null, bridges: BridgeSolution | null, metrics: UnitMetrics, show: { clusters: boolean; bridges: boolean }): FeatureCollection<Point, MarkerProperties> {
  const features: FeatureCollection<Point, MarkerProperties>['features'] = [];
  const report = analysis?.report;
  if (analysis && report && show.clusters) {
    for (const cluster of report.clusters) {
      if (cluster.size > 1) {
        features.push({ type: 'Feature', properties: { kind: 'cluster', text: analysis.names[cluster.id]!.label, cluster: cluster.id, number: analysis.names[cluster.id]!.number, index: cluster.members[0]!, rank: -cluster.size }, geometry: { type: 'Point', coordinates: cluster.labelPoint } });
      }
    }
    for (const index of report.isolated) {
      features.push({ type: 'Feature', properties: { kind: 'isolated', text: '孤', cluster: report.clusterOf[index]!, number: analysis.names[report.clusterOf[index]!]!.number, index, rank: 0 }, geometry: { type: 'Point', coordinates: point(metrics, index) } });
    }
  }
  if (bridges && show.bridges) {
    for (const suggestion of bridges.suggestions) {
      features.push({ type: 'Feature', properties: { kind: 'bridge', text: String(suggestion.step), cluster: -1, number: 0, index: suggestion.node, rank: suggestion.step }, geometry: { type: 'Point', coordinates: point(metrics, suggestion.node) } });
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
  /** Graded standing as of the chosen round (red / yellow / green), '' when unknown. */
  grade: string;
  /** Theme key given in planning to a planned addition ('' for none). */
  plannedTheme: string;
};

/**
 * The feature state of every community: designated in the plan, dimmed by the filters, the
 * lagging flag and score as of the chosen round (so moving the as-of slider re-uploads no
 * polygons), and the theme given in planning to a planned addition.
 */
export function communityStates(
  designated: Uint8Array,
  matches: Uint8Array | null,
  lagging: readonly { lagging: boolean; score: number | null; grade?: string }[] | null = null,
  plannedThemes: readonly string[] = [],
): CommunityState[] {
  return Array.from(designated, (value, i) => ({
    demo: value === 1,
    dim: matches !== null && matches[i] === 0,
    lagging: lagging?.[i]?.lagging ?? false,
    score: lagging?.[i]?.score ?? -1,
    grade: lagging?.[i]?.grade ?? '',
    plannedTheme: plannedThemes[i] ?? '',
  }));
}

/**
 * Polygons to outline for the analysis: ring neighbours (`inRing`), isolated communities and
 * bridge suggestions, once each, with the core's classification (`communityRoles`) as properties:
 * the same schema as the CLI's GeoJSON and the exported GeoJSON.
 */
export function analysisHighlights(
  communities: CommunityShapes,
  analysis: { report: ClusterReport; names: readonly ClusterName[] } | null,
  rings: ClusterRing[] | null,
  bridges: BridgeSolution | null,
): FeatureCollection<Polygon | MultiPolygon, CommunityRoleProperties> {
  const report = analysis?.report;
  if (!analysis || !report) return { type: 'FeatureCollection', features: [] };
  const rows = communityRoles({ report, rings: rings ?? [], bridges: bridges ?? { suggestions: [] } });
  const features: FeatureCollection<Polygon | MultiPolygon, CommunityRoleProperties>['features'] = [];
  for (const row of rows) {
    const feature = communities.features[row.index];
    if (feature && (row.inRing || row.role === 'isolated' || row.role === 'bridge')) features.push({ type: 'Feature', id: row.index, properties: communityRoleProperties(row, analysis.names), geometry: feature.geometry });
  }
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
