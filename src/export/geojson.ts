/**
 * The 连线成片 answer as one GeoJSON FeatureCollection (WGS84 lon/lat): cluster outlines, joint
 * environment zones, ring communities and bridge suggestions, each feature tagged with `layer`
 * (`cluster` | `zone` | `ring` | `bridge`) and named in Chinese. Ring and bridge communities carry
 * the core's classification (`CommunityRoleProperties`: role, cluster, ring, joins, step), the
 * schema of the map's outlines and of `lianpian analyze --format geojson`. Pure: from the dataset and the
 * core's what-if answer (the geometry the map shows), nothing recomputed.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { communityRoleProperties, communityRoles, type BridgeSolution, type Dataset, type WhatIfAnswer } from '../core/index.ts';

export type AnalysisLayer = 'cluster' | 'zone' | 'ring' | 'bridge';

export function analysisGeoJson(dataset: Dataset, answer: Pick<WhatIfAnswer, 'report' | 'names' | 'rings' | 'explanations' | 'zones' | 'outlines'> & { bridges: Pick<BridgeSolution, 'suggestions'> }, layers: readonly AnalysisLayer[] = ['cluster', 'zone', 'ring', 'bridge']): FeatureCollection {
  const features: Feature<Geometry>[] = [];
  const community = (index: number) => dataset.boundaries.features[index]!;
  const label = (id: number) => answer.names.find((entry) => entry.id === id);
  if (layers.includes('cluster')) {
    for (const outline of answer.outlines.features) {
      const cluster = answer.report.clusters[outline.properties.cluster];
      features.push({ type: 'Feature', geometry: outline.geometry, properties: { layer: 'cluster', cluster: outline.properties.cluster, label: label(outline.properties.cluster)?.label ?? null, name: label(outline.properties.cluster)?.name ?? null, size: cluster?.size ?? null, members: cluster?.members.map((index) => community(index).id) ?? [] } });
    }
  }
  if (layers.includes('zone')) {
    for (const zone of answer.zones.features) {
      features.push({ type: 'Feature', geometry: zone.geometry, properties: { layer: 'zone', a: community(zone.properties.a).id, b: community(zone.properties.b).id, name: `${community(zone.properties.a).name}—${community(zone.properties.b).name}`, lengthMeters: Math.round(zone.properties.lengthMeters) } });
    }
  }
  // Communities with the core's one classification (`communityRoles`), as the map outlines them and `lianpian analyze` writes them.
  const roles = layers.includes('ring') || layers.includes('bridge') ? communityRoles(answer) : [];
  if (layers.includes('ring')) {
    for (const row of roles) {
      if (!row.inRing) continue;
      const unit = community(row.index);
      features.push({ type: 'Feature', id: unit.id, geometry: unit.geometry, properties: { layer: 'ring', code: unit.id, name: unit.name, ...communityRoleProperties(row, answer.names) } });
    }
  }
  if (layers.includes('bridge')) {
    answer.bridges.suggestions.forEach((suggestion, i) => {
      const unit = community(suggestion.node);
      features.push({ type: 'Feature', id: unit.id, geometry: unit.geometry, properties: { layer: 'bridge', code: unit.id, name: unit.name, ...communityRoleProperties(roles[suggestion.node]!, answer.names), explanation: answer.explanations[i] ?? '' } });
    });
  }
  return { type: 'FeatureCollection', features };
}
