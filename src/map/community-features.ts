/**
 * GeoJSON for the map, built once per dataset: community polygons (numeric feature id = index,
 * so feature-state updates are cheap), label points, street outlines and labels, the district
 * outline, and a street colouring in which neighbouring streets never share a colour.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { AdjacencyGraph, Dataset, UnitMetrics } from '../core/index.ts';
import { STREET_COLORS } from './palettes.ts';

export interface CommunityProperties {
  code: string;
  name: string;
  street: string;
  level: string;
  /** Theme key or free text; '' when none. */
  theme: string;
  /** Facility items in place, −1 unknown. */
  facilities: number;
  /** Latest score, −1 never inspected. */
  score: number;
  streetColor: string;
}

export interface LabelProperties {
  name: string;
  /** Shorter name for small zooms: the name without 社区 / 村. */
  short: string;
}

export interface MapData {
  communities: FeatureCollection<Polygon | MultiPolygon, CommunityProperties>;
  labels: FeatureCollection<Point, LabelProperties>;
  streets: FeatureCollection<Polygon | MultiPolygon, { name: string; code: string }>;
  /** `areaKm2`: the street's area (its communities' areas summed; 0 when unknown), so small streets' names are placed first. */
  streetLabels: FeatureCollection<Point, { name: string; areaKm2: number }>;
  district: FeatureCollection<Polygon | MultiPolygon>;
  /** Street name → colour. */
  streetColors: Map<string, string>;
}

export function buildMapData(dataset: Dataset, graph: AdjacencyGraph, metrics: UnitMetrics, streetLabelPoints: Float64Array): MapData {
  const features = dataset.boundaries.features;
  const streetColors = colorStreets(features.map((feature) => feature.street), graph);
  const communities: Feature<Polygon | MultiPolygon, CommunityProperties>[] = features.map((feature) => {
    const status = dataset.status[feature.index];
    const facts = dataset.facts[feature.index]!;
    return {
      type: 'Feature',
      id: feature.index,
      geometry: feature.geometry,
      properties: {
        code: feature.id,
        name: feature.name,
        street: feature.street,
        level: status?.level ?? 'none',
        theme: status?.theme ?? '',
        facilities: facts.facilities ?? -1,
        score: facts.latestScore ?? -1,
        streetColor: streetColors.get(feature.street) ?? '#d1d5db',
      },
    };
  });
  const labels: Feature<Point, LabelProperties>[] = features.map((feature) => ({
    type: 'Feature',
    id: feature.index,
    geometry: { type: 'Point', coordinates: [metrics.labelPoints[2 * feature.index]!, metrics.labelPoints[2 * feature.index + 1]!] },
    properties: { name: feature.name, short: feature.name.replace(/(社区|村)$/, '') || feature.name },
  }));
  const streetAreaM2 = new Map<string, number>();
  for (const feature of features) {
    const areaM2 = metrics.areaM2[feature.index]!;
    if (Number.isFinite(areaM2)) streetAreaM2.set(feature.streetCode, (streetAreaM2.get(feature.streetCode) ?? 0) + areaM2);
  }
  return {
    communities: { type: 'FeatureCollection', features: communities },
    labels: { type: 'FeatureCollection', features: labels },
    streets: { type: 'FeatureCollection', features: dataset.streets.map((street) => ({ type: 'Feature', properties: { name: street.name, code: street.code }, geometry: street.geometry })) },
    streetLabels: {
      type: 'FeatureCollection',
      features: dataset.streets.map((street, i) => ({ type: 'Feature', properties: { name: street.name, areaKm2: (streetAreaM2.get(street.code) ?? 0) / 1e6 }, geometry: { type: 'Point', coordinates: [streetLabelPoints[2 * i]!, streetLabelPoints[2 * i + 1]!] } })),
    },
    district: { type: 'FeatureCollection', features: dataset.district.map((geometry) => ({ type: 'Feature', properties: {}, geometry })) },
    streetColors,
  };
}

/**
 * Greedy colouring of the street adjacency (derived from community adjacency across streets),
 * most-connected street first, so that no two neighbouring streets share a colour. Planar maps
 * rarely need more than the palette's six colours; beyond that colours repeat.
 */
function colorStreets(streetOf: readonly string[], graph: AdjacencyGraph): Map<string, string> {
  const neighbors = new Map<string, Set<string>>();
  for (const street of streetOf) if (!neighbors.has(street)) neighbors.set(street, new Set());
  for (let a = 0; a < graph.nodeCount; a++) {
    for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) {
      const sa = streetOf[a]!;
      const sb = streetOf[graph.neighbors[k]!]!;
      if (sa !== sb) neighbors.get(sa)!.add(sb);
    }
  }
  const order = [...neighbors.keys()].sort((x, y) => neighbors.get(y)!.size - neighbors.get(x)!.size || x.localeCompare(y, 'zh-CN'));
  const colorIndex = new Map<string, number>();
  for (const street of order) {
    const used = new Set([...neighbors.get(street)!].map((other) => colorIndex.get(other)).filter((index) => index !== undefined));
    let index = 0;
    while (used.has(index) && index < STREET_COLORS.length - 1) index++;
    colorIndex.set(street, index);
  }
  return new Map([...colorIndex].map(([street, index]) => [street, STREET_COLORS[index % STREET_COLORS.length]!]));
}
