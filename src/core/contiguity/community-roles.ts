/**
 * The one classifier of communities in a what-if answer: what each community is for the 连线成片
 * analysis (member of a cluster, isolated point, suggested bridge, ring neighbour, or none). The
 * CLI's GeoJSON and CSV, the map's outlines and the exported GeoJSON all read it, with one
 * property schema (`CommunityRoleProperties`), so they cannot classify a community differently.
 */
import type { BridgeSolution } from './bridges.ts';
import type { ClusterRing } from './cluster-ring.ts';
import type { ClusterReport } from './clusters.ts';

/**
 * A community's main role: `cluster` (in a cluster of 2 or more, 片), `isolated` (a cluster of
 * one, 孤立点), `bridge` (a suggested extra community, 连片建议; never in a cluster), `ring` (an
 * undesignated neighbour of a cluster, 相邻周边), or `none`. A bridge that also borders a cluster
 * is a bridge, with `inRing` still true.
 */
export type CommunityRole = 'cluster' | 'isolated' | 'bridge' | 'ring' | 'none';

/** The one property schema of a classified community (plain values; arrays only where lists are needed). */
export interface CommunityRoleProperties {
  role: CommunityRole;
  /** The cluster it is in (cluster, isolated); null otherwise. */
  cluster: number | null;
  /** Whether it is a ring neighbour of some cluster (also true for a bridge that borders one). */
  inRing: boolean;
  /** The clusters it is a ring neighbour of, ascending. */
  ring: number[];
  /** Bridge only: the clusters it joins (else empty). */
  joins: number[];
  /** Bridge only: its suggestion step, 1-based (else null). */
  step: number | null;
}

/** One community's classification (`index` = its feature index). */
export interface CommunityRoleRow extends CommunityRoleProperties {
  index: number;
}

/** The parts of a what-if answer the classification reads. */
export interface RoleInput {
  report: Pick<ClusterReport, 'clusterOf' | 'clusters'>;
  rings: readonly Pick<ClusterRing, 'clusterId' | 'ring'>[];
  bridges: Pick<BridgeSolution, 'suggestions'>;
}

/**
 * Every community's role in the answer, in feature order.
 * @example
 * const roles = communityRoles(whatIf.analyze(selected));
 * roles.filter((row) => row.role === 'bridge').map((row) => row.step); // [1, 2]
 */
export function communityRoles({ report, rings, bridges }: RoleInput): CommunityRoleRow[] {
  const rows: CommunityRoleRow[] = Array.from(report.clusterOf, (cluster, index) => {
    const role: CommunityRole = cluster < 0 ? 'none' : report.clusters[cluster]!.size > 1 ? 'cluster' : 'isolated';
    return { index, role, cluster: cluster < 0 ? null : cluster, inRing: false, ring: [], joins: [], step: null };
  });
  for (const { clusterId, ring } of rings) {
    for (const index of ring) {
      const row = rows[index]!;
      row.inRing = true;
      row.ring.push(clusterId);
      if (row.role === 'none') row.role = 'ring';
    }
  }
  for (const row of rows) row.ring.sort((a, b) => a - b);
  for (const suggestion of bridges.suggestions) {
    const row = rows[suggestion.node]!;
    Object.assign(row, { role: 'bridge', cluster: null, joins: [...suggestion.joins], step: suggestion.step });
  }
  return rows;
}

/**
 * The properties of a row as features carry them (the row without its index), with each cluster
 * as people read it: its number in the answer (`names[id].number`, 片区 n), the same in the CLI's
 * output, the map's outlines and the exported GeoJSON.
 */
export function communityRoleProperties({ role, cluster, inRing, ring, joins, step }: CommunityRoleProperties, names: readonly { number: number }[]): CommunityRoleProperties {
  const number = (id: number) => names[id]!.number;
  return { role, cluster: cluster === null ? null : number(cluster), inRing, ring: ring.map(number), joins: joins.map(number), step };
}
