/**
 * A binary min-heap of graph nodes keyed by a float cost, holding each node at most once: pushing
 * a node already in the heap lowers its key in place (decrease-key) instead of adding a second
 * entry. Ties are broken by the smaller node index, like NodeHeap, so a Dijkstra pops its valid
 * entries in the same order with either heap; this one just never carries stale entries (on the
 * planner toggle's resumed Dijkstra they were ~28 % of the pops, issue 18).
 */
import { HeapEntries, type SavedEntries } from './heap-entries.ts';

export class IndexedNodeHeap extends HeapEntries {
  /** Heap slot of each node, -1 when absent. */
  private readonly slot: Int32Array;

  /** A heap for nodes 0 … nodeCount − 1. */
  constructor(nodeCount: number, capacity = 1024) {
    super(Math.min(capacity, nodeCount));
    this.slot = new Int32Array(nodeCount).fill(-1);
  }

  /** Empties the heap (O(entries)). */
  clear(): void {
    for (let i = 0; i < this.length; i++) this.slot[this.nodes[i]!] = -1;
    this.length = 0;
  }

  /** Adds `node` with `key`, or lowers its key when it is already in the heap (a higher key is ignored). */
  push(node: number, key: number): void {
    const slot = this.slot;
    let i = slot[node]!;
    if (i < 0) {
      if (this.length === this.keys.length) this.grow();
      i = this.length++;
    } else if (this.keys[i]! <= key) return;
    const keys = this.keys;
    const nodes = this.nodes;
    // Sift up from the node's slot.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent]!;
      if (parentKey < key || (parentKey === key && nodes[parent]! <= node)) break;
      const moved = nodes[parent]!;
      keys[i] = parentKey;
      nodes[i] = moved;
      slot[moved] = i;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
    slot[node] = i;
  }

  /** Removes and returns the node with the smallest key (its key in `poppedKey`); -1 when empty. */
  pop(): number {
    if (this.length === 0) return -1;
    const keys = this.keys;
    const nodes = this.nodes;
    const slot = this.slot;
    const top = nodes[0]!;
    this.poppedKey = keys[0]!;
    slot[top] = -1;
    const last = --this.length;
    if (last > 0) {
      const key = keys[last]!;
      const node = nodes[last]!;
      // Sift the last leaf down from the root.
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        const right = child + 1;
        if (right < last && (keys[right]! < keys[child]! || (keys[right] === keys[child] && nodes[right]! < nodes[child]!))) child = right;
        const childKey = keys[child]!;
        if (key < childKey || (key === childKey && node <= nodes[child]!)) break;
        const moved = nodes[child]!;
        keys[i] = childKey;
        nodes[i] = moved;
        slot[moved] = i;
        i = child;
      }
      keys[i] = key;
      nodes[i] = node;
      slot[node] = i;
    }
    return top;
  }

  /** Replaces the entries with `length` entries saved by `save` (the same heap, entry for entry). */
  restore(saved: SavedEntries, length: number): void {
    this.clear();
    this.restoreEntries(saved, length);
    for (let i = 0; i < length; i++) this.slot[this.nodes[i]!] = i;
  }
}
