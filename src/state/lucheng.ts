/**
 * The embedded Lucheng demo dataset (data/lucheng, see data/README.md for provenance). Vite emits
 * the files as static assets of the app's own origin; the analysis worker fetches them.
 */
import type { SourceRef } from '../worker/protocol.ts';
import communitiesUrl from '../../data/lucheng/communities.geojson?url';
import streetsUrl from '../../data/lucheng/streets.geojson?url';
import districtUrl from '../../data/lucheng/district.geojson?url';
import statusUrl from '../../data/lucheng/status.csv?url';
import inspectionsUrl from '../../data/lucheng/inspections.csv?url';
import campaignUrl from '../../data/lucheng/campaign.json?url';

export const LUCHENG_SOURCES: SourceRef[] = [
  { role: 'communities', file: 'communities.geojson', url: communitiesUrl },
  { role: 'streets', file: 'streets.geojson', url: streetsUrl },
  { role: 'district', file: 'district.geojson', url: districtUrl },
  { role: 'status', file: 'status.csv', url: statusUrl },
  { role: 'inspections', file: 'inspections.csv', url: inspectionsUrl },
  { role: 'campaign', file: 'campaign.json', url: campaignUrl },
];
