/**
 * The Lucheng demo campaign's illustrative features on the map 示意 (issue 21), generated with fixed
 * rules from the seed boundaries and the seeded projects (no randomness, no real survey):
 * - a landscape route 景观路线 inside each demonstration community whose route project has reached
 *   施工 (so most, not all, demonstration communities have one; the others fail the veto's rule),
 *   linked to that project;
 * - a road work for each main road with a project, an approximate line across the interior of the
 *   street the project counts under (not the road's real course: the name says 示意走向);
 * - a service centre per street at the street's pole of inaccessibility (polylabel), linked to the
 *   street's service-centre project when it has one;
 * - a project site per facility project of a community, at the community's pole of inaccessibility.
 * Lines are drawn within the disc polylabel finds inside the polygon, so they lie inside it.
 */
import polylabel from 'polylabel';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { area } from '@turf/area';
import type { CampaignFeatureDraft, ProjectRecord, ProjectStage } from '../../core/index.ts';
import { PROJECT_STAGES } from '../../core/index.ts';
import type { Queryable } from '../db/connection.ts';
import * as store from './features-store.ts';

export interface FeaturesSeedInput {
  /** The seed's community and street boundaries (code, name, geometry). */
  communities: { code: string; name: string; geometry: Polygon | MultiPolygon }[];
  streets: { code: string; name: string; geometry: Polygon | MultiPolygon }[];
  /** The demonstration communities' codes. */
  demo: readonly string[];
  projects: readonly ProjectRecord[];
}

/** polylabel's precision, in degrees (about 10 m). */
const PRECISION_DEGREES = 0.0001;
/** A route is drawn from its project's 施工 on. */
const ROUTE_FROM: ProjectStage = 'building';

/** The pole of inaccessibility of the largest polygon and its distance to the outline, in degrees. */
function interior(geometry: Polygon | MultiPolygon): { centre: [number, number]; radius: number } {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((best, polygon) => (area({ type: 'Polygon', coordinates: polygon }) > area({ type: 'Polygon', coordinates: best }) ? polygon : best));
  const point = polylabel(largest, PRECISION_DEGREES);
  return { centre: [point[0], point[1]], radius: point.distance };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** A gentle S through the disc (every vertex within 0.86 of the radius, so the line stays inside the polygon). */
function routeIn(geometry: Polygon | MultiPolygon, turn: number): [number, number][] {
  const { centre, radius } = interior(geometry);
  const shape: [number, number][] = [[-0.8, -0.3], [-0.35, 0.3], [0.05, -0.2], [0.4, 0.3], [0.8, 0.05]];
  const angle = (turn * Math.PI) / 5;
  return shape.map(([x, y]) => [round(centre[0] + radius * (x * Math.cos(angle) - y * Math.sin(angle))), round(centre[1] + radius * (x * Math.sin(angle) + y * Math.cos(angle)))]);
}

/** A straight line across the disc at `turn` fifths of half a turn. */
function lineAcross(geometry: Polygon | MultiPolygon, turn: number): [number, number][] {
  const { centre, radius } = interior(geometry);
  const angle = (turn * Math.PI) / 5;
  return [-0.85, -0.3, 0.3, 0.85].map((t) => [round(centre[0] + radius * t * Math.cos(angle)), round(centre[1] + radius * t * Math.sin(angle))]);
}

const pointIn = (geometry: Polygon | MultiPolygon): [number, number] => {
  const { centre } = interior(geometry);
  return [round(centre[0]), round(centre[1])];
};

/** The illustrative features with their ids, in a fixed order. */
export function luchengFeatures(input: FeaturesSeedInput): { id: string; draft: CampaignFeatureDraft }[] {
  const communities = new Map(input.communities.map((community) => [community.code, community]));
  const streets = new Map(input.streets.map((street) => [street.code, street]));
  const out: { id: string; draft: CampaignFeatureDraft }[] = [];
  const demo = new Set(input.demo);

  for (const [index, project] of input.projects.filter((item) => item.kind === 'landscape_route' && item.target.kind === 'community').entries()) {
    const community = communities.get(project.target.id);
    if (!community || !demo.has(community.code) || PROJECT_STAGES.indexOf(project.stage) < PROJECT_STAGES.indexOf(ROUTE_FROM)) continue;
    out.push({
      id: `route-${community.code}`,
      draft: { type: 'Feature', geometry: { type: 'LineString', coordinates: routeIn(community.geometry, index) }, properties: { kind: 'landscape_route', name: `${community.name}景观路线（示意）`, community: community.code, project: project.id } },
    });
  }
  for (const [index, project] of input.projects.filter((item) => item.kind === 'road' && item.target.kind === 'road').entries()) {
    const street = streets.get(project.street);
    if (!street) continue;
    out.push({
      id: `road-${index + 1}`,
      draft: { type: 'Feature', geometry: { type: 'LineString', coordinates: lineAcross(street.geometry, index) }, properties: { kind: 'road_work', name: `${project.target.id}改造（示意走向）`, community: null, project: project.id } },
    });
  }
  for (const street of input.streets) {
    const project = input.projects.find((item) => item.kind === 'service_centre' && item.target.kind === 'street' && item.target.id === street.code);
    out.push({
      id: `centre-${street.code}`,
      draft: { type: 'Feature', geometry: { type: 'Point', coordinates: pointIn(street.geometry) }, properties: { kind: 'service_centre', name: `${street.name}服务中心（示意位置）`, community: null, project: project?.id ?? null } },
    });
  }
  for (const project of input.projects.filter((item) => item.kind === 'facility' && item.target.kind === 'community')) {
    const community = communities.get(project.target.id);
    if (!community) continue;
    out.push({
      id: `site-${project.id}`,
      draft: { type: 'Feature', geometry: { type: 'Point', coordinates: pointIn(community.geometry) }, properties: { kind: 'project_site', name: `${community.name}项目点位（示意）`, community: community.code, project: project.id } },
    });
  }
  return out;
}

/** Inserts the illustrative features; returns how many. */
export async function seedFeatures(tx: Queryable, campaignId: string, input: FeaturesSeedInput, actor: string, at: string): Promise<number> {
  const features = luchengFeatures(input);
  for (const { id, draft } of features) await store.insertFeature(tx, campaignId, id, draft, actor, at);
  return features.length;
}
