/**
 * The committed Lucheng dataset (data/lucheng), read and validated once per test file through the
 * same parse boundary users' files go through.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import {
  assembleDataset,
  parseBoundaries,
  parseCampaignConfig,
  parseInspections,
  parseStatusTable,
  type BoundarySet,
  type Dataset,
  type SourceFile,
  type CampaignConfig,
  type InspectionTable,
  type StatusTable,
} from '../../src/core/index.ts';

export const DATA_DIR = fileURLToPath(new URL('../../data/lucheng/', import.meta.url));

export const FILE_NAMES = ['district.geojson', 'streets.geojson', 'communities.geojson', 'status.csv', 'inspections.csv', 'campaign.json'] as const;

export function readData(name: (typeof FILE_NAMES)[number]): string {
  return readFileSync(`${DATA_DIR}${name}`, 'utf8');
}

export interface LuchengData {
  communities: BoundarySet;
  streets: BoundarySet;
  district: BoundarySet;
  status: StatusTable;
  inspections: InspectionTable;
  config: CampaignConfig;
}

/** The demo as the app assembles it from the files of `roles` (communities, status and campaign by default). */
export function luchengDataset(roles: readonly SourceFile['role'][] = ['communities', 'status', 'campaign']): Dataset {
  const names: Partial<Record<SourceFile['role'], (typeof FILE_NAMES)[number]>> = { communities: 'communities.geojson', status: 'status.csv', inspections: 'inspections.csv', campaign: 'campaign.json', streets: 'streets.geojson', district: 'district.geojson' };
  return assembleDataset(roles.map((role) => ({ role, file: names[role]!, text: readData(names[role]!) })));
}

/** Parses every file of the dataset (throws the parsers' InputError on a bad file). */
export function loadLuchengData(): LuchengData {
  return {
    communities: parseBoundaries(readData('communities.geojson'), { file: 'communities.geojson' }),
    streets: parseBoundaries(readData('streets.geojson'), { file: 'streets.geojson' }),
    district: parseBoundaries(readData('district.geojson'), { file: 'district.geojson' }),
    status: parseStatusTable(readData('status.csv'), 'status.csv'),
    inspections: parseInspections(readData('inspections.csv'), 'inspections.csv'),
    config: parseCampaignConfig(readData('campaign.json'), 'campaign.json'),
  };
}

/** All rings of a Polygon or MultiPolygon. */
export function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * Pairs of geometries that share at least one segment with bit-identical endpoints, with the
 * shared length in segments. Neighbours that share exact vertices show up here; neighbours that
 * were digitized separately would not.
 */
export function exactlySharedPairs(geometries: readonly (Polygon | MultiPolygon)[]): Map<string, number> {
  const owner = new Map<string, number>();
  const pairs = new Map<string, number>();
  geometries.forEach((geometry, g) => {
    for (const ring of ringsOf(geometry)) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [a, b] = [ring[k]!, ring[k + 1]!];
        const key = a[0]! < b[0]! || (a[0] === b[0] && a[1]! < b[1]!) ? `${a[0]},${a[1]};${b[0]},${b[1]}` : `${b[0]},${b[1]};${a[0]},${a[1]}`;
        const other = owner.get(key);
        if (other === undefined) owner.set(key, g);
        else if (other !== g) {
          const pair = other < g ? `${other}-${g}` : `${g}-${other}`;
          pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
        }
      }
    }
  });
  return pairs;
}
