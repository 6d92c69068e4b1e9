import fc from 'fast-check';
import { expect, test } from 'vitest';
import { idPairs, jsonPieces, round2 } from '../../src/cli/id-pairs.ts';
import { graphFromPairs, graphPairs } from '../../src/core/index.ts';

/** The straightforward order: compare the id strings of every pair. */
function naiveIdPairs(graph: Parameters<typeof graphPairs>[0], ids: readonly string[]) {
  const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return graphPairs(graph)
    .map(([a, b, meters]) => {
      const [first, second] = [ids[a]!, ids[b]!].sort(byString);
      return [first, second, Number.isFinite(meters) ? Number(meters.toFixed(2)) : null];
    })
    .sort((p, q) => byString(p[0] as string, q[0] as string) || byString(p[1] as string, q[1] as string));
}

test('idPairs() lists every pair once by (smaller id, larger id), in the order of comparing id strings', () => {
  const graphs = fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0, max: 1e4, noNaN: true })), { maxLength: 120 }),
      ids: fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 4 }), { minLength: n, maxLength: n }),
    }),
  );
  fc.assert(
    fc.property(graphs, ({ n, edges, ids }) => {
      const graph = graphFromPairs(n, edges);
      expect(idPairs(graph, ids)).toEqual(naiveIdPairs(graph, ids));
    }),
  );
});

test('round2() prints like Number(value.toFixed(2)) for any double, ties and huge values included', () => {
  const ties = fc.integer({ min: -1e6, max: 1e6 }).map((k) => (k + 0.5) / 100);
  fc.assert(
    fc.property(fc.oneof(fc.double(), fc.double({ min: 0, max: 1e5 }), ties), (value) => {
      // Compared as JSON, the output: -0 and 0 both print 0.
      expect(JSON.stringify(round2(value))).toBe(JSON.stringify(Number.isFinite(value) ? Number(value.toFixed(2)) : null));
    }),
    { numRuns: 5000 },
  );
});

test('jsonPieces() joins to exactly JSON.stringify(document, null, 2) and a line feed, for any pairs and fields', () => {
  const id = fc.string({ unit: 'binary', maxLength: 6 });
  fc.assert(
    fc.property(
      fc.dictionary(fc.string({ unit: 'binary', maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      fc.array(fc.tuple(id, id, fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null))), { maxLength: 6 }),
      fc.jsonValue({ maxDepth: 2 }),
      (before, pairs, after) => {
        const document = { ...before, pairs, after, text: '鹿城区 \u0000pairs "pairs": \n' };
        const pieces = jsonPieces(document);
        expect(pieces.join('')).toBe(`${JSON.stringify(document, null, 2)}\n`);
        expect(pieces).toHaveLength(pairs.length > 0 ? 3 : 1);
      },
    ),
    { seed: 18 },
  );
});
