/**
 * Campaign features on the map 工程与路线 (issue 21) as the dashboard holds them: the campaign's
 * landscape routes, road works, service centres and project sites as the server answered, whether
 * the layer is shown, the feature clicked on the map, the drawing tool and the drawn shape waiting
 * for its form, and a 409 waiting for the user's choice. Pure state, updaters and selectors, tested
 * in Node; the effect that reads and writes the server is src/app/effects/features.ts.
 *
 * Who may draw is the campaign's role table (`works.write`: the admin everywhere, a street office
 * for the communities of its street), read through {@link mayDrawFeatures}: the drawing updaters
 * refuse (no change) for anyone else, whatever called them, and the server checks again.
 */
import type { CampaignFeature, CampaignFeatureDraft, CampaignFeatureGeometry, CommunityOutline, FeatureKind } from '../core/index.ts';
import { communitiesWithRoute, FEATURE_KIND_GEOMETRY, validateCampaignFeatures } from '../core/index.ts';
import { ROLE_PERMISSIONS } from '../api/permissions.ts';
import { roleAllows, type CommunityRef } from './permissions.ts';
import type { ServerState } from './server-state.ts';

/** What the drawing updaters check: the signed-in account (its role and scope) and a read-only link. */
export interface FeatureAccess {
  server: Pick<ServerState, 'mode' | 'me'>;
  readOnly: boolean;
}

/** The properties a user gives a feature in the form (the geometry comes from the drawing). */
export interface FeatureFields {
  kind: FeatureKind;
  name: string;
  community: string | null;
  project: string | null;
}

/** A feature being created (no id yet) or edited (its id and the version it was read at). */
export interface FeatureDraft extends FeatureFields {
  geometry: CampaignFeatureGeometry;
  /** The feature edited; null for a new one. */
  id: string | null;
  /** The version the edit is based on (PATCH sends it); null for a new one. */
  version: number | null;
}

/** The drawing tool: a new line or point on the map, or the shape of a held feature being moved. */
export type FeatureTool = { mode: 'line' | 'point' } | { mode: 'reshape'; id: string };

/** A PATCH or DELETE met a newer version (409): what the user wanted and the feature as stored now. */
export interface FeatureConflict {
  action: 'update' | 'delete';
  mine: FeatureDraft;
  theirs: CampaignFeature;
}

export interface FeaturesState {
  /** `unavailable`: the campaign server has no features API (an older server). */
  status: 'idle' | 'loading' | 'ready' | 'error' | 'unavailable';
  error: string | null;
  /** As the server holds them, in its order (by creation). */
  features: CampaignFeature[];
  /** The 工程与路线 layer is drawn. */
  shown: boolean;
  /** The feature clicked on the map (its card shows what it is); null = none. */
  selectedId: string | null;
  tool: FeatureTool | null;
  /** The form's feature (a drawn shape, or a held feature's properties being edited); null = no form. */
  draft: FeatureDraft | null;
  conflict: FeatureConflict | null;
  /** The server's refusal or a failure, in its words (null = none). */
  notice: string | null;
  /** The campaign's projects a feature may link to (id, number, title), as GET …/projects answered. */
  projects: FeatureProject[];
  /** Counts loads and changes applied (a change signal for automation). */
  revision: number;
}

/** A project as the feature card and form name it. */
export interface FeatureProject {
  id: string;
  number: number;
  title: string;
}

export const NO_FEATURES: FeaturesState = { status: 'idle', error: null, features: [], shown: true, selectedId: null, tool: null, draft: null, conflict: null, notice: null, projects: [], revision: 0 };

/** Whether the account may draw campaign features at all (the role table's `works.write`, anywhere in its scope); never in a read-only link or 单机模式. */
export function mayDrawFeatures(access: FeatureAccess): boolean {
  if (access.readOnly || access.server.mode !== 'server' || !access.server.me) return false;
  const me = access.server.me;
  // A scoped grant (a street office) draws where its scope reaches; an unscoped one everywhere.
  const reach = ROLE_PERMISSIONS[me.role]?.['works.write'];
  return reach === 'all' || (reach !== undefined && me.scope.length > 0);
}

/** Whether the account may draw a feature of `community` (null: a feature of no community, which needs an unscoped grant), as the server's check. */
export function mayDrawFeatureFor(access: FeatureAccess, community: CommunityRef | null): boolean {
  if (!mayDrawFeatures(access)) return false;
  return roleAllows(access.server, 'works.write', community ?? undefined);
}

export function featuresLoading(state: FeaturesState): Partial<FeaturesState> {
  return state.status === 'ready' ? {} : { status: 'loading', error: null };
}

export function featuresLoaded(state: FeaturesState, features: readonly CampaignFeature[], projects: readonly FeatureProject[] = state.projects): Partial<FeaturesState> {
  const held = new Set(features.map((feature) => feature.properties.id));
  const linkable = projects.map(({ id, number, title }) => ({ id, number, title })).sort((a, b) => a.number - b.number);
  return { status: 'ready', error: null, features: [...features], projects: linkable, selectedId: state.selectedId !== null && held.has(state.selectedId) ? state.selectedId : null, revision: state.revision + 1 };
}

export function featuresFailed(_state: FeaturesState, message: string): Partial<FeaturesState> {
  return { status: 'error', error: message };
}

export function featuresUnavailable(_state: FeaturesState): Partial<FeaturesState> {
  return { status: 'unavailable', error: null, features: [] };
}

/**
 * Features the server now holds (an answered write or a `feature.changed` event) and ids it
 * deleted: each replaces the held copy unless that one is newer; new ones are appended, deleted
 * ones removed (with their card and form).
 */
export function featuresChanged(state: FeaturesState, changed: readonly CampaignFeature[], deleted: readonly string[] = []): Partial<FeaturesState> {
  const gone = new Set(deleted);
  let features = state.features.filter((feature) => !gone.has(feature.properties.id));
  let applied = features.length !== state.features.length;
  for (const feature of changed) {
    if (gone.has(feature.properties.id)) continue;
    const index = features.findIndex((held) => held.properties.id === feature.properties.id);
    if (index >= 0 && features[index]!.properties.version >= feature.properties.version) continue;
    features = index >= 0 ? features.map((held, i) => (i === index ? feature : held)) : [...features, feature];
    applied = true;
  }
  if (!applied) return {};
  const selectedGone = state.selectedId !== null && gone.has(state.selectedId);
  const draftGone = state.draft?.id != null && gone.has(state.draft.id);
  return { features, revision: state.revision + 1, ...(selectedGone ? { selectedId: null } : {}), ...(draftGone ? { draft: null } : {}) };
}

export function setFeaturesShown(state: FeaturesState, shown: boolean): Partial<FeaturesState> {
  return state.shown === shown ? {} : { shown };
}

/** The feature clicked on the map (null closes its card). */
export function selectFeature(state: FeaturesState, id: string | null): Partial<FeaturesState> {
  if (id !== null && !state.features.some((feature) => feature.properties.id === id)) return {};
  return state.selectedId === id ? {} : { selectedId: id };
}

/** Starts drawing a new line or point (refused without the right to draw, or while a form is open). */
export function startDrawing(state: FeaturesState, access: FeatureAccess, mode: 'line' | 'point'): Partial<FeaturesState> {
  if (!mayDrawFeatures(access) || state.draft) return {};
  return { tool: { mode }, selectedId: null, notice: null };
}

/** Starts moving the shape of held feature `id` (refused without the right to draw it). */
export function startReshaping(state: FeaturesState, access: FeatureAccess, id: string, community: CommunityRef | null): Partial<FeaturesState> {
  const feature = state.features.find((item) => item.properties.id === id);
  if (!feature || !mayDrawFeatureFor(access, community) || state.draft) return {};
  return { tool: { mode: 'reshape', id }, notice: null };
}

export function stopDrawing(state: FeaturesState): Partial<FeaturesState> {
  return state.tool === null ? {} : { tool: null };
}

/** The kind a drawn shape starts as: a line a landscape route, a point a project site. */
export function defaultKind(geometry: CampaignFeatureGeometry): FeatureKind {
  return geometry.type === 'LineString' ? 'landscape_route' : 'project_site';
}

/** Kinds a shape may be (routes and road works are lines, centres and sites points: the core's rule). */
export function kindsFor(geometry: CampaignFeatureGeometry): FeatureKind[] {
  return (Object.keys(FEATURE_KIND_GEOMETRY) as FeatureKind[]).filter((kind) => FEATURE_KIND_GEOMETRY[kind] === geometry.type);
}

/**
 * A shape finished on the map: a new one opens the form (kind by shape, the community it was
 * drawn in); a reshaped held feature opens the form with its properties and the new shape.
 */
export function shapeDrawn(state: FeaturesState, access: FeatureAccess, geometry: CampaignFeatureGeometry, community: string | null): Partial<FeaturesState> {
  if (!state.tool || !mayDrawFeatures(access)) return { tool: null };
  if (state.tool.mode === 'reshape') {
    const id = state.tool.id;
    const held = state.features.find((feature) => feature.properties.id === id);
    if (!held) return { tool: null };
    return { tool: null, draft: { ...fieldsOf(held), geometry, id, version: held.properties.version } };
  }
  return { tool: null, draft: { kind: defaultKind(geometry), name: '', community, project: null, geometry, id: null, version: null } };
}

/** Opens the form on held feature `id` (its properties, its shape), refused without the right to draw it. */
export function editFeature(state: FeaturesState, access: FeatureAccess, id: string, community: CommunityRef | null): Partial<FeaturesState> {
  const held = state.features.find((feature) => feature.properties.id === id);
  if (!held || !mayDrawFeatureFor(access, community)) return {};
  return { draft: { ...fieldsOf(held), geometry: held.geometry, id, version: held.properties.version }, tool: null, notice: null };
}

/** A field of the form changed (a kind that does not fit the shape is ignored). */
export function draftChanged(state: FeaturesState, fields: Partial<FeatureFields>): Partial<FeaturesState> {
  if (!state.draft) return {};
  if (fields.kind !== undefined && FEATURE_KIND_GEOMETRY[fields.kind] !== state.draft.geometry.type) return {};
  return { draft: { ...state.draft, ...fields } };
}

export function draftClosed(state: FeaturesState): Partial<FeaturesState> {
  return state.draft === null && state.tool === null ? {} : { draft: null, tool: null };
}

/** A write was refused or failed: the server's words, the form stays open to correct. */
export function featuresNotice(_state: FeaturesState, message: string | null): Partial<FeaturesState> {
  return { notice: message };
}

/** A PATCH or DELETE answered 409: the feature as stored now replaces the held one and the dialog opens with both. */
export function featureConflict(state: FeaturesState, conflict: FeatureConflict): Partial<FeaturesState> {
  return { ...featuresChanged(state, [conflict.theirs]), conflict, draft: null };
}

export function conflictClosed(state: FeaturesState): Partial<FeaturesState> {
  return state.conflict === null ? {} : { conflict: null };
}

/** The form fields of a stored feature. */
export function fieldsOf(feature: CampaignFeature): FeatureFields {
  const { kind, name, community, project } = feature.properties;
  return { kind, name, community, project };
}

/** What a PATCH of `draft` sends: its version and the fields that differ from `held` (all of them when nothing is held). */
export function patchOf(draft: FeatureDraft, held: CampaignFeature | undefined): { version: number } & Partial<FeatureFields> & { geometry?: CampaignFeatureGeometry } {
  const body: { version: number } & Partial<FeatureFields> & { geometry?: CampaignFeatureGeometry } = { version: draft.version ?? held?.properties.version ?? 1 };
  if (!held || JSON.stringify(held.geometry) !== JSON.stringify(draft.geometry)) body.geometry = draft.geometry;
  for (const key of ['kind', 'name', 'community', 'project'] as const) if (!held || held.properties[key] !== draft[key]) (body as Record<string, unknown>)[key] = draft[key];
  return body;
}

// ---- selectors ----

/**
 * The landscape route 景观路线 that gives `community` its route, by the core's rule
 * (communitiesWithRoute, what the veto reads: a route naming the community, or one naming none
 * with more than half of its length inside the community's `outline`); null when it has none.
 */
export function routeOf(features: readonly CampaignFeature[], community: CommunityOutline): CampaignFeature | null {
  return features.find((feature) => feature.properties.kind === 'landscape_route' && communitiesWithRoute([feature], [community]).has(community.code)) ?? null;
}

export function selectedFeature(state: FeaturesState): CampaignFeature | null {
  return state.selectedId === null ? null : (state.features.find((feature) => feature.properties.id === state.selectedId) ?? null);
}

/** Features per kind, every kind present (0 when none): the legend's and the import preview's counts. */
export function countByKind(features: readonly { properties: { kind: FeatureKind } }[]): Record<FeatureKind, number> {
  const counts = Object.fromEntries((Object.keys(FEATURE_KIND_GEOMETRY) as FeatureKind[]).map((kind) => [kind, 0])) as Record<FeatureKind, number>;
  for (const feature of features) counts[feature.properties.kind] += 1;
  return counts;
}

/** The campaign's features as one GeoJSON FeatureCollection (what the export writes; ids, versions and authors included, which an import drops). */
export function featureCollection(features: readonly CampaignFeature[]): { type: 'FeatureCollection'; features: CampaignFeature[] } {
  return { type: 'FeatureCollection', features: [...features] };
}

/** What an import would save: the new features (by kind), and how many were skipped as already held. */
export type FeatureImportPreview =
  | { ok: true; file: string; features: CampaignFeatureDraft[]; counts: Record<FeatureKind, number>; skipped: number }
  | { ok: false; file: string; errors: string[] };

/** A feature's identity for "already held": kind, name, community and shape. */
const sameFeature = (a: Pick<CampaignFeatureDraft, 'geometry' | 'properties'>, b: CampaignFeature) =>
  a.properties.kind === b.properties.kind && a.properties.name === b.properties.name && a.properties.community === b.properties.community && JSON.stringify(a.geometry) === JSON.stringify(b.geometry);

/**
 * Reads an imported GeoJSON file's text through the core's one validation
 * (validateCampaignFeatures) against the campaign's communities and projects: every problem
 * named with the file, the feature's number, its field and what was expected (Chinese), or the
 * features to save. A feature the campaign already holds (its exported `properties.id`, or the
 * same kind, name, community and shape) is skipped, so an export imported again adds only what
 * is missing.
 */
export function featureImportPreview(file: string, text: string, campaign: { communities: ReadonlySet<string>; projects: ReadonlySet<string>; held: readonly CampaignFeature[] }): FeatureImportPreview {
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, file, errors: [`${file}：不是有效的 GeoJSON（JSON 无法解析：${(error as Error).message}）`] };
  }
  const raw = (input as { type?: unknown; features?: unknown } | null)?.type === 'FeatureCollection' ? (input as { features?: unknown }).features : [input];
  const ids = Array.isArray(raw) ? raw.map((item) => (item as { properties?: { id?: unknown } } | null)?.properties?.id) : [];
  const heldIds = new Set(campaign.held.map((feature) => feature.properties.id));
  // The limit counts what would be added: features already held are not.
  const already = ids.filter((id) => typeof id === 'string' && heldIds.has(id)).length;
  const result = validateCampaignFeatures(input, { communities: campaign.communities, projects: campaign.projects, existing: Math.max(0, campaign.held.length - already) });
  if (!result.ok) return { ok: false, file, errors: result.errors.map((issue) => `${file}：${issue.message}`) };
  const features = result.features.filter((feature, index) => {
    const id = ids[index];
    return !(typeof id === 'string' && heldIds.has(id)) && !campaign.held.some((held) => sameFeature(feature, held));
  });
  return { ok: true, file, features, counts: countByKind(features), skipped: result.features.length - features.length };
}
