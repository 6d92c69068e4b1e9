/**
 * Campaign features on the map (issue 21): the one validation boundary for a feature a user
 * draws or imports (GeoJSON), and which demonstration communities have their landscape route
 * 景观路线 (what the one-vote veto reads). WGS84 [lon, lat] throughout.
 *
 * A community "has its route" when a `landscape_route` feature names it in
 * `properties.community`; a route whose community is null counts for the community whose
 * boundary holds more than half of the line's length ({@link ROUTE_MIN_SHARE_INSIDE}). A route
 * that names a community counts for that one only, wherever it is drawn: the name is what a person
 * chose, the geometry may be rough.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { MAX_REPORTED_ISSUES } from '../errors.ts';
import { MAX_CAMPAIGN_FEATURES, MAX_FEATURE_NAME_CHARS, MAX_FEATURE_POSITIONS, MAX_IMPORT_POSITIONS } from '../limits.ts';
import { FEATURE_KINDS, FEATURE_KIND_LABELS, type CampaignFeatureDraft, type CampaignFeatureGeometry, type FeatureKind } from './types.ts';

/** The geometry each kind must have: routes and road works are lines, centres and sites points. */
export const FEATURE_KIND_GEOMETRY: Readonly<Record<FeatureKind, 'LineString' | 'Point'>> = {
  landscape_route: 'LineString',
  road_work: 'LineString',
  service_centre: 'Point',
  project_site: 'Point',
};

/** One problem of a feature: its index in the input (null for the input as a whole), the field's path and a Chinese message naming both. */
export interface FeatureIssue {
  index: number | null;
  /** Path inside the feature, e.g. `geometry.coordinates[3]`, `properties.kind` (or `type` / `features` for the input). */
  field: string;
  message: string;
}

/** What {@link validateCampaignFeatures} checks against. */
export interface FeatureValidationOptions {
  /** Codes of the campaign's communities (a feature's `community` must be one of them, or null). */
  communities: ReadonlySet<string>;
  /** Ids of the campaign's projects; when given, a feature's `project` must be one of them, or null. */
  projects?: ReadonlySet<string>;
  /** How many features the campaign already has (default 0): together with the input at most `maxFeatures`. */
  existing?: number;
  /** Most features of a campaign (default {@link MAX_CAMPAIGN_FEATURES}). */
  maxFeatures?: number;
}

/** The validated features (`collection` says whether the input was a FeatureCollection), or every problem found (up to 50). */
export type FeatureValidation = { ok: true; collection: boolean; features: CampaignFeatureDraft[] } | { ok: false; errors: FeatureIssue[] };

const KIND_LIST = FEATURE_KINDS.map((kind) => `${kind}（${FEATURE_KIND_LABELS[kind]}）`).join('、');

/** A short printable form of a found value, for "实为 …". */
function shown(value: unknown): string {
  if (value === undefined) return '缺失';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `长度为 ${value.length} 的数组`;
  if (typeof value === 'object') return '对象';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A position as [lon, lat] (a third value, the height, is dropped), or the reason it is not one. */
function position(value: unknown): [number, number] | string {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return `应为 [经度, 纬度]，实为 ${shown(value)}`;
  if (!value.every((item) => typeof item === 'number' && Number.isFinite(item))) return `应为有限数值的 [经度, 纬度]，实为 ${JSON.stringify(value).slice(0, 60)}`;
  const [lon, lat] = value as number[];
  if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) return `经度应在 −180…180、纬度应在 −90…90（WGS84），实为 [${lon}, ${lat}]`;
  return [lon!, lat!];
}

/**
 * Validates features a user drew or imported: one GeoJSON Feature or a FeatureCollection.
 * Each feature needs `properties.kind` (one of {@link FEATURE_KINDS}), a geometry of that kind's
 * type (a LineString of at least 2 distinct positions, or a Point), finite WGS84 coordinates,
 * `properties.name` (1–60 characters, trimmed), `properties.community` a code of the campaign or
 * null, `properties.project` a project id or null. Other properties (an exported feature's id,
 * version, author), feature ids and heights are dropped. All or nothing: any problem and no
 * feature is returned. Never throws.
 *
 * @example validateCampaignFeatures({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.65, 28.02] },
 *   properties: { kind: 'service_centre', name: '五马街道服务中心', community: null } }, { communities: new Set() })
 */
export function validateCampaignFeatures(input: unknown, options: FeatureValidationOptions): FeatureValidation {
  const errors: FeatureIssue[] = [];
  const maxFeatures = options.maxFeatures ?? MAX_CAMPAIGN_FEATURES;
  if (!isRecord(input) || (input.type !== 'Feature' && input.type !== 'FeatureCollection')) {
    return { ok: false, errors: [{ index: null, field: 'type', message: `应为 GeoJSON Feature 或 FeatureCollection，实为 ${isRecord(input) ? shown(input.type) : shown(input)}` }] };
  }
  const collection = input.type === 'FeatureCollection';
  const items: unknown[] = collection ? (Array.isArray(input.features) ? input.features : []) : [input];
  if (collection && !Array.isArray(input.features)) return { ok: false, errors: [{ index: null, field: 'features', message: `FeatureCollection 的 features 应为数组，实为 ${shown(input.features)}` }] };
  const existing = options.existing ?? 0;
  if (existing + items.length > maxFeatures) {
    const room = Math.max(0, maxFeatures - existing);
    const message = existing > 0 ? `一个活动最多 ${maxFeatures} 个要素，已有 ${existing} 个，还能添加 ${room} 个，实为 ${items.length} 个` : `要素最多 ${maxFeatures} 个，实为 ${items.length} 个`;
    return { ok: false, errors: [{ index: null, field: 'features', message }] };
  }

  const features: CampaignFeatureDraft[] = [];
  let positions = 0;
  for (let index = 0; index < items.length && errors.length < MAX_REPORTED_ISSUES; index++) {
    const item = items[index];
    const properties = isRecord(item) && isRecord(item.properties) ? item.properties : {};
    const label = typeof properties.name === 'string' && properties.name.trim() ? `第 ${index + 1} 个要素（${properties.name.trim().slice(0, 20)}）` : `第 ${index + 1} 个要素`;
    const problem = (field: string, message: string) => errors.push({ index, field, message: `${label}的 ${field}：${message}` });
    if (!isRecord(item) || item.type !== 'Feature') {
      problem('type', `应为 "Feature"，实为 ${isRecord(item) ? shown(item.type) : shown(item)}`);
      continue;
    }
    const before = errors.length;

    const kind = properties.kind;
    const knownKind = typeof kind === 'string' && (FEATURE_KINDS as readonly string[]).includes(kind) ? (kind as FeatureKind) : null;
    if (!knownKind) problem('properties.kind', `应为 ${KIND_LIST} 之一，实为 ${shown(kind)}`);

    const rawName = properties.name;
    const name = typeof rawName === 'string' ? rawName.trim() : '';
    if (typeof rawName !== 'string' || name.length === 0) problem('properties.name', `应为非空文字（名称，最多 ${MAX_FEATURE_NAME_CHARS} 字），实为 ${shown(rawName)}`);
    else if ([...name].length > MAX_FEATURE_NAME_CHARS) problem('properties.name', `最多 ${MAX_FEATURE_NAME_CHARS} 字，实为 ${[...name].length} 字`);

    const community = properties.community ?? null;
    if (community !== null && (typeof community !== 'string' || !options.communities.has(community))) {
      problem('properties.community', `应为本活动的社区代码或 null，实为 ${shown(community)}${typeof community === 'string' ? '（不是本活动的社区）' : ''}`);
    }
    const project = properties.project ?? null;
    if (project !== null && (typeof project !== 'string' || (options.projects !== undefined && !options.projects.has(project)))) {
      problem('properties.project', `应为本活动的项目编号或 null，实为 ${shown(project)}${typeof project === 'string' ? '（没有这个项目）' : ''}`);
    }

    const geometry = item.geometry;
    let shape: CampaignFeatureGeometry | null = null;
    const expected = knownKind ? FEATURE_KIND_GEOMETRY[knownKind] : null;
    if (!isRecord(geometry) || (geometry.type !== 'LineString' && geometry.type !== 'Point')) {
      problem('geometry', `应为 ${expected ?? 'LineString 或 Point'}，实为 ${isRecord(geometry) ? shown(geometry.type) : shown(geometry)}`);
    } else if (expected && geometry.type !== expected) {
      problem('geometry.type', `${FEATURE_KIND_LABELS[knownKind!]}应为 ${expected}${expected === 'LineString' ? '（线）' : '（点）'}，实为 ${geometry.type}`);
    } else if (geometry.type === 'Point') {
      const point = position(geometry.coordinates);
      if (typeof point === 'string') problem('geometry.coordinates', point);
      else shape = { type: 'Point', coordinates: point };
      positions += 1;
    } else {
      const coordinates = geometry.coordinates;
      if (!Array.isArray(coordinates) || coordinates.length < 2) problem('geometry.coordinates', `线至少需要 2 个点，实为 ${Array.isArray(coordinates) ? `${coordinates.length} 个` : shown(coordinates)}`);
      else if (coordinates.length > MAX_FEATURE_POSITIONS) problem('geometry.coordinates', `一条线最多 ${MAX_FEATURE_POSITIONS} 个点，实为 ${coordinates.length} 个`);
      else {
        const line: [number, number][] = [];
        for (let at = 0; at < coordinates.length; at++) {
          const point = position(coordinates[at]);
          if (typeof point === 'string') {
            problem(`geometry.coordinates[${at}]`, point);
            break;
          }
          line.push(point);
        }
        if (line.length === coordinates.length) {
          if (line.every((point) => point[0] === line[0]![0] && point[1] === line[0]![1])) problem('geometry.coordinates', '线至少需要 2 个不同的点，实为同一点重复');
          else shape = { type: 'LineString', coordinates: line };
        }
        positions += coordinates.length;
      }
    }
    if (positions > MAX_IMPORT_POSITIONS) {
      errors.push({ index: null, field: 'features', message: `所有要素合计最多 ${MAX_IMPORT_POSITIONS} 个点，到${label}已超过` });
      break;
    }
    if (errors.length === before && shape && knownKind) features.push({ type: 'Feature', geometry: shape, properties: { kind: knownKind, name, community: community as string | null, project: project as string | null } });
  }
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_REPORTED_ISSUES) } : { ok: true, collection, features };
}

/** More than this share of a community-less route's length inside a boundary gives it to that community. */
export const ROUTE_MIN_SHARE_INSIDE = 0.5;

/** Samples per segment when measuring how much of a line lies inside a boundary. */
const SAMPLES_PER_SEGMENT = 16;

/** A community boundary as {@link communitiesWithRoute} reads it. */
export interface CommunityOutline {
  code: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * Length of a segment in an equirectangular projection at its mean latitude, in degrees of
 * latitude (only ratios of these are used). Why not Turf's length: the share inside needs
 * relative lengths of segments a few hundred metres long, where this differs from the geodesic by
 * well under 0.1 %, and @turf/length is not a dependency.
 */
function segmentLength(a: readonly [number, number], b: readonly [number, number]): number {
  const cos = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * cos, b[1] - a[1]);
}

/** The share (0–1) of `line`'s length inside `geometry`, sampled at 16 evenly spaced points per segment. */
export function shareOfLineInside(line: readonly (readonly [number, number])[], geometry: Polygon | MultiPolygon): number {
  let total = 0;
  let inside = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const length = segmentLength(a, b);
    total += length;
    let hits = 0;
    for (let k = 0; k < SAMPLES_PER_SEGMENT; k++) {
      const t = (k + 0.5) / SAMPLES_PER_SEGMENT;
      if (booleanPointInPolygon([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], geometry)) hits++;
    }
    inside += (length * hits) / SAMPLES_PER_SEGMENT;
  }
  return total > 0 ? inside / total : 0;
}

/** The bounding box [west, south, east, north] of a polygon or multipolygon. */
function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      box[0] = Math.min(box[0], lon!);
      box[1] = Math.min(box[1], lat!);
      box[2] = Math.max(box[2], lon!);
      box[3] = Math.max(box[3], lat!);
    }
  }
  return box;
}

/** The community whose boundary holds more than half of `line`'s length, or null (boundaries are assumed not to overlap). */
export function communityOfLine(line: readonly (readonly [number, number])[], boundaries: readonly CommunityOutline[]): string | null {
  const west = Math.min(...line.map((point) => point[0]));
  const east = Math.max(...line.map((point) => point[0]));
  const south = Math.min(...line.map((point) => point[1]));
  const north = Math.max(...line.map((point) => point[1]));
  for (const boundary of boundaries) {
    const box = bboxOf(boundary.geometry);
    if (box[0] > east || box[2] < west || box[1] > north || box[3] < south) continue;
    if (shareOfLineInside(line, boundary.geometry) > ROUTE_MIN_SHARE_INSIDE) return boundary.code;
  }
  return null;
}

/**
 * The codes of the communities that have their landscape route: each `landscape_route` feature
 * counts for its `properties.community`, or, when that is null and `boundaries` are given, for the
 * community holding more than half of its length ({@link communityOfLine}). Other kinds never count.
 */
export function communitiesWithRoute(
  features: readonly { geometry: CampaignFeatureGeometry; properties: { kind: FeatureKind; community: string | null } }[],
  boundaries: readonly CommunityOutline[] = [],
): Set<string> {
  const codes = new Set<string>();
  for (const feature of features) {
    if (feature.properties.kind !== 'landscape_route' || feature.geometry.type !== 'LineString') continue;
    const code = feature.properties.community ?? (boundaries.length > 0 ? communityOfLine(feature.geometry.coordinates, boundaries) : null);
    if (code !== null) codes.add(code);
  }
  return codes;
}

/** The community whose boundary holds `point` ([lon, lat]; on the outline counts as inside), or null. */
export function communityOfPoint(point: readonly [number, number], boundaries: readonly CommunityOutline[]): string | null {
  for (const boundary of boundaries) {
    const box = bboxOf(boundary.geometry);
    if (point[0] < box[0] || point[0] > box[2] || point[1] < box[1] || point[1] > box[3]) continue;
    if (booleanPointInPolygon([point[0], point[1]], boundary.geometry)) return boundary.code;
  }
  return null;
}

/**
 * The community a drawn shape belongs to, as the form proposes it: a point's community
 * ({@link communityOfPoint}), a line's the one holding more than half of its length
 * ({@link communityOfLine}); null when none.
 */
export function communityOfShape(geometry: CampaignFeatureGeometry, boundaries: readonly CommunityOutline[]): string | null {
  return geometry.type === 'Point' ? communityOfPoint(geometry.coordinates, boundaries) : communityOfLine(geometry.coordinates, boundaries);
}
