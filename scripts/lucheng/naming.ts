/**
 * Which generated region carries which community's name. Regions of one street are anonymous
 * after partitioning; names are given so that the demonstration communities of the story form the
 * planned clusters (see story.ts), and the rest in a neutral order (code order from the street's
 * centre outwards, 社区 names on the densest regions, 村 names on the rest).
 */
import type { Unit } from './divisions.ts';
import type { Mesh } from './mesh.ts';
import { distanceMetres, type Point } from './planar.ts';
import type { StreetReference } from './reference.ts';
import { BRIDGED_GROUPS, DEMO_PLAN, MIN_TOUCH_METRES } from './story.ts';

/** Adjacency facts about the generated community regions (global region indices). */
export interface RegionGraph {
  count: number;
  /** Street index of each region. */
  street: number[];
  /** Meant for a 社区 (dense) rather than a 村. */
  urban: boolean[];
  centre: Point[];
  /** Rook adjacency: shared border in metres, symmetric. */
  shared: Map<number, number>[];
  /** Queen contact (any shared point), key `a-b` with a < b. */
  contact: Set<string>;
}

const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

/** Builds the region graph from the region of every mesh cell. */
export function regionGraph(mesh: Mesh, owner: Int32Array, street: number[], urban: boolean[]): RegionGraph {
  const count = street.length;
  const shared = Array.from({ length: count }, () => new Map<number, number>());
  const sums = Array.from({ length: count }, () => [0, 0, 0]);
  for (let cell = 0; cell < owner.length; cell++) {
    const a = owner[cell]!;
    const s = sums[a]!;
    s[0]! += mesh.centroids[cell]![0];
    s[1]! += mesh.centroids[cell]![1];
    s[2]!++;
    for (let k = mesh.offsets[cell]!; k < mesh.offsets[cell + 1]!; k++) {
      const b = owner[mesh.neighbors[k]!]!;
      if (b !== a) shared[a]!.set(b, (shared[a]!.get(b) ?? 0) + mesh.sharedMetres[k]!);
    }
  }
  const contact = new Set<string>();
  const atVertex = new Map<string, number[]>();
  mesh.cells.forEach((ring, cell) => {
    for (const [x, y] of ring) {
      const key = `${x},${y}`;
      const list = atVertex.get(key);
      if (!list) atVertex.set(key, [owner[cell]!]);
      else if (!list.includes(owner[cell]!)) list.push(owner[cell]!);
    }
  });
  for (const list of atVertex.values()) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) contact.add(pairKey(list[i]!, list[j]!));
  return { count, street, urban, centre: sums.map(([x, y, n]) => [x! / n!, y! / n!]), shared, contact };
}

interface Choice {
  group: string;
  regions: number[];
}

/**
 * Assigns every unit a region. Returns `unitOfRegion[region]` = index into `units`.
 * @throws when the planned clusters cannot be placed (the layout would need another seed)
 */
export function assignNames(graph: RegionGraph, streets: readonly StreetReference[], units: readonly Unit[]): number[] {
  const unitIndex = new Map(units.map((unit, i) => [unit.name, i]));
  const streetOf = (name: string) => {
    const i = unitIndex.get(name);
    if (i === undefined) throw new Error(`story: no community named ${name}`);
    return streets.findIndex((street) => street.code === units[i]!.streetCode);
  };
  const groups = [...new Set(DEMO_PLAN.map((plan) => plan.group))];
  const members = new Map(groups.map((group) => [group, DEMO_PLAN.filter((plan) => plan.group === group)]));
  const touches = (a: number, b: number) => (graph.shared[a]!.get(b) ?? 0) >= MIN_TOUCH_METRES;

  // Candidate region sets per group: connected under rook ≥ MIN_TOUCH_METRES (a triangle when a group
  // has three members, as 桂柑–菱藕–庆年坊 must all touch), inside the members' street.
  const candidates = new Map<string, number[][]>();
  for (const group of groups) {
    const plans = members.get(group)!;
    const street = streetOf(plans[0]!.name);
    if (plans.some((plan) => streetOf(plan.name) !== street)) throw new Error(`story: group ${group} spans several streets`);
    const regions = graph.street.flatMap((s, r) => (s === street && graph.urban[r] ? [r] : []));
    const sets: number[][] = [];
    const extend = (chosen: number[]) => {
      if (chosen.length === plans.length) {
        sets.push(chosen);
        return;
      }
      for (const r of regions) {
        if (r <= chosen[chosen.length - 1]!) continue;
        const joined = plans.length === 3 && group === 'A' ? chosen.every((c) => touches(c, r)) : chosen.some((c) => touches(c, r));
        if (joined) extend([...chosen, r]);
      }
    };
    for (const r of regions) extend([r]);
    // Prefer sets near the street's label point (the real centre of the street).
    const label = streets[street]!.labelPoint;
    const spread = (set: number[]) => set.reduce((sum, r) => sum + distanceMetres(graph.centre[r]!, label), 0) / set.length;
    candidates.set(group, sets.sort((a, b) => spread(a) - spread(b) || a[0]! - b[0]!));
  }

  const [first, second] = BRIDGED_GROUPS;
  const apart = (a: readonly number[], b: readonly number[]) => a.every((x) => b.every((y) => !graph.contact.has(pairKey(x, y))));
  const bridgeable = (a: readonly number[], b: readonly number[], taken: Set<number>) => {
    for (let x = 0; x < graph.count; x++) if (!taken.has(x) && a.some((r) => touches(x, r)) && b.some((r) => touches(x, r))) return true;
    return false;
  };
  const chosen: Choice[] = [];
  const place = (g: number): boolean => {
    if (g === groups.length) return true;
    const group = groups[g]!;
    for (const regions of candidates.get(group)!.slice(0, 400)) {
      if (!chosen.every((other) => apart(other.regions, regions))) continue;
      chosen.push({ group, regions });
      const a = chosen.find((c) => c.group === first);
      const b = chosen.find((c) => c.group === second);
      const taken = new Set(chosen.flatMap((c) => c.regions));
      if ((!a || !b || bridgeable(a.regions, b.regions, taken)) && place(g + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  if (!place(0)) throw new Error('story: the planned demonstration clusters do not fit the generated layout');

  const unitOfRegion = new Array<number>(graph.count).fill(-1);
  const used = new Set<number>();
  for (const { group, regions } of chosen) {
    members.get(group)!.forEach((plan, i) => {
      unitOfRegion[regions[i]!] = unitIndex.get(plan.name)!;
      used.add(unitIndex.get(plan.name)!);
    });
  }
  // Everyone else: per street and kind, codes in order from the street's centre outwards.
  streets.forEach((street, s) => {
    for (const urban of [true, false]) {
      const kind = urban ? '社区' : '村';
      const free = graph.street
        .flatMap((owner, r) => (owner === s && graph.urban[r] === urban && unitOfRegion[r] === -1 ? [r] : []))
        .sort((a, b) => distanceMetres(graph.centre[a]!, street.labelPoint) - distanceMetres(graph.centre[b]!, street.labelPoint) || a - b);
      const names = units.flatMap((unit, i) => (unit.streetCode === street.code && unit.kind === kind && !used.has(i) ? [i] : []));
      if (free.length !== names.length) throw new Error(`naming: ${street.name} has ${free.length} ${kind} regions for ${names.length} names`);
      free.forEach((r, i) => (unitOfRegion[r] = names[i]!));
    }
  });
  return unitOfRegion;
}
