/**
 * Campaign features' SQL (issue 21): one function each over a Queryable (parameters only). Rows
 * come back as the core's CampaignFeature (GeoJSON with the stored properties), in a stable order
 * (kind, name, id).
 */
import { FEATURE_KINDS, type CampaignFeature, type CampaignFeatureDraft, type CampaignFeatureGeometry, type FeatureKind } from '../../core/index.ts';
import type { Queryable } from '../db/connection.ts';

type Row = Record<string, unknown>;
const asJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

const featureOf = (row: Row): CampaignFeature => ({
  type: 'Feature',
  geometry: asJson<CampaignFeatureGeometry>(row.geometry),
  properties: {
    id: row.id as string,
    kind: row.kind as FeatureKind,
    name: row.name as string,
    community: (row.community as string | null) ?? null,
    project: (row.project as string | null) ?? null,
    version: Number(row.version),
    updatedBy: row.updated_by as string,
    updatedAt: iso(row.updated_at),
  },
});

/** Kinds in FEATURE_KINDS order, then name and id (code-point order, the same on PGlite and PostgreSQL). */
const ORDER = `array_position(array[${FEATURE_KINDS.map((kind) => `'${kind}'`).join(', ')}]::text[], kind), name collate "C", id collate "C"`;

export async function listFeatures(db: Queryable, campaignId: string): Promise<CampaignFeature[]> {
  return (await db.query(`select * from campaign_features where campaign_id = $1 order by ${ORDER}`, [campaignId])).map(featureOf);
}

export async function countFeatures(db: Queryable, campaignId: string): Promise<number> {
  const [row] = await db.query<{ n: string | number }>('select count(*) as n from campaign_features where campaign_id = $1', [campaignId]);
  return Number(row?.n ?? 0);
}

export async function getFeature(db: Queryable, campaignId: string, id: string, lock = false): Promise<CampaignFeature | null> {
  const [row] = await db.query(`select * from campaign_features where campaign_id = $1 and id = $2${lock ? ' for update' : ''}`, [campaignId, id]);
  return row ? featureOf(row) : null;
}

/** Stores a new feature with id `id`, version 1, written by `actor` at `at` (ISO); returns it as stored. */
export async function insertFeature(tx: Queryable, campaignId: string, id: string, draft: CampaignFeatureDraft, actor: string, at: string): Promise<CampaignFeature> {
  const { kind, name, community, project } = draft.properties;
  const [row] = await tx.query(
    'insert into campaign_features (campaign_id, id, kind, name, community, project, geometry, version, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7::jsonb, 1, $8, $9) returning *',
    [campaignId, id, kind, name, community, project, JSON.stringify(draft.geometry), actor, at],
  );
  return featureOf(row!);
}

/** Replaces a feature's fields with `draft` if its version is still `version`; returns it as stored (version + 1), or null when stale or gone. */
export async function updateFeature(tx: Queryable, campaignId: string, id: string, version: number, draft: CampaignFeatureDraft, actor: string, at: string): Promise<CampaignFeature | null> {
  const { kind, name, community, project } = draft.properties;
  const [row] = await tx.query(
    `update campaign_features set kind = $4, name = $5, community = $6, project = $7, geometry = $8::jsonb, version = version + 1, updated_by = $9, updated_at = $10
     where campaign_id = $1 and id = $2 and version = $3 returning *`,
    [campaignId, id, version, kind, name, community, project, JSON.stringify(draft.geometry), actor, at],
  );
  return row ? featureOf(row) : null;
}

/** Deletes a feature if its version is still `version`; false when stale or gone. */
export async function deleteFeature(tx: Queryable, campaignId: string, id: string, version: number): Promise<boolean> {
  return (await tx.query('delete from campaign_features where campaign_id = $1 and id = $2 and version = $3 returning id', [campaignId, id, version])).length === 1;
}
