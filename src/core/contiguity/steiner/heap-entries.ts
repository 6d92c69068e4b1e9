/**
 * The entry storage NodeHeap and IndexedNodeHeap share: keys and nodes in parallel typed arrays
 * (slot 0 the root), grown by doubling, and copied out and back for a search that resumes.
 */

/** Entries copied out by `save` (grown as needed by it). */
export interface SavedEntries {
  keys: Float64Array;
  nodes: Int32Array;
}

export abstract class HeapEntries {
  protected keys: Float64Array;
  protected nodes: Int32Array;
  /** Number of entries. */
  length = 0;
  /** Key of the entry returned by the last `pop`. */
  poppedKey = 0;

  protected constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(4, capacity));
    this.nodes = new Int32Array(this.keys.length);
  }

  /** Copies the entries into `saved` (grown as needed) and returns their count. */
  save(saved: SavedEntries): number {
    if (saved.keys.length < this.length) {
      saved.keys = new Float64Array(this.keys.length);
      saved.nodes = new Int32Array(this.keys.length);
    }
    saved.keys.set(this.keys.subarray(0, this.length));
    saved.nodes.set(this.nodes.subarray(0, this.length));
    return this.length;
  }

  /** Replaces the entries with `length` entries saved by `save` (the same heap, entry for entry). */
  protected restoreEntries(saved: SavedEntries, length: number): void {
    while (this.keys.length < length) this.grow();
    this.keys.set(saved.keys.subarray(0, length));
    this.nodes.set(saved.nodes.subarray(0, length));
    this.length = length;
  }

  protected grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const nodes = new Int32Array(this.nodes.length * 2);
    keys.set(this.keys);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
