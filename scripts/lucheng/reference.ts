/**
 * Reference facts about Lucheng District's 14 streets/towns, copied from
 * `../shared/data/lucheng-streets.csv` (label points WGS84 lon/lat to 4 decimals, land areas in km²
 * measured from public street boundaries) and the real neighbour relation (21 pairs that share a
 * border line). The generator grows its illustrative street layout to match these; the data tests
 * check the result against them.
 */

export interface StreetReference {
  /** 9-digit statistical code (街道/镇). */
  code: string;
  name: string;
  /** A point inside the real street, [lon, lat] WGS84. */
  labelPoint: [number, number];
  /** Approximate land area, km². */
  areaKm2: number;
}

export const LUCHENG_CODE = '330302';

export const STREETS: readonly StreetReference[] = [
  { code: '330302006', name: '五马街道', labelPoint: [120.6605, 28.0206], areaKm2: 5.9 },
  { code: '330302023', name: '七都街道', labelPoint: [120.7652, 28.0019], areaKm2: 22.0 },
  { code: '330302024', name: '滨江街道', labelPoint: [120.717, 28.0096], areaKm2: 17.9 },
  { code: '330302025', name: '南汇街道', labelPoint: [120.688, 27.992], areaKm2: 8.5 },
  { code: '330302026', name: '松台街道', labelPoint: [120.642, 28.0175], areaKm2: 6.4 },
  { code: '330302027', name: '双屿街道', labelPoint: [120.5975, 28.0183], areaKm2: 12.5 },
  { code: '330302028', name: '仰义街道', labelPoint: [120.5646, 28.0683], areaKm2: 31.4 },
  { code: '330302029', name: '大南街道', labelPoint: [120.6583, 28.0059], areaKm2: 2.3 },
  { code: '330302030', name: '蒲鞋市街道', labelPoint: [120.6811, 28.0094], areaKm2: 3.5 },
  { code: '330302031', name: '南郊街道', labelPoint: [120.6529, 27.9862], areaKm2: 6.4 },
  { code: '330302032', name: '广化街道', labelPoint: [120.6226, 28.0135], areaKm2: 4.0 },
  { code: '330302033', name: '丰门街道', labelPoint: [120.5785, 28.0384], areaKm2: 13.0 },
  { code: '330302102', name: '藤桥镇', labelPoint: [120.4849, 28.0772], areaKm2: 98.1 },
  { code: '330302105', name: '山福镇', labelPoint: [120.4799, 28.1294], areaKm2: 59.9 },
];

/** The 21 real neighbouring street pairs, by short name (without 街道/镇). */
export const STREET_PAIRS: readonly (readonly [string, string])[] = [
  ['五马', '滨江'], ['五马', '松台'], ['五马', '大南'], ['五马', '蒲鞋市'], ['七都', '滨江'],
  ['滨江', '南汇'], ['滨江', '蒲鞋市'], ['南汇', '大南'], ['南汇', '蒲鞋市'], ['南汇', '南郊'],
  ['松台', '双屿'], ['松台', '大南'], ['松台', '南郊'], ['松台', '广化'], ['双屿', '广化'],
  ['双屿', '丰门'], ['仰义', '丰门'], ['仰义', '藤桥'], ['大南', '蒲鞋市'], ['大南', '南郊'],
  ['藤桥', '山福'],
];

/** `五马街道` → `五马`, `藤桥镇` → `藤桥`. */
export function shortStreetName(name: string): string {
  return name.replace(/(街道|镇|乡)$/, '');
}

/** The street with this short or full name; throws when there is none. */
export function streetByName(name: string): StreetReference {
  const street = STREETS.find((candidate) => candidate.name === name || shortStreetName(candidate.name) === name);
  if (!street) throw new Error(`unknown street ${name}`);
  return street;
}

/** The 21 pairs as street codes, each pair sorted, the list sorted: a stable form to compare with. */
export function streetPairCodes(): string[] {
  return STREET_PAIRS.map(([a, b]) => [streetByName(a).code, streetByName(b).code].sort().join('-')).sort();
}
