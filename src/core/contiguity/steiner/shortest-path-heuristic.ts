/**
 * The shortest-path heuristic of Takahashi and Matsuyama (1980), adapted to node weights and to
 * terminals that are whole clusters: grow a tree from the largest cluster, repeatedly attach the
 * cluster nearest to the tree by a cheapest path, then drop added nodes that became redundant.
 *
 * Guarantee: each attaching path costs at most the optimum (the optimal tree contains a path from
 * the current tree to that cluster), so the result costs at most (k − 1) × optimum for k clusters;
 * it is optimal for k = 2. Node-weighted Steiner tree has no constant-factor approximation unless
 * P = NP (it contains set cover); the best known polynomial guarantee is O(log k) (Klein–Ravi,
 * Guha–Khuller), which needs k shortest-path searches per step and is too slow for instant
 * what-if on 10,000 nodes. On adjacency graphs it comes close: 1.6 % and 3.3 % above the optimum
 * for 4 and 8 clusters spread over 20,000 Voronoi cells (clusters benchmark); the tests check it
 * never beats the exact search and that its result always joins the clusters.
 *
 * Cost: one Dijkstra that is resumed, not restarted, after each attachment (labels only
 * decrease, so a node is expanded again only where the new path brings it closer).
 */
import type { SavedEntries } from './heap-entries.ts';
import { IndexedNodeHeap } from './indexed-node-heap.ts';
import { NodeHeap } from './node-heap.ts';
import { sortIndices } from '../sort-indices.ts';
import { type SteinerGroup, type SteinerProblem } from './problem.ts';

/** A node never labelled in the last search (its first-label pop count). */
const NEVER = 0x7fffffff;
/** Checkpoints kept of the last search (the last one's state at evenly spaced pop counts). */
const CHECKPOINTS = 6;

/** The first group's search state after `pops` pops. */
interface Checkpoint {
  pops: number;
  dist: Float64Array;
  pred: Int32Array;
  inTree: Uint8Array;
  heap: SavedEntries;
  heapLength: number;
  zero: SavedEntries;
  zeroLength: number;
  /** Lengths of `LastSearch.added` and `LastSearch.joined` then. */
  addedLength: number;
  joinedLength: number;
}

/** What the last call with this scratch computed for its first group, to resume from. */
interface LastSearch {
  graph: SteinerProblem['graph'] | null;
  cost: Float64Array | null;
  /** Cluster per node and the clusters' members in that call. */
  clusterOf: Int32Array;
  members: readonly (readonly number[])[];
  /** Added nodes before pruning, and the smallest member of each cluster joined, in search order. */
  added: number[];
  joined: number[];
  /** Pop count at which each node was first labelled (NEVER when it was not). */
  firstLabel: Int32Array;
  checkpoints: Checkpoint[];
  /** Checkpoints valid for that call (the first `valid` of `checkpoints`). */
  valid: number;
  pops: number;
}

/**
 * Buffers sized by the graph that the heuristic reuses between calls (the planner keeps one, so a
 * toggle allocates nothing sized by the whole graph), and the last call's search, which the next
 * call resumes where the two problems still agree.
 */
export interface HeuristicScratch {
  nodeCount: number;
  dist: Float64Array;
  pred: Int32Array;
  inTree: Uint8Array;
  enter: Float64Array;
  heap: IndexedNodeHeap;
  zero: NodeHeap;
  /** -1 everywhere between calls (pruneRedundant's index of the added nodes). */
  addedIndex: Int32Array;
  last: LastSearch;
}

/** Scratch buffers for `shortestPathHeuristic` on graphs of `nodeCount` nodes. */
export function createHeuristicScratch(nodeCount: number): HeuristicScratch {
  return {
    nodeCount,
    dist: new Float64Array(nodeCount),
    pred: new Int32Array(nodeCount),
    inTree: new Uint8Array(nodeCount),
    enter: new Float64Array(nodeCount),
    heap: new IndexedNodeHeap(nodeCount, 1024),
    // Entries at distance 0 (the tree, and clusters touching it) wait in their own small heap: they
    // come before every other entry, and pushing a 0 into the big heap sifts it all the way up.
    zero: new NodeHeap(1024),
    addedIndex: new Int32Array(nodeCount).fill(-1),
    last: { graph: null, cost: null, clusterOf: new Int32Array(nodeCount), members: [], added: [], joined: [], firstLabel: new Int32Array(nodeCount).fill(NEVER), checkpoints: [], valid: 0, pops: 0 },
  };
}

/**
 * Joins every cluster to the others in its graph component. Returns one group per component
 * that holds a cluster, ordered by the group's smallest cluster id (so group 0 contains cluster 0).
 *
 * With a scratch, the first group's search resumes the last call's: the search is deterministic,
 * so until it first labels a node whose entering cost or cluster differs between the two calls it
 * does exactly what the last one did, and it restarts from the last checkpoint before that
 * (issue 18: on a planner toggle, ~40 % of the search on average). Same answers as a fresh search.
 * @param scratch buffers from `createHeuristicScratch` for this graph's node count (made when absent).
 */
export function shortestPathHeuristic(problem: SteinerProblem, scratch?: HeuristicScratch): SteinerGroup[] {
  const { graph, clusterOf, members, cost } = problem;
  const { offsets, neighbors } = graph;
  const n = graph.nodeCount;
  const k = members.length;
  const buffers = scratch && scratch.nodeCount === n ? scratch : createHeuristicScratch(n);
  const { dist, pred, inTree, enter, heap, zero, last } = buffers;
  const { firstLabel } = last;
  const joined = new Uint8Array(k);
  let joinedCount = 0;
  const groups: SteinerGroup[] = [];
  if (k === 0) {
    last.valid = 0;
    return groups;
  }

  // 1. Entering costs (0 inside clusters), and the first pop at which the last search touched a
  // node whose cost or cluster is different now: before it, that search is this one.
  let agreeUntil = last.valid > 0 && last.graph === graph && last.cost === cost && sameMembers(last.members[0]!, members[0]!) ? NEVER : 0;
  const sameCluster = new Uint8Array(k);
  if (agreeUntil > 0) {
    for (let c = 0; c < k; c++) {
      const old = last.clusterOf[members[c]![0]!]!;
      sameCluster[c] = old >= 0 && sameMembers(last.members[old]!, members[c]!) ? 1 : 0;
    }
  }
  for (let v = 0; v < n; v++) {
    const c = clusterOf[v]!;
    const value = c >= 0 ? 0 : cost ? cost[v]! : 1;
    if (agreeUntil > 0 && (value !== enter[v] || (c >= 0 && !sameCluster[c])) && firstLabel[v]! < agreeUntil) agreeUntil = firstLabel[v]!;
    enter[v] = value;
  }
  // The last checkpoint whose pops all came before the first disagreeing one.
  let resume: Checkpoint | null = null;
  let kept = 0;
  for (; kept < last.valid && last.checkpoints[kept]!.pops < agreeUntil; kept++) resume = last.checkpoints[kept]!;
  last.valid = kept;
  last.graph = graph;
  last.cost = cost;
  last.clusterOf.set(clusterOf);
  last.members = members;

  for (let root = 0; root < k; root++) {
    if (joined[root]) continue;
    const first = groups.length === 0;
    const group: SteinerGroup = { clusters: [], added: [], exact: true };
    let pops = 0;
    const attachCluster = (c: number) => {
      joined[c] = 1;
      joinedCount++;
      group.clusters.push(c);
      if (first) last.joined.push(members[c]![0]!);
      for (const m of members[c]!) {
        inTree[m] = 1;
        dist[m] = 0;
        pred[m] = -1;
        zero.push(m, 0);
        if (first && firstLabel[m] === NEVER) firstLabel[m] = pops;
      }
    };
    if (first && resume) {
      // 2a. Resume: the checkpoint's state, with the clusters joined by then under their new ids.
      pops = resume.pops;
      dist.set(resume.dist);
      pred.set(resume.pred);
      inTree.set(resume.inTree);
      heap.restore(resume.heap, resume.heapLength);
      zero.restore(resume.zero, resume.zeroLength);
      last.added.length = resume.addedLength;
      for (let i = 0; i < resume.addedLength; i++) group.added.push(last.added[i]!);
      last.joined.length = resume.joinedLength;
      for (let i = 0; i < resume.joinedLength; i++) {
        const c = clusterOf[last.joined[i]!]!;
        joined[c] = 1;
        joinedCount++;
        group.clusters.push(c);
      }
      for (let v = 0; v < n; v++) if (firstLabel[v]! > pops && firstLabel[v] !== NEVER) firstLabel[v] = NEVER;
    } else {
      // 2b. A fresh search from the group's largest cluster (other groups lie in other graph
      // components, whose labels the first group's search left alone).
      if (first) {
        dist.fill(Infinity);
        pred.fill(-1);
        inTree.fill(0);
        firstLabel.fill(NEVER);
        last.added.length = 0;
        last.joined.length = 0;
        last.valid = 0;
      }
      heap.clear();
      zero.clear();
      attachCluster(root);
    }
    // Checkpoints at evenly spaced pop counts (spaced by the last search's length).
    const spacing = Math.max(256, Math.ceil(last.pops / CHECKPOINTS));
    let nextCheckpoint = first ? (Math.floor(pops / spacing) + 1) * spacing : NEVER;
    while ((zero.length > 0 || heap.length > 0) && joinedCount < k) {
      if (pops === nextCheckpoint) {
        if (last.valid < CHECKPOINTS) saveCheckpoint(buffers, pops, group.added.length);
        nextCheckpoint += spacing;
      }
      pops++;
      const atZero = zero.length > 0;
      const u = atZero ? zero.pop() : heap.pop();
      const label = atZero ? 0 : heap.poppedKey;
      if (label > dist[u]!) continue;
      const c = clusterOf[u]!;
      if (c >= 0 && !joined[c]) {
        // Nearest cluster reached: add the path back to the tree (and any cluster it crosses).
        let x = u;
        while (x !== -1 && !inTree[x]) {
          const next = pred[x]!;
          const cx = clusterOf[x]!;
          if (cx < 0) {
            group.added.push(x);
            if (first) last.added.push(x);
            inTree[x] = 1;
            dist[x] = 0;
            pred[x] = -1;
            zero.push(x, 0);
          } else if (!joined[cx]) {
            attachCluster(cx);
          }
          x = next;
        }
        // Every cluster joined: the rest of the search could add nothing (the loop ends).
        continue;
      }
      // Relax: entering w costs its node weight (0 inside clusters).
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const w = neighbors[e]!;
        const next = label + enter[w]!;
        if (next < dist[w]!) {
          if (dist[w] === Infinity && first) firstLabel[w] = pops;
          dist[w] = next;
          pred[w] = u;
          if (next === 0) zero.push(w, 0);
          else heap.push(w, next);
        }
      }
    }
    if (first) last.pops = pops;
    sortIndices(group.clusters);
    group.added = pruneRedundant(problem, group.clusters, group.added, buffers.addedIndex);
    group.exact = group.clusters.length <= 2;
    groups.push(group);
  }
  return groups;
}

/** Saves the first group's search state after `pops` pops as the next checkpoint. */
function saveCheckpoint(buffers: HeuristicScratch, pops: number, addedLength: number): void {
  const { last, nodeCount } = buffers;
  let checkpoint = last.checkpoints[last.valid];
  if (!checkpoint) {
    checkpoint = {
      pops: 0,
      dist: new Float64Array(nodeCount),
      pred: new Int32Array(nodeCount),
      inTree: new Uint8Array(nodeCount),
      heap: { keys: new Float64Array(1024), nodes: new Int32Array(1024) },
      heapLength: 0,
      zero: { keys: new Float64Array(256), nodes: new Int32Array(256) },
      zeroLength: 0,
      addedLength: 0,
      joinedLength: 0,
    };
    last.checkpoints.push(checkpoint);
  }
  checkpoint.pops = pops;
  checkpoint.dist.set(buffers.dist);
  checkpoint.pred.set(buffers.pred);
  checkpoint.inTree.set(buffers.inTree);
  checkpoint.heapLength = buffers.heap.save(checkpoint.heap);
  checkpoint.zeroLength = buffers.zero.save(checkpoint.zero);
  checkpoint.addedLength = addedLength;
  checkpoint.joinedLength = last.joined.length;
  last.valid++;
}

/** Whether two ascending member lists are equal (the planner shares the arrays of unchanged clusters). */
function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Removes added nodes whose removal keeps all clusters connected, most expensive first (ties:
 * larger index first): the same result as trying each in that order with a connectivity search.
 * Works on the contracted structure (clusters as single vertices), so the cost depends on the
 * added nodes only. One depth-first pass finds the nodes that separate clusters and the
 * biconnected blocks; removing a node can change the answer only for nodes that share a block
 * with it, so candidates outside the blocks touched by removals are decided from that pass, and
 * the others by a small search around them (issue 18: ~1,000 clusters took ~23 passes per
 * planner toggle, then 5 with the blocks, now 1 and a few local searches).
 * Returns the kept nodes ascending.
 * @param addedIndex optional scratch of one entry per graph node, all -1 (left all -1 on return).
 */
export function pruneRedundant(problem: SteinerProblem, clusters: readonly number[], added: readonly number[], addedIndex: Int32Array = new Int32Array(problem.graph.nodeCount).fill(-1)): number[] {
  if (added.length === 0) return [];
  const { graph, clusterOf, cost } = problem;
  const { offsets, neighbors } = graph;
  const clusterCount = clusters.length;
  const addedCount = added.length;
  const total = clusterCount + addedCount;
  // Element id per cluster and per added node: ids 0 … C − 1 are clusters, C … are added nodes.
  const local = new Int32Array(problem.members.length).fill(-1);
  for (let i = 0; i < clusterCount; i++) local[clusters[i]!] = i;
  for (let i = 0; i < addedCount; i++) addedIndex[added[i]!] = clusterCount + i;
  // Contracted adjacency in CSR form: count the distinct neighbours, then fill.
  const linkedTo = new Int32Array(total).fill(-1);
  const first = new Int32Array(total + 1);
  for (let i = 0; i < addedCount; i++) {
    const self = clusterCount + i;
    const v = added[i]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = neighbors[e]!;
      const other = clusterOf[w]! >= 0 ? local[clusterOf[w]!]! : addedIndex[w]!;
      if (other < 0 || linkedTo[other] === self) continue;
      linkedTo[other] = self;
      first[self + 1]!++;
      if (other < clusterCount) first[other + 1]!++;
    }
  }
  for (let x = 0; x < total; x++) first[x + 1] = first[x + 1]! + first[x]!;
  const next = new Int32Array(first[total]!);
  const fill = first.slice(0, total);
  linkedTo.fill(-1);
  for (let i = 0; i < addedCount; i++) {
    const self = clusterCount + i;
    const v = added[i]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = neighbors[e]!;
      const other = clusterOf[w]! >= 0 ? local[clusterOf[w]!]! : addedIndex[w]!;
      if (other < 0 || linkedTo[other] === self) continue;
      linkedTo[other] = self;
      next[fill[self]!++] = other;
      if (other < clusterCount) next[fill[other]!++] = self;
    }
  }
  for (let i = 0; i < addedCount; i++) addedIndex[added[i]!] = -1;
  const removed = new Uint8Array(total);
  const degree = new Int32Array(total);
  for (let x = 0; x < total; x++) degree[x] = first[x + 1]! - first[x]!;
  // Peel added leaves: they join nothing.
  const stack: number[] = [];
  for (let x = clusterCount; x < total; x++) if (degree[x]! <= 1) stack.push(x);
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (removed[x]) continue;
    removed[x] = 1;
    for (let e = first[x]!; e < first[x + 1]!; e++) {
      const y = next[e]!;
      if (!removed[y] && --degree[y]! <= 1 && y >= clusterCount) stack.push(y);
    }
  }
  // The remaining nodes, most expensive first (ties: larger index first). Costs take few
  // distinct values (readiness levels), so group by cost instead of a comparator sort.
  const byPrice = new Map<number, number[]>();
  for (let x = total - 1; x >= clusterCount; x--) {
    if (removed[x]) continue;
    const price = cost ? cost[added[x - clusterCount]!]! : 1;
    const list = byPrice.get(price);
    if (list) list.push(x);
    else byPrice.set(price, [x]);
  }
  const prices = Float64Array.from(byPrice.keys()).sort();
  const candidates: number[] = [];
  for (let j = prices.length - 1; j >= 0; j--) for (const x of byPrice.get(prices[j]!)!) candidates.push(x);

  const essential = new Uint8Array(total);
  const dirty = new Uint8Array(total);
  const order = new Int32Array(total);
  const low = new Int32Array(total);
  const clustersBelow = new Int32Array(total);
  const parent = new Int32Array(total);
  const edge = new Int32Array(total);
  const path = new Int32Array(total);
  // Blocks: the vertices of block b are blockVertices[blockStart[b] … blockStart[b + 1]), its
  // top (the vertex nearest the root) is blockTop[b]; every reached vertex but the root lies in
  // parentBlock[v], the block of the edge to its depth-first parent.
  const visited = new Int32Array(total);
  const parentBlock = new Int32Array(total);
  const blockTop = new Int32Array(total);
  const blockStart = new Int32Array(total + 1);
  const blockVertices = new Int32Array(2 * total);
  const pass = () => {
    // Depth-first search from cluster 0: x separates clusters when a child subtree holding a
    // cluster has no edge back above x; such a subtree closes a block.
    order.fill(0);
    essential.fill(0);
    dirty.fill(0);
    parentBlock.fill(-1);
    let time = 0;
    let depth = 0;
    let visitedCount = 0;
    let blocks = 0;
    let blockEnd = 0;
    path[depth++] = 0;
    visited[visitedCount++] = 0;
    order[0] = low[0] = ++time;
    clustersBelow[0] = 1;
    parent[0] = -1;
    edge[0] = first[0]!;
    while (depth > 0) {
      const u = path[depth - 1]!;
      if (edge[u]! < first[u + 1]!) {
        const y = next[edge[u]!]!;
        edge[u]!++;
        if (removed[y]) continue;
        if (order[y] === 0) {
          order[y] = low[y] = ++time;
          clustersBelow[y] = y < clusterCount ? 1 : 0;
          parent[y] = u;
          edge[y] = first[y]!;
          path[depth++] = y;
          visited[visitedCount++] = y;
        } else if (y !== parent[u] && order[y]! < low[u]!) low[u] = order[y]!;
        continue;
      }
      depth--;
      const p = parent[u]!;
      if (p < 0) continue;
      if (low[u]! < low[p]!) low[p] = low[u]!;
      clustersBelow[p] = clustersBelow[p]! + clustersBelow[u]!;
      if (low[u]! >= order[p]!) {
        if (clustersBelow[u]! > 0) essential[p] = 1;
        // The block closed by the edge p–u: the vertices visited since u, and p.
        blockTop[blocks] = p;
        blockStart[blocks] = blockEnd;
        let w: number;
        do {
          w = visited[--visitedCount]!;
          parentBlock[w] = blocks;
          blockVertices[blockEnd++] = w;
        } while (w !== u);
        blockVertices[blockEnd++] = p;
        blockStart[++blocks] = blockEnd;
      }
    }
  };
  const markBlock = (b: number) => {
    for (let k = blockStart[b]!, end = blockStart[b + 1]!; k < end; k++) dirty[blockVertices[k]!] = 1;
  };
  // Whether removing x now leaves clusters in two or more pieces (what a new pass would say for
  // x): a breadth-first search from x's remaining neighbours at once, one set of pieces per
  // neighbour merged where the searches meet. It stops when all meet (not essential), or when the
  // pieces that cannot meet any more settle it; usually the few nodes around a cycle.
  const seenIn = new Int32Array(total);
  const setOf = new Int32Array(total);
  const queue = new Int32Array(total);
  const rootOf = new Int32Array(total);
  const pending = new Int32Array(total);
  const holdsCluster = new Uint8Array(total);
  let check = 0;
  const find = (a: number) => {
    while (rootOf[a] !== a) a = rootOf[a] = rootOf[rootOf[a]!]!;
    return a;
  };
  const separatesClusters = (x: number): boolean => {
    check++;
    let live = 0;
    let tail = 0;
    seenIn[x] = check;
    for (let e = first[x]!; e < first[x + 1]!; e++) {
      const y = next[e]!;
      if (removed[y]) continue;
      const set = live++;
      rootOf[set] = set;
      pending[set] = 1;
      holdsCluster[set] = y < clusterCount ? 1 : 0;
      seenIn[y] = check;
      setOf[y] = set;
      queue[tail++] = y;
    }
    // Pieces no search can reach any more, and how many of them hold a cluster.
    let clustered = 0;
    for (let head = 0; live > 1 || clustered > 0; head++) {
      if (live === 1 && clustered === 0) return false;
      if (head === tail) return clustered >= 2;
      const u = queue[head]!;
      let root = find(setOf[u]!);
      for (let e = first[u]!; e < first[u + 1]!; e++) {
        const y = next[e]!;
        if (removed[y]) continue;
        if (seenIn[y] !== check) {
          seenIn[y] = check;
          setOf[y] = root;
          queue[tail++] = y;
          pending[root]!++;
          if (y < clusterCount && !holdsCluster[root]) {
            holdsCluster[root] = 1;
            if (clustered > 0) return true;
          }
        } else if (y !== x) {
          const other = find(setOf[y]!);
          if (other === root) continue;
          // Two searches meet: one piece.
          rootOf[other] = root;
          pending[root] = pending[root]! + pending[other]!;
          if (holdsCluster[other]) holdsCluster[root] = 1;
          live--;
          root = find(root);
        }
      }
      if (--pending[root]! === 0) {
        // This piece is explored to its end without meeting another.
        live--;
        if (holdsCluster[root]) {
          if (++clustered >= 2) return true;
          for (let head2 = head + 1; head2 < tail; head2++) if (holdsCluster[find(setOf[queue[head2]!]!)]) return true;
        }
        if (live === 0) return clustered >= 2;
      }
    }
    return false;
  };
  // Decide the candidates in order. A candidate that was essential at the last pass stays
  // essential: removals only take edges away, so the clusters it separated stay separated. A
  // non-essential candidate outside the blocks touched by removals since the last pass is still
  // non-essential; inside them it is decided by a search around it. The blocks of the last pass
  // stay a safe guide: the blocks of the graph after removals lie inside them.
  pass();
  for (const x of candidates) {
    if (essential[x]) continue;
    if (dirty[x] && separatesClusters(x)) continue;
    removed[x] = 1;
    // Blocks holding x: its parent's block and the blocks it tops (each holds one of its children).
    if (order[x] === 0) continue;
    if (parentBlock[x]! >= 0) markBlock(parentBlock[x]!);
    for (let e = first[x]!; e < first[x + 1]!; e++) {
      const b = parentBlock[next[e]!]!;
      if (b >= 0 && blockTop[b] === x) markBlock(b);
    }
  }
  const kept: number[] = [];
  for (let i = 0; i < addedCount; i++) if (!removed[clusterCount + i]) kept.push(added[i]!);
  return sortIndices(kept);
}
