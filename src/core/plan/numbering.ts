/**
 * Cluster numbers people read (片区 1 … n) that stay put across a change of the plan: a cluster
 * that survives a designation click keeps its number, so 片区 3 does not become 片区 2 because
 * another cluster grew. Without a previous numbering, numbers follow the cluster ids (size order).
 */
import type { ClusterReport } from '../contiguity/clusters.ts';

/** A numbered cluster as it was shown: its number (片区 n) and its members. */
export interface NumberedCluster {
  number: number;
  members: readonly number[];
}

/**
 * Numbers for the clusters of `report` (by cluster id), keeping the numbers of `previous`:
 * each new cluster takes the number of the old cluster it shares the most members with (largest
 * overlaps first; each old number once); the other clusters take the smallest numbers not in use,
 * in id order. A merged cluster keeps the number of the part it shares most with, so numbers may
 * have gaps after a merge; they never change for a cluster that is still there.
 * @param previous the clusters shown before the change, or undefined / empty for 1 … n by id.
 * @example clusterNumbers(report, [{ number: 1, members: [4, 5] }, { number: 2, members: [9] }]) // [2, 1] when 9 now lies in the larger cluster
 */
export function clusterNumbers(report: Pick<ClusterReport, 'clusters' | 'clusterOf'>, previous: readonly NumberedCluster[] = []): number[] {
  const numbers = new Array<number>(report.clusters.length).fill(0);
  if (previous.length > 0) {
    // Overlap of every (old, new) pair that shares a member.
    const overlaps: { number: number; id: number; shared: number }[] = [];
    for (const old of previous) {
      const shared = new Map<number, number>();
      for (const v of old.members) {
        const id = report.clusterOf[v] ?? -1;
        if (id >= 0) shared.set(id, (shared.get(id) ?? 0) + 1);
      }
      for (const [id, count] of shared) overlaps.push({ number: old.number, id, shared: count });
    }
    // Largest overlap first; ties: the smaller old number, then the smaller new id (deterministic).
    overlaps.sort((x, y) => y.shared - x.shared || x.number - y.number || x.id - y.id);
    const taken = new Set<number>();
    for (const { number, id } of overlaps) {
      if (numbers[id] !== 0 || taken.has(number)) continue;
      numbers[id] = number;
      taken.add(number);
    }
  }
  const used = new Set(numbers.filter((number) => number > 0));
  let next = 1;
  for (let id = 0; id < numbers.length; id++) {
    if (numbers[id] !== 0) continue;
    while (used.has(next)) next++;
    numbers[id] = next;
    used.add(next);
  }
  return numbers;
}
