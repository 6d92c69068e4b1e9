/**
 * Region growing on the mesh graph: several regions grow at once from seed cells, each claiming
 * the unclaimed cell it reaches first (graph distance through cell centroids, divided by the
 * region's speed). Faster regions get larger; the speeds are tuned until every region has its
 * target area. Used for streets (with a rule that only real neighbours may touch) and for the
 * communities inside a street.
 */
import { MinHeap } from './heap.ts';
import type { Mesh } from './mesh.ts';
import { distanceMetres } from './planar.ts';

export interface GrowOptions {
  /** Seed cells of each region (distance 0). */
  seeds: readonly (readonly number[])[];
  /** Speed of each region (metres of graph distance per unit of priority). */
  speeds: readonly number[];
  /** Cells that may be claimed; default all. */
  allowedCells?: Uint8Array;
  /** May regions a and b touch? Default: any. */
  mayTouch?: (a: number, b: number) => boolean;
}

/** Euclidean distance between the centroids of two cells, in metres (the graph's edge length). */
export function stepMetres(mesh: Mesh, a: number, b: number): number {
  return distanceMetres(mesh.centroids[a]!, mesh.centroids[b]!);
}

/**
 * One round of simultaneous growth. Returns the owner region of every cell (−1 where no region
 * could claim it: not allowed, unreachable, or next to a region it may not touch).
 */
export function growRegions(mesh: Mesh, options: GrowOptions): Int32Array {
  const n = mesh.cells.length;
  const owner = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  const entryCell: number[] = [];
  const entryRegion: number[] = [];
  const entryDistance: number[] = [];
  const push = (cell: number, region: number, distance: number) => {
    entryCell.push(cell);
    entryRegion.push(region);
    entryDistance.push(distance);
    heap.push(distance / options.speeds[region]!, entryCell.length - 1);
  };
  options.seeds.forEach((cells, region) => {
    for (const cell of cells) push(cell, region, 0);
  });
  const { offsets, neighbors } = mesh;
  const mayTouch = options.mayTouch;
  for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) {
    const cell = entryCell[entry]!;
    if (owner[cell] !== -1) continue;
    if (options.allowedCells && !options.allowedCells[cell]) continue;
    const region = entryRegion[entry]!;
    if (mayTouch) {
      let blocked = false;
      for (let k = offsets[cell]!; k < offsets[cell + 1]! && !blocked; k++) {
        const other = owner[neighbors[k]!]!;
        if (other !== -1 && other !== region && !mayTouch(region, other)) blocked = true;
      }
      if (blocked) continue;
    }
    owner[cell] = region;
    const distance = entryDistance[entry]!;
    for (let k = offsets[cell]!; k < offsets[cell + 1]!; k++) {
      const next = neighbors[k]!;
      if (owner[next] === -1) push(next, region, distance + stepMetres(mesh, cell, next));
    }
  }
  return owner;
}

/** Area of each region in km². */
export function regionAreas(mesh: Mesh, owner: Int32Array, regions: number): Float64Array {
  const areas = new Float64Array(regions);
  for (let c = 0; c < owner.length; c++) if (owner[c]! >= 0) areas[owner[c]!]! += mesh.areaKm2[c]!;
  return areas;
}

/**
 * Gives unclaimed cells to a neighbouring region that may touch all of the cell's other
 * neighbours, preferring the longest shared border; repeats until nothing changes.
 * Returns the number of cells still unclaimed (stuck between regions that may not touch).
 */
export function fillUnclaimed(mesh: Mesh, owner: Int32Array, options: Pick<GrowOptions, 'allowedCells' | 'mayTouch'>): number {
  const { offsets, neighbors, sharedMetres } = mesh;
  for (let changed = true; changed; ) {
    changed = false;
    for (let cell = 0; cell < owner.length; cell++) {
      if (owner[cell] !== -1 || (options.allowedCells && !options.allowedCells[cell])) continue;
      const border = new Map<number, number>();
      for (let k = offsets[cell]!; k < offsets[cell + 1]!; k++) {
        const other = owner[neighbors[k]!]!;
        if (other !== -1) border.set(other, (border.get(other) ?? 0) + sharedMetres[k]!);
      }
      let best = -1;
      let bestLength = -1;
      for (const [region, length] of [...border.entries()].sort((a, b) => a[0] - b[0])) {
        const fits = !options.mayTouch || [...border.keys()].every((other) => other === region || options.mayTouch!(region, other));
        if (fits && length > bestLength) {
          best = region;
          bestLength = length;
        }
      }
      if (best >= 0) {
        owner[cell] = best;
        changed = true;
      }
    }
  }
  let left = 0;
  for (let cell = 0; cell < owner.length; cell++) if (owner[cell] === -1 && (!options.allowedCells || options.allowedCells[cell])) left++;
  return left;
}

/** Whether the cells of `region` other than `without` still form one connected piece. */
function staysConnected(mesh: Mesh, owner: Int32Array, region: number, without: number): boolean {
  const { offsets, neighbors } = mesh;
  let start = -1;
  for (let k = offsets[without]!; k < offsets[without + 1]! && start < 0; k++) if (owner[neighbors[k]!] === region) start = neighbors[k]!;
  if (start < 0) return false;
  // Only the cell's own neighbours in the region need to stay linked to each other.
  const targets = new Set<number>();
  for (let k = offsets[without]!; k < offsets[without + 1]!; k++) if (owner[neighbors[k]!] === region) targets.add(neighbors[k]!);
  const seen = new Set([start, without]);
  const queue = [start];
  let found = 1;
  for (let q = 0; q < queue.length && found < targets.size; q++) {
    const cell = queue[q]!;
    for (let k = offsets[cell]!; k < offsets[cell + 1]!; k++) {
      const next = neighbors[k]!;
      if (seen.has(next) || owner[next] !== region) continue;
      seen.add(next);
      queue.push(next);
      if (targets.has(next)) found++;
    }
  }
  return found >= targets.size;
}

/**
 * Smooths region borders: a cell that shares more than `share` of its inner border with one other
 * region (a spike or a thin tendril of its own region) moves to that region, unless the move would
 * disconnect its region, take a protected (seed) cell, or create a contact `mayTouch` forbids.
 * Repeats `rounds` times. Returns the number of moves.
 */
export function smoothRegions(mesh: Mesh, owner: Int32Array, options: { rounds: number; share?: number; protectedCells?: Uint8Array; mayTouch?: (a: number, b: number) => boolean }): number {
  const { offsets, neighbors, sharedMetres } = mesh;
  const share = options.share ?? 0.6;
  let moves = 0;
  for (let round = 0; round < options.rounds; round++) {
    let moved = 0;
    for (let cell = 0; cell < owner.length; cell++) {
      const own = owner[cell]!;
      if (own < 0 || options.protectedCells?.[cell]) continue;
      const border = new Map<number, number>();
      let total = 0;
      for (let k = offsets[cell]!; k < offsets[cell + 1]!; k++) {
        const other = owner[neighbors[k]!]!;
        if (other < 0) continue;
        border.set(other, (border.get(other) ?? 0) + sharedMetres[k]!);
        total += sharedMetres[k]!;
      }
      let target = -1;
      for (const [region, length] of border) if (region !== own && length > share * total) target = region;
      if (target < 0) continue;
      if (options.mayTouch && [...border.keys()].some((region) => region !== target && region !== own && !options.mayTouch!(target, region))) continue;
      if (!staysConnected(mesh, owner, own, cell)) continue;
      owner[cell] = target;
      moved++;
    }
    moves += moved;
    if (moved === 0) break;
  }
  return moves;
}
