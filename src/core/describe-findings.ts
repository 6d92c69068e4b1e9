/**
 * `describeFindings`: the data-quality findings of `buildAdjacency` as users read them (UI 数据提示,
 * CLI): communities named by name and code instead of graph index, a place to fly the map to,
 * and overlaps measured as areas (length, width and area of the overlapping region).
 */
import area from '@turf/area';
import intersect from '@turf/intersect';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { findingSubject, formatMeters, type DataQualityFinding } from './adjacency/build-adjacency.ts';
import { MetricScale } from './adjacency/metric-scale.ts';
import { UNITS_PER_DEGREE } from './adjacency/flat-rings.ts';
import { labelPoint } from './metrics.ts';
import type { BoundaryFeature } from './model.ts';

/** The overlapping region of two communities (the largest piece when there are several). */
export interface OverlapMeasure {
  /** Length of the largest piece along its long side, in metres. */
  lengthMeters: number;
  /** Its mean width across (area / length), in metres. */
  widthMeters: number;
  /** Area of all pieces, in square metres. */
  areaSquareMeters: number;
  /** Number of separate overlapping pieces. */
  pieces: number;
}

/** A finding for users: same kind and units, a named message and a [lon, lat] to fly to. */
export interface DescribedFinding {
  kind: DataQualityFinding['kind'];
  /** Graph indices, as in the finding. */
  units: number[];
  /** Chinese, naming communities as "鼓楼社区（330302006044）". */
  message: string;
  /** [lon, lat] in degrees: the problem's place, or the first community's label point. */
  location?: [number, number];
  /** For 'overlap' findings whose polygons' intersection could be measured. */
  overlap?: OverlapMeasure;
}

/**
 * Turns adjacency findings into messages that name communities ("鼓楼社区（330302006044）与 …")
 * with a place for the map. Overlaps are measured on the polygons themselves: "重叠区长约 1000 米、
 * 宽约 10 米（面积约 10,000 平方米）" for a 10 m × 1 km strip, where the engine only knows the
 * length of border both polygons claim (the strip's two 10 m ends: "约 20 米").
 * @param findings from `buildAdjacency(geometries)`.
 * @param features the same features in the same order (`features[i]` is graph node i).
 * @example
 * describeFindings(buildAdjacency(geometries).findings, dataset.boundaries.features)[0].message;
 * // "鼓楼社区（330302006044）与 五马社区（330302006045）的范围重叠：重叠区长约 1000 米、宽约 10 米（面积约 10,000 平方米）"
 */
export function describeFindings(findings: readonly DataQualityFinding[], features: readonly Pick<BoundaryFeature, 'id' | 'name' | 'geometry'>[]): DescribedFinding[] {
  const label = (unit: number) => {
    const feature = features[unit];
    if (!feature) return `社区 ${unit}`;
    return feature.name ? `${feature.name}（${feature.id}）` : `社区 ${feature.id}`;
  };
  return findings.map((finding) => {
    const raw = findingSubject(finding.units, String);
    const named = findingSubject(finding.units, label, '');
    // The engine's text after its subject ("社区 3 与 7"), which every finding starts with.
    const rest = finding.message.startsWith(raw) ? finding.message.slice(raw.length) : `：${finding.message}`;
    const described: DescribedFinding = { kind: finding.kind, units: finding.units, message: `${named}${rest}` };
    if (finding.location) described.location = finding.location;
    if (finding.kind === 'overlap' && finding.units.length === 2) {
      const a = features[finding.units[0]!]?.geometry;
      const b = features[finding.units[1]!]?.geometry;
      const measured = a && b ? measureOverlap(a, b) : undefined;
      if (measured) {
        const { measure, location } = measured;
        const where = measure.pieces > 1 ? `共 ${measure.pieces} 处，最大一处` : '重叠区';
        described.message = `${named} 的范围重叠：${where}长约 ${formatMeters(measure.lengthMeters)} 米、宽约 ${formatMeters(measure.widthMeters)} 米（面积约 ${formatArea(measure.areaSquareMeters)} 平方米）`;
        described.overlap = measure;
        described.location = location;
      }
    }
    if (!described.location) {
      const geometry = features[finding.units[0]!]?.geometry;
      // The unit's label point alone (its area and box are not needed here).
      const point = geometry ? labelPoint(geometry) : undefined;
      if (point && Number.isFinite(point[0]) && Number.isFinite(point[1])) described.location = point;
    }
    return described;
  });
}

/**
 * Length, width and area of the region two polygons share, and a point inside its largest piece.
 * Length and width are those of the rectangle with the piece's area and perimeter (exact for a
 * rectangular strip; a compact piece gives length = width = √area). Undefined when the polygons
 * share no area or the intersection fails on invalid rings.
 */
function measureOverlap(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): { measure: OverlapMeasure; location: [number, number] } | undefined {
  let shared;
  try {
    shared = intersect({ type: 'FeatureCollection', features: [feature(a), feature(b)] });
  } catch {
    return undefined;
  }
  if (!shared) return undefined;
  const parts = shared.geometry.type === 'Polygon' ? [shared.geometry.coordinates] : shared.geometry.coordinates;
  let total = 0;
  let largest: Position[][] | undefined;
  let largestArea = 0;
  for (const rings of parts) {
    const partArea = area({ type: 'Polygon', coordinates: rings });
    total += partArea;
    if (partArea > largestArea) {
      largestArea = partArea;
      largest = rings;
    }
  }
  if (!largest || !(largestArea > 0)) return undefined;
  // Rectangle L × W with the same area A and perimeter P: L + W = P / 2, L · W = A.
  const half = perimeterMeters(largest) / 2;
  const root = Math.sqrt(Math.max(0, (half / 2) ** 2 - largestArea));
  const lengthMeters = Math.max(half / 2 + root, Math.sqrt(largestArea));
  const point = polylabel(largest, 1e-7);
  return {
    measure: { lengthMeters, widthMeters: largestArea / lengthMeters, areaSquareMeters: total, pieces: parts.length },
    location: [Math.round(point[0] * 1e7) / 1e7, Math.round(point[1] * 1e7) / 1e7],
  };
}

function feature(geometry: Polygon | MultiPolygon) {
  return { type: 'Feature' as const, properties: {}, geometry };
}

/** Perimeter of a polygon's rings in metres (WGS84, local projection per segment). */
function perimeterMeters(rings: readonly Position[][]): number {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const p of ring) {
      minY = Math.min(minY, p[1]!);
      maxY = Math.max(maxY, p[1]!);
    }
  }
  const scale = new MetricScale(minY * UNITS_PER_DEGREE, maxY * UNITS_PER_DEGREE);
  let sum = 0;
  for (const ring of rings) {
    for (let k = 1; k < ring.length; k++) {
      const p = ring[k - 1]!;
      const q = ring[k]!;
      sum += scale.length(p[0]! * UNITS_PER_DEGREE, p[1]! * UNITS_PER_DEGREE, q[0]! * UNITS_PER_DEGREE, q[1]! * UNITS_PER_DEGREE);
    }
  }
  return sum;
}

/** Made on first use: creating a zh-CN NumberFormat loads ICU data (~15 ms of every CLI start otherwise). */
let areaFormat: Intl.NumberFormat | undefined;

/** Square metres for messages ("约"): three significant digits, with separators. */
function formatArea(squareMeters: number): string {
  areaFormat ??= new Intl.NumberFormat('zh-CN', { maximumSignificantDigits: 3 });
  return areaFormat.format(squareMeters);
}
