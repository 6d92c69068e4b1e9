/**
 * A bucket queue (Dial's algorithm) for node-weighted shortest paths where every positive node
 * weight is at least `width`: a relaxation from a label in bucket k lands in bucket k + 1 or later,
 * so labels are final when their bucket is reached and no ordering inside a bucket is needed.
 * Zero-weight nodes (contracted clusters) re-enter the current bucket and are popped again
 * (last in, first out). Same interface as NodeHeap; O(1) per operation.
 */
export class BucketQueue {
  private head: Int32Array;
  private nodes = new Int32Array(1024);
  private keys = new Float64Array(1024);
  private next = new Int32Array(1024);
  private used = 0;
  private cursor = 0;
  private highest = -1;
  /** Number of entries. */
  length = 0;
  /** Key of the entry returned by the last `pop`. */
  poppedKey = 0;

  /** Keys from 0 to `maxKey` in buckets `width` wide. */
  constructor(
    private readonly width: number,
    maxKey: number,
  ) {
    this.head = new Int32Array(Math.floor(maxKey / width) + 2).fill(-1);
  }

  /** Buckets needed for keys up to `maxKey`: callers fall back to a heap when it is too many. */
  static bucketCount(width: number, maxKey: number): number {
    return Math.floor(maxKey / width) + 2;
  }

  clear(): void {
    if (this.highest >= 0) this.head.fill(-1, 0, this.highest + 1);
    this.used = 0;
    this.cursor = 0;
    this.highest = -1;
    this.length = 0;
  }

  push(node: number, key: number): void {
    if (this.used === this.nodes.length) this.grow();
    const bucket = Math.max(this.cursor, Math.min(Math.floor(key / this.width), this.head.length - 1));
    const entry = this.used++;
    this.nodes[entry] = node;
    this.keys[entry] = key;
    this.next[entry] = this.head[bucket]!;
    this.head[bucket] = entry;
    if (bucket > this.highest) this.highest = bucket;
    this.length++;
  }

  /** Removes and returns a node of the lowest non-empty bucket (its key in `poppedKey`); -1 when empty. */
  pop(): number {
    if (this.length === 0) return -1;
    while (this.head[this.cursor] === -1) this.cursor++;
    const entry = this.head[this.cursor]!;
    this.head[this.cursor] = this.next[entry]!;
    this.length--;
    this.poppedKey = this.keys[entry]!;
    return this.nodes[entry]!;
  }

  private grow(): void {
    const size = this.nodes.length * 2;
    const nodes = new Int32Array(size);
    const keys = new Float64Array(size);
    const next = new Int32Array(size);
    nodes.set(this.nodes);
    keys.set(this.keys);
    next.set(this.next);
    this.nodes = nodes;
    this.keys = keys;
    this.next = next;
  }
}
