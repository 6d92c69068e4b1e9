/**
 * `buildAdjacency`: the contiguity graph of community polygons (rook or queen), with weak links
 * and data-quality findings. Our own predicate (design notes §3): turf's `booleanTouches` is wrong
 * for collinear overlaps and order-dependent at T-junctions.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { InputError, describeValue } from '../errors.ts';
import { graphFromEdgeArrays, type AdjacencyGraph } from '../contiguity/graph.ts';
import { QUANTUM_DEGREES, flattenRings, type FlatRings } from './flat-rings.ts';
import { MAX_OWNERS, matchSegments, type MatchResult } from './match-segments.ts';

export interface AdjacencyOptions {
  /** 'rook' (a shared border of some length) or 'queen' (any shared point). Default 'rook'. */
  mode?: 'rook' | 'queen';
  /**
   * Shortest shared border, in metres, that makes a rook edge (default 5). Shorter contacts are
   * reported as weak links of kind 'short'. 0 = any positive length.
   */
  minSharedMeters?: number;
  /**
   * Distance in metres within which separately digitized borders still count as shared, in a
   * second pass over the segments the exact pass left unmatched (default 1). 0 = exact only.
   */
  toleranceMeters?: number;
}

/** A contact that is not a rook edge: a corner (point) touch or a border shorter than the minimum. */
export interface WeakLink {
  /** Feature indices, a < b. */
  a: number;
  b: number;
  kind: 'corner' | 'short';
  /** Measured shared length in metres (0 for a corner). */
  sharedMeters: number;
}

/**
 * Something wrong with the boundary data, in Chinese. `message` names communities by index
 * ("社区 3 与 7 …"); `describeFindings` names them by name and code for users.
 * - 'stacked': features with identical boundaries (a polygon pasted many times), reported as a
 *   group where they crowd a point beyond 64 owners (smaller stacks elsewhere show up as overlaps
 *   and 'shared-by-three'); each keeps the outside neighbours of the first, and of a stack of
 *   more than MAX_OWNERS (64) only the first 64 are linked with each other (and with another
 *   stack next to it, when that makes more than 64² pairs).
 * - 'crowded': more than 64 features meet at one point; only 64 of them get point contacts there.
 */
export interface DataQualityFinding {
  kind: 'overlap' | 'gap' | 'multipart' | 'invalid-ring' | 'shared-by-three' | 'stacked' | 'crowded';
  /** Feature indices involved (all of them, ascending, also when the message lists only some). */
  units: number[];
  /** Chinese, e.g. "社区 3 与 7 之间的边界重叠约 12 米". */
  message: string;
  /** [lon, lat] of the problem, when it has one place. */
  location?: [number, number];
}

export interface AdjacencyResult {
  /** CSR graph of the requested mode; `sharedMeters` = measured shared length (0 for corners). */
  graph: AdjacencyGraph;
  /** Contacts that are not rook edges, sorted by (a, b); reported in both modes. */
  weakLinks: WeakLink[];
  findings: DataQualityFinding[];
}

export const DEFAULT_MIN_SHARED_METERS = 5;
export const DEFAULT_TOLERANCE_METERS = 1;

/**
 * Builds the adjacency graph of polygons: node i = geometries[i].
 *
 * - Rook edge: the two share border length ≥ `minSharedMeters`. Shared length is measured on the
 *   WGS84 ellipsoid in a local projection per segment (within about 1e-6 of the geodesic).
 * - Queen graph: every contact — rook edges, corner touches and short borders (`sharedMeters` 0 for
 *   a point contact).
 * - Exact pass on coordinates rounded to 1e-7° (about 1 cm): equal segments (hashing), collinear
 *   partial overlaps (T-junctions) and vertices on another polygon's boundary; then, with
 *   `toleranceMeters` > 0, borders within that distance of each other. In the tolerance pass a
 *   pair whose only shared length is no longer than the tolerance itself counts as a corner:
 *   two boundaries meeting at a corner run within the tolerance for about that distance.
 * - With `{ toleranceMeters: 0, minSharedMeters: 0 }` rook = "shared border of positive length"
 *   (PostGIS `ST_Relate(a, b, 'F***1****')`) and queen = "any shared point" (`ST_Touches`), except
 *   that overlapping polygons sharing a border are linked (and reported) rather than dropped.
 *
 * Never throws on bad geometry (self-intersections, spikes, repeated vertices, zero-area,
 * unclosed or reversed rings, holes, islands, null); empty input gives an empty graph.
 * Coordinates are [lon, lat] in degrees (WGS84).
 * @throws InputError E_ARGUMENT when `geometries` is not an array or an option is out of range.
 * @example
 * const { graph, weakLinks, findings } = buildAdjacency(features.map((f) => f.geometry), { mode: 'rook', minSharedMeters: 5 });
 * neighborsOf(graph, 0); // Uint32Array of the neighbours of feature 0
 */
export function buildAdjacency(geometries: readonly (Polygon | MultiPolygon)[], options: AdjacencyOptions = {}): AdjacencyResult {
  const { mode, minSharedMeters, toleranceMeters } = checkOptions(geometries, options);
  const flat = flattenRings(geometries);
  const match = matchSegments(flat, { toleranceMeters });
  const { pairs } = match;

  // Classify every contact: rook edge, or weak link (short border / corner).
  const capacity = pairs.count;
  const edgeA = new Int32Array(capacity);
  const edgeB = new Int32Array(capacity);
  const edgeMeters = new Float64Array(capacity);
  let edges = 0;
  const weakLinks: WeakLink[] = [];
  for (let slot = 0; slot < pairs.capacity; slot++) {
    const a = pairs.a[slot]!;
    if (a === -1) continue;
    const b = pairs.b[slot]!;
    const shared = effectiveShared(pairs.exact[slot]!, pairs.tolerance[slot]!, toleranceMeters);
    const rook = shared > 0 && shared >= minSharedMeters;
    if (!rook) weakLinks.push({ a, b, kind: shared > 0 ? 'short' : 'corner', sharedMeters: shared });
    if (rook || mode === 'queen') {
      edgeA[edges] = a;
      edgeB[edges] = b;
      edgeMeters[edges++] = shared;
    }
  }
  weakLinks.sort((p, q) => p.a - q.a || p.b - q.b);
  const graph = graphFromEdgeArrays(geometries.length, edgeA, edgeB, edgeMeters, edges, mode);
  return { graph, weakLinks, findings: collectFindings(flat, match, toleranceMeters) };
}

/** Shared length that counts: tolerance-only contacts no longer than the tolerance are corners. */
export function effectiveShared(exact: number, tolerance: number, toleranceMeters: number): number {
  return exact + (exact > 0 || tolerance > toleranceMeters ? tolerance : 0);
}

function checkOptions(geometries: unknown, options: AdjacencyOptions): Required<AdjacencyOptions> {
  const fail = (field: string, expected: string, actual: unknown): never => {
    throw new InputError({ code: 'E_ARGUMENT', field, expected, actual: describeValue(actual) });
  };
  if (!Array.isArray(geometries)) fail('geometries', 'Polygon/MultiPolygon 几何数组', geometries);
  const mode = options.mode ?? 'rook';
  if (mode !== 'rook' && mode !== 'queen') fail('mode', "'rook' 或 'queen'", mode);
  const minSharedMeters = options.minSharedMeters ?? DEFAULT_MIN_SHARED_METERS;
  if (!(minSharedMeters >= 0 && minSharedMeters < Infinity)) fail('minSharedMeters', '≥ 0 的有限数（米）', minSharedMeters);
  const toleranceMeters = options.toleranceMeters ?? DEFAULT_TOLERANCE_METERS;
  if (!(toleranceMeters >= 0 && toleranceMeters < Infinity)) fail('toleranceMeters', '≥ 0 的有限数（米）', toleranceMeters);
  return { mode, minSharedMeters, toleranceMeters };
}

const KIND_ORDER: Record<DataQualityFinding['kind'], number> = { stacked: 0, crowded: 1, 'invalid-ring': 2, 'shared-by-three': 3, overlap: 4, gap: 5, multipart: 6 };

/** Communities a finding message lists by name before "等 N 个". */
const LISTED_UNITS = 10;

/**
 * The subject a finding message starts with: "社区 3", "社区 3 与 7", "社区 1、2、3" (after
 * LISTED_UNITS names: "… 等 N 个"). `label` names one unit; `prefix` comes first ("社区 " for
 * indices, empty for real names).
 */
export function findingSubject(units: readonly number[], label: (unit: number) => string, prefix = '社区 '): string {
  if (units.length === 2) return `${prefix}${label(units[0]!)} 与 ${label(units[1]!)}`;
  const listed = units.slice(0, LISTED_UNITS).map(label).join('、');
  return `${prefix}${listed}${units.length > LISTED_UNITS ? ` 等 ${units.length} 个` : ''}`;
}

function collectFindings(flat: FlatRings, match: MatchResult, toleranceMeters: number): DataQualityFinding[] {
  const findings: DataQualityFinding[] = [];
  const at = (x: number, y: number): [number, number] => [round7(x * QUANTUM_DEGREES), round7(y * QUANTUM_DEGREES)];
  const subject = (units: readonly number[]) => findingSubject(units, String);

  for (const stack of match.stacks) {
    const n = stack.units.length;
    findings.push({
      kind: 'stacked',
      units: stack.units,
      message:
        n > MAX_OWNERS
          ? `${subject(stack.units)} 的边界完全相同（${n} 个重复或叠放的面，超过 ${MAX_OWNERS} 个）：各自按同一边界与外部社区相邻，但彼此之间只计入前 ${MAX_OWNERS} 个的相邻关系`
          : `${subject(stack.units)} 的边界完全相同（${n} 个重复或叠放的面）：各自按同一边界与外部社区相邻，彼此之间两两相邻`,
      location: at(stack.x, stack.y),
    });
  }
  for (const crowd of match.crowds) {
    findings.push({
      kind: 'crowded',
      units: crowd.units,
      message: `${subject(crowd.units)} 交汇于同一点（${crowd.units.length} 个，超过 ${MAX_OWNERS} 个，多为重复或叠放的面）：该点只计入其中 ${MAX_OWNERS} 个之间的相接关系`,
      location: at(crowd.x, crowd.y),
    });
  }

  for (const issue of flat.issues.values()) {
    const parts: string[] = [];
    if (issue.notPolygon) parts.push('几何不是 Polygon/MultiPolygon（已忽略）');
    if (issue.badCoordinates) parts.push(`${issue.badCoordinates} 个无效坐标（已忽略）`);
    if (issue.unclosedRings) parts.push(`${issue.unclosedRings} 个未闭合的环（已按闭合处理）`);
    if (issue.spikes) parts.push(`${issue.spikes} 处尖刺（已去除）`);
    if (issue.degenerateRings) parts.push(`${issue.degenerateRings} 个只有一个点的环（已忽略）`);
    if (issue.zeroAreaRings) parts.push(`${issue.zeroAreaRings} 个面积为零的环（按边界线参与相邻判断）`);
    if (issue.selfIntersections) parts.push(`${issue.selfIntersections} 处自相交`);
    if (parts.length === 0) continue;
    const finding: DataQualityFinding = { kind: 'invalid-ring', units: [issue.feature], message: `${subject([issue.feature])} 的边界环有问题：${parts.join('、')}` };
    if (!issue.notPolygon || issue.badCoordinates) finding.location = at(issue.x, issue.y);
    findings.push(finding);
  }

  for (const share of match.multiShares.values()) {
    findings.push({
      kind: 'shared-by-three',
      units: share.units,
      message: `${subject(share.units)} 共用同一段边界（约 ${formatMeters(share.meters)} 米），同一段边界只应属于两个社区`,
      location: at(share.x, share.y),
    });
  }

  const { pairs } = match;
  for (const entry of match.quality) {
    // Tolerance-pass defects are reported where the tolerance match itself counts (longer than
    // the tolerance; shorter ones are corners) and either the pair shares no exact border or the
    // defect runs for at least 3 × the tolerance: where an exact border ends, the two boundaries
    // part at an angle and stay within the tolerance for a little while, which is no defect.
    const slot = pairs.find(entry.a, entry.b);
    const exact = slot >= 0 ? pairs.exact[slot]! : 0;
    const toleranceCounts = slot >= 0 && pairs.tolerance[slot]! > toleranceMeters;
    const reportable = (meters: number) => toleranceCounts && meters > toleranceMeters && (exact === 0 || meters >= 3 * toleranceMeters);
    const overlapMeters = entry.overlapMeters + (reportable(entry.toleranceOverlapMeters) ? entry.toleranceOverlapMeters : 0);
    if (overlapMeters > 0) {
      const width = Number.isFinite(entry.overlapWidth) && entry.overlapWidth > 0 ? `（宽约 ${formatMeters(entry.overlapWidth)} 米）` : '';
      findings.push({ kind: 'overlap', units: [entry.a, entry.b], message: `${subject([entry.a, entry.b])} 之间的边界重叠约 ${formatMeters(overlapMeters)} 米${width}`, location: at(entry.overlapX, entry.overlapY) });
    } else if (entry.crossings > 0 && !toleranceCounts) {
      // Crossing boundaries of a pair matched within the tolerance are digitizing noise.
      findings.push({ kind: 'overlap', units: [entry.a, entry.b], message: `${subject([entry.a, entry.b])} 的边界相交 ${entry.crossings} 处，两者范围重叠`, location: at(entry.overlapX, entry.overlapY) });
    }
    if (reportable(entry.gapMeters)) {
      findings.push({
        kind: 'gap',
        units: [entry.a, entry.b],
        message: `${subject([entry.a, entry.b])} 之间有约 ${formatMeters(entry.gapMeters)} 米长、最宽约 ${formatMeters(entry.gapWidth)} 米的缝隙（在 ${formatMeters(toleranceMeters)} 米容差内按相邻处理）`,
        location: at(entry.gapX, entry.gapY),
      });
    }
  }

  for (let f = 0; f < flat.featureCount; f++) {
    if (flat.parts[f]! > 1) findings.push({ kind: 'multipart', units: [f], message: `${subject([f])} 由 ${flat.parts[f]} 个部分组成（多部件面，如飞地或岛屿）` });
  }

  findings.sort((p, q) => KIND_ORDER[p.kind] - KIND_ORDER[q.kind] || compareUnits(p.units, q.units));
  return findings;
}

function compareUnits(p: readonly number[], q: readonly number[]): number {
  for (let i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return p[i]! - q[i]!;
  return p.length - q.length;
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/** Metres for messages: one decimal below 10 m, whole metres above. */
export function formatMeters(meters: number): string {
  return meters < 10 ? String(Math.round(meters * 10) / 10) : String(Math.round(meters));
}
