/**
 * The fine mesh the generated boundaries are made of: a seeded Voronoi diagram of ~20,000 points,
 * denser in the old town, clipped to the district outline. Every street and community is a union
 * of mesh cells, so their borders are chains of Voronoi edges (naturally irregular), and two
 * neighbours always share the very same vertices.
 */
import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import { distanceMetres, pointInRing, ringAreaKm2, ringCentroid, round6, signedArea, toLonLat, toMetres, type Point, type Ring } from './planar.ts';
import { mulberry32 } from './random.ts';

/** Mesh cells per km² at a point: rural base, the plain east of 双屿, and a peak over the old town. */
export function meshDensity([lon, lat]: Readonly<Point>): number {
  const smooth = (a: number, b: number, x: number) => {
    const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
    return t * t * (3 - 2 * t);
  };
  // The urban plain runs from 双屿 (west, ~120.58°) to 滨江 (~120.74°); 七都 island beyond it is villages.
  const plain = smooth(120.565, 120.6, lon) * (1 - 0.6 * smooth(120.735, 120.75, lon)) * (1 - smooth(28.045, 28.07, lat));
  // Old town (五马, 松台, 大南, 蒲鞋市): Gaussian peak, σ ≈ 1.7 km.
  const dx = (lon - 120.662) * 98.3;
  const dy = (lat - 28.012) * 110.9;
  const oldTown = Math.exp(-(dx * dx + dy * dy) / (2 * 1.7 * 1.7));
  return 22 + 95 * plain + 330 * oldTown;
}

export interface MeshOptions {
  seed: number;
  /** Number of Voronoi sites (before clipping splits a few cells into pieces). */
  sites: number;
}

export interface Mesh {
  /** Closed counter-clockwise rings of the cells (a clipped cell can give several pieces), 6-decimal coordinates. */
  cells: Ring[];
  areaKm2: Float64Array;
  centroids: Point[];
  /** CSR adjacency over shared edges: neighbours of cell i are neighbors[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  neighbors: Int32Array;
  /** Shared border length in metres, parallel to `neighbors`. */
  sharedMetres: Float64Array;
}

/**
 * Seeded sites distributed by `meshDensity` (rejection sampling) over the outline's bounding box
 * plus a margin. Sites outside the outline are kept as ghosts: they bound the border cells, which
 * would otherwise be long needles reaching to the diagram's frame, and their cells' parts inside
 * the outline become mesh cells like any other. Sites are returned in local metres: d3-delaunay
 * treats near-flat triangles (|cross| < 1e-9) as degenerate, a threshold meant for pixels that
 * would wrongly fire on degree coordinates 0.001 apart.
 */
function sampleSites(outline: Ring, options: MeshOptions, frame: [number, number, number, number]): { sites: Float64Array; inside: number } {
  const random = mulberry32(options.seed);
  const [west, south, east, north] = frame;
  let maxDensity = 0;
  for (let i = 0; i <= 100; i++) for (let j = 0; j <= 100; j++) maxDensity = Math.max(maxDensity, meshDensity([west + ((east - west) * i) / 100, south + ((north - south) * j) / 100]));
  const inside: number[] = [];
  const outside: number[] = [];
  while (inside.length < options.sites * 2) {
    const p: Point = [west + random() * (east - west), south + random() * (north - south)];
    if (random() * maxDensity > meshDensity(p)) continue;
    (pointInRing(p, outline) ? inside : outside).push(...toMetres(p));
  }
  return { sites: Float64Array.from([...inside, ...outside]), inside: options.sites };
}

export function ringBbox(ring: readonly Readonly<Point>[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

interface Crossing {
  /** Outline segment index and parameter along it. */
  segment: number;
  s: number;
  /** Perimeter parameter on the cell: edge index + fraction. */
  t: number;
  entering: boolean;
  point: Point;
}

/**
 * Clips a convex, counter-clockwise cell to the (simple, counter-clockwise) outline. Returns the
 * pieces of cell ∩ outline as closed rings. Each crossing point is computed from the outline
 * segment and the cell edge taken in a canonical (lexicographic) order, so the two cells sharing
 * an edge get bit-identical crossing points.
 */
export function clipCellToOutline(cell: Ring, outline: Ring, index: Flatbush): Ring[] {
  const m = cell.length - 1;
  const [west, south, east, north] = ringBbox(cell);
  const candidates = index.search(west, south, east, north).sort((a, b) => a - b);
  const crossings: Crossing[] = [];
  for (const k of candidates) {
    const p = outline[k]!;
    const q = outline[k + 1]!;
    for (let e = 0; e < m; e++) {
      const a = cell[e]!;
      const b = cell[e + 1]!;
      const flip = a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
      const [ca, cb] = flip ? [b, a] : [a, b];
      const ex = cb[0] - ca[0];
      const ey = cb[1] - ca[1];
      const dx = q[0] - p[0];
      const dy = q[1] - p[1];
      const denom = dx * ey - dy * ex;
      if (denom === 0) continue;
      const s = ((ca[0] - p[0]) * ey - (ca[1] - p[1]) * ex) / denom;
      const u = ((ca[0] - p[0]) * dy - (ca[1] - p[1]) * dx) / denom;
      if (s < 0 || s >= 1 || u < 0 || u > 1) continue;
      // Entering when the outline segment points to the left of the (counter-clockwise) cell edge.
      const entering = (b[0] - a[0]) * dy - (b[1] - a[1]) * dx > 0;
      crossings.push({ segment: k, s, t: e + (flip ? 1 - u : u), entering, point: [p[0] + s * dx, p[1] + s * dy] });
    }
  }
  if (crossings.length === 0) return [cell];
  if (crossings.length % 2 !== 0) throw new Error('clipCellToOutline: odd number of crossings (degenerate input)');
  crossings.sort((x, y) => x.segment - y.segment || x.s - y.s);
  const n = outline.length - 1;
  // Chains of the outline inside the cell: from each entry to the next crossing (an exit) along the outline.
  interface Chain {
    points: Point[];
    tIn: number;
    tOut: number;
  }
  const chains: Chain[] = [];
  for (let c = 0; c < crossings.length; c++) {
    const entry = crossings[c]!;
    if (!entry.entering) continue;
    const exit = crossings[(c + 1) % crossings.length]!;
    if (exit.entering) throw new Error('clipCellToOutline: two entries in a row (degenerate input)');
    const points: Point[] = [entry.point];
    if (!(exit.segment === entry.segment && exit.s > entry.s)) {
      for (let k = (entry.segment + 1) % n; ; k = (k + 1) % n) {
        points.push(outline[k]!);
        if (k === exit.segment) break;
      }
    }
    points.push(exit.point);
    chains.push({ points, tIn: entry.t, tOut: exit.t });
  }
  // Close each piece along the cell boundary: from a chain's exit, counter-clockwise to the nearest entry.
  const forward = (from: number, to: number) => (to - from + m) % m;
  const used = new Array<boolean>(chains.length).fill(false);
  const pieces: Ring[] = [];
  for (let start = 0; start < chains.length; start++) {
    if (used[start]) continue;
    const ring: Point[] = [];
    let current = start;
    while (!used[current]) {
      used[current] = true;
      const chain = chains[current]!;
      ring.push(...chain.points);
      let next = -1;
      let best = Infinity;
      for (let c = 0; c < chains.length; c++) {
        const gap = forward(chain.tOut, chains[c]!.tIn);
        if (gap > 0 && gap < best) {
          best = gap;
          next = c;
        }
      }
      if (next < 0) throw new Error('clipCellToOutline: no entry after an exit (degenerate input)');
      // Cell vertices strictly between the exit and that entry, walking counter-clockwise.
      for (let j = Math.floor(chain.tOut) + 1; j - chain.tOut < best; j++) ring.push(cell[j % m]!);
      current = next;
    }
    ring.push(ring[0]!);
    pieces.push(ring);
  }
  return pieces;
}

/** Converts a ring from local metres to lon/lat rounded to 6 decimals and drops repeated points; null when it collapses. */
function roundRing(ring: readonly Point[]): Ring | null {
  const out: Ring = [];
  for (const metres of ring) {
    const [x, y] = toLonLat(metres);
    const p: Point = [round6(x), round6(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  if (out.length < 3) return null;
  out.push(out[0]!);
  return signedArea(out) > 0 ? out : null;
}

/** Builds the clipped, rounded Voronoi mesh and its shared-edge adjacency. */
export function buildMesh(outline: Ring, options: MeshOptions): Mesh {
  const [west, south, east, north] = ringBbox(outline);
  const margin = 0.01;
  const { sites, inside } = sampleSites(outline, options, [west - margin, south - margin, east + margin, north + margin]);
  // Diagram and clipping in local metres (see sampleSites); cells go back to lon/lat when rounded.
  const [x0, y0] = toMetres([west - margin, south - margin]);
  const [x1, y1] = toMetres([east + margin, north + margin]);
  const voronoi = new Delaunay(sites).voronoi([x0, y0, x1, y1]);
  outline = outline.map((p) => toMetres(p));
  const index = new Flatbush(outline.length - 1);
  for (let k = 0; k < outline.length - 1; k++) {
    const [ax, ay] = outline[k]!;
    const [bx, by] = outline[k + 1]!;
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();

  const cells: Ring[] = [];
  const total = sites.length / 2;
  let clippedArea = 0;
  for (let i = 0; i < total; i++) {
    const polygon = voronoi.cellPolygon(i) as Point[] | null;
    if (!polygon) continue;
    let cell = polygon.map((p): Point => [p[0], p[1]]);
    if (signedArea(cell) < 0) cell = cell.reverse();
    const pieces = clipCellToOutline(cell, outline, index);
    // A ghost cell that does not cross the outline lies wholly outside it.
    if (i >= inside && pieces.length === 1 && pieces[0] === cell) continue;
    const area = pieces.reduce((sum, piece) => sum + signedArea(piece), 0);
    if (area > signedArea(cell) * (1 + 1e-9) || area <= 0) throw new Error(`buildMesh: clipping cell ${i} failed (piece area ${area}, cell area ${signedArea(cell)})`);
    clippedArea += area;
    
    for (const piece of pieces) {
      const rounded = roundRing(piece);
      if (rounded) cells.push(rounded);
    }
  }

  const outlineArea = signedArea(outline);
  if (Math.abs(clippedArea - outlineArea) > outlineArea * 1e-9) throw new Error(`buildMesh: cells cover ${clippedArea} m², outline ${outlineArea} m²`);

  // Adjacency: two cells are neighbours when they share a segment (identical rounded endpoints).
  const segmentOwner = new Map<string, number>();
  const pairLength = new Map<number, number>();
  const count = cells.length;
  cells.forEach((ring, c) => {
    for (let k = 0; k + 1 < ring.length; k++) {
      const a = ring[k]!;
      const b = ring[k + 1]!;
      const key = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? `${a[0]},${a[1]},${b[0]},${b[1]}` : `${b[0]},${b[1]},${a[0]},${a[1]}`;
      const other = segmentOwner.get(key);
      if (other === undefined) segmentOwner.set(key, c);
      else {
        const pair = Math.min(other, c) * count + Math.max(other, c);
        pairLength.set(pair, (pairLength.get(pair) ?? 0) + distanceMetres(a, b));
      }
    }
  });
  const degree = new Int32Array(count + 1);
  for (const pair of pairLength.keys()) {
    degree[Math.floor(pair / count)]!++;
    degree[pair % count]!++;
  }
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, count);
  const neighbors = new Int32Array(offsets[count]!);
  const sharedMetres = new Float64Array(offsets[count]!);
  for (const [pair, length] of [...pairLength.entries()].sort((x, y) => x[0] - y[0])) {
    const a = Math.floor(pair / count);
    const b = pair % count;
    neighbors[fill[a]!] = b;
    sharedMetres[fill[a]!++] = length;
    neighbors[fill[b]!] = a;
    sharedMetres[fill[b]!++] = length;
  }
  return {
    cells,
    areaKm2: Float64Array.from(cells, ringAreaKm2),
    centroids: cells.map(ringCentroid),
    offsets,
    neighbors,
    sharedMetres,
  };
}

/** Finds the cell containing a point (lon/lat); −1 when outside the mesh. */
export function cellLocator(mesh: Mesh): (point: Readonly<Point>) => number {
  const index = new Flatbush(mesh.cells.length);
  for (const ring of mesh.cells) {
    const [west, south, east, north] = ringBbox(ring);
    index.add(west, south, east, north);
  }
  index.finish();
  return (point) => {
    const hits = index.search(point[0], point[1], point[0], point[1]).sort((a, b) => a - b);
    return hits.find((cell) => pointInRing(point, mesh.cells[cell]!)) ?? -1;
  };
}

/** Shared border length in metres between each pair of regions (key `a-b` with a < b) under an owner assignment. */
export function regionBorders(mesh: Mesh, owner: Int32Array): Map<string, number> {
  const borders = new Map<string, number>();
  for (let cell = 0; cell < owner.length; cell++) {
    const a = owner[cell]!;
    for (let k = mesh.offsets[cell]!; k < mesh.offsets[cell + 1]!; k++) {
      const other = mesh.neighbors[k]!;
      const b = owner[other]!;
      if (other < cell || a === b || a < 0 || b < 0) continue;
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      borders.set(key, (borders.get(key) ?? 0) + mesh.sharedMetres[k]!);
    }
  }
  return borders;
}
