/**
 * The generated street layout: 14 regions of the mesh grown at once from the cells holding the
 * real label points, with speeds tuned until each has its real area, under the rule that a street
 * may only claim a cell next to streets it really borders (the 21 pairs). The rule forbids extra
 * contacts; the real label points and areas make the real ones happen (the generator checks both).
 */
import { cellLocator, regionBorders, type Mesh } from './mesh.ts';
import { STREETS, STREET_PAIRS, streetByName } from './reference.ts';
import { fillUnclaimed, growRegions, regionAreas, smoothRegions } from './regions.ts';

export interface StreetLayout {
  /** Street index (into STREETS) of every mesh cell. */
  owner: Int32Array;
  areasKm2: Float64Array;
  /** Shared border length in metres of every touching pair, key `i-j` (street indices, i < j). */
  borders: Map<string, number>;
  iterations: number;
  /** Cells that no street could take without an extra contact (0 when the layout is clean). */
  stuck: number;
}

/** The 21 pairs as a symmetric matrix of street indices. */
export function allowedPairs(): boolean[][] {
  const allowed = STREETS.map(() => STREETS.map(() => false));
  for (const [a, b] of STREET_PAIRS) {
    const i = STREETS.indexOf(streetByName(a));
    const j = STREETS.indexOf(streetByName(b));
    allowed[i]![j] = true;
    allowed[j]![i] = true;
  }
  return allowed;
}

/**
 * Grows the streets: repeated simultaneous growth whose per-street speeds are scaled by
 * (target / area)^0.5 after each round until all areas are within `tolerance` of the reference.
 */
export function growStreets(mesh: Mesh, options: { maxIterations?: number; tolerance?: number } = {}): StreetLayout {
  const locate = cellLocator(mesh);
  const allowed = allowedPairs();
  const mayTouch = (a: number, b: number) => allowed[a]![b]!;
  const seeds = STREETS.map((street) => {
    const cell = locate(street.labelPoint);
    if (cell < 0) throw new Error(`growStreets: the label point of ${street.name} is outside the outline`);
    return [cell];
  });
  const protectedCells = new Uint8Array(mesh.cells.length);
  for (const cells of seeds) for (const cell of cells) protectedCells[cell] = 1;
  const speeds = STREETS.map((street) => Math.sqrt(street.areaKm2));
  const maxIterations = options.maxIterations ?? 40;
  const tolerance = options.tolerance ?? 0.03;
  let owner: Int32Array = new Int32Array(0);
  let areas: Float64Array = new Float64Array(0);
  let stuck = 0;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    owner = growRegions(mesh, { seeds, speeds, mayTouch });
    stuck = fillUnclaimed(mesh, owner, { mayTouch });
    areas = regionAreas(mesh, owner, STREETS.length);
    let worst = 0;
    STREETS.forEach((street, i) => {
      const ratio = street.areaKm2 / areas[i]!;
      worst = Math.max(worst, Math.abs(1 / ratio - 1));
      speeds[i]! *= Math.pow(ratio, 0.5);
    });
    if (worst <= tolerance) break;
  }
  // Erode the growth's spikes and tendrils (a few cells each; areas move by well under 1 %).
  smoothRegions(mesh, owner, { rounds: 4, protectedCells, mayTouch });
  areas = regionAreas(mesh, owner, STREETS.length);
  return { owner, areasKm2: areas, borders: regionBorders(mesh, owner), iterations, stuck };
}
