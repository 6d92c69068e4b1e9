import fc from 'fast-check';
import { expect, test } from 'vitest';
import { IndexedNodeHeap } from '../../../src/core/contiguity/steiner/indexed-node-heap.ts';
import { NodeHeap } from '../../../src/core/contiguity/steiner/node-heap.ts';

// Issue 18: the bridge heuristic's Dijkstra moved from NodeHeap (duplicates, stale entries
// skipped) to IndexedNodeHeap (decrease-key). Its valid pops must come in the same order.
test('IndexedNodeHeap pops what NodeHeap with lazy deletion pops as valid entries, in the same order', () => {
  const operation = fc.oneof(fc.record({ push: fc.nat(15), key: fc.integer({ min: 0, max: 8 }).map((k) => k / 2) }), fc.constant({ pop: true as const }));
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
      // Labels only decrease; a popped node comes back with a lower one, as in the resumed Dijkstra.
      const label = new Float64Array(16).fill(Infinity);
      const lazy = new NodeHeap(4);
      const indexed = new IndexedNodeHeap(16, 4);
      const pops = (heap: NodeHeap | IndexedNodeHeap, skipStale: boolean, out: number[][]) => {
        for (;;) {
          const node = heap.pop();
          if (node < 0) return false;
          if (skipStale && heap.poppedKey > label[node]!) continue;
          out.push([node, heap.poppedKey]);
          return true;
        }
      };
      const fromLazy: number[][] = [];
      const fromIndexed: number[][] = [];
      for (const op of operations) {
        if ('pop' in op) {
          pops(lazy, true, fromLazy);
          pops(indexed, false, fromIndexed);
        } else if (op.key < label[op.push]!) {
          label[op.push] = op.key;
          lazy.push(op.push, op.key);
          indexed.push(op.push, op.key);
        }
      }
      while (pops(lazy, true, fromLazy));
      while (pops(indexed, false, fromIndexed));
      expect(fromIndexed).toEqual(fromLazy);
      expect(indexed.length).toBe(0);
    }),
    { numRuns: 500 },
  );
});

test('IndexedNodeHeap.push ignores a key above the one the node has, and clear empties it', () => {
  const heap = new IndexedNodeHeap(4);
  heap.push(2, 1);
  heap.push(2, 3);
  heap.push(1, 1);
  expect([heap.pop(), heap.poppedKey, heap.pop(), heap.poppedKey, heap.pop()]).toEqual([1, 1, 2, 1, -1]);
  heap.push(3, 5);
  heap.clear();
  heap.push(3, 6);
  expect([heap.length, heap.pop(), heap.poppedKey]).toEqual([1, 3, 6]);
});
