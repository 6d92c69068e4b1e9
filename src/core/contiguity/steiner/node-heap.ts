/**
 * A binary min-heap of graph nodes keyed by a float cost, on typed arrays. Duplicates are allowed
 * (lazy deletion: callers skip a popped entry whose key is above the node's current label).
 * Ties are broken by the smaller node index, so every search that uses it is deterministic.
 */
import { HeapEntries, type SavedEntries } from './heap-entries.ts';

export class NodeHeap extends HeapEntries {
  constructor(capacity = 64) {
    super(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  push(node: number, key: number): void {
    if (this.length === this.keys.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    // Sift up from the new leaf.
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent]!;
      if (parentKey < key || (parentKey === key && nodes[parent]! <= node)) break;
      keys[i] = parentKey;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes and returns the node with the smallest key (its key in `poppedKey`); -1 when empty. */
  pop(): number {
    if (this.length === 0) return -1;
    const keys = this.keys;
    const nodes = this.nodes;
    const top = nodes[0]!;
    this.poppedKey = keys[0]!;
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
        keys[i] = childKey;
        nodes[i] = nodes[child]!;
        i = child;
      }
      keys[i] = key;
      nodes[i] = node;
    }
    return top;
  }

  /** Replaces the entries with `length` entries saved by `save` (the same heap, entry for entry). */
  restore(saved: SavedEntries, length: number): void {
    this.restoreEntries(saved, length);
  }
}
