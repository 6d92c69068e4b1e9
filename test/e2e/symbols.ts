/**
 * The map's placed labels and badges with their screen boxes, for collision tests. maplibre has
 * no public call for a symbol's box, so this reads the collision grid of its last placement
 * (`style.placement.collisionIndex.grid`, maplibre v5/v6): every placed text or icon box with
 * the layer it belongs to. The features' properties come from `queryRenderedFeatures` at the
 * box's centre, a public call that hit-tests the same boxes.
 */
import type { Page } from 'playwright-core';

export interface PlacedSymbol {
  layer: string;
  /** One box per placed symbol (its text and icon boxes joined), in map CSS pixels. */
  box: { x1: number; y1: number; x2: number; y2: number };
  properties: Record<string, unknown>;
}

/** The symbols of `layers` as maplibre placed them in the last frame. */
export async function placedSymbols(page: Page, layers: readonly string[]): Promise<PlacedSymbol[]> {
  return page.evaluate(async (wanted) => {
    const map = window.lianpian!.map!;
    await new Promise<void>((resolve) => {
      if (!map.isMoving() && map.loaded()) resolve();
      else map.once('idle', () => resolve());
    });
    type Key = { bucketInstanceId: number; featureIndex: number };
    const internals = map as unknown as {
      style: { placement: { collisionIndex: { grid: { boxKeys: Key[]; bboxes: number[] } }; retainedQueryData: Record<number, { bucketIndex: number; featureIndex: { bucketLayerIDs: string[][] } }> } };
    };
    const placement = internals.style?.placement;
    const grid = placement?.collisionIndex?.grid;
    if (!grid?.boxKeys || !grid.bboxes || !placement.retainedQueryData) throw new Error('maplibre collision grid not found: the placedSymbols helper needs updating for this maplibre version');
    // The grid extends 100 px past every side of the viewport (collision_index.ts viewportPadding).
    const PADDING = 100;
    const bySymbol = new Map<string, { layer: string; box: { x1: number; y1: number; x2: number; y2: number } }>();
    grid.boxKeys.forEach((key, i) => {
      const data = placement.retainedQueryData[key.bucketInstanceId];
      const layer = data?.featureIndex.bucketLayerIDs[data.bucketIndex]?.[0];
      if (!layer || !wanted.includes(layer)) return;
      const [x1, y1, x2, y2] = grid.bboxes.slice(4 * i, 4 * i + 4).map((value) => value - PADDING) as [number, number, number, number];
      const id = `${key.bucketInstanceId}/${key.featureIndex}`;
      const known = bySymbol.get(id);
      if (known) known.box = { x1: Math.min(known.box.x1, x1), y1: Math.min(known.box.y1, y1), x2: Math.max(known.box.x2, x2), y2: Math.max(known.box.y2, y2) };
      else bySymbol.set(id, { layer, box: { x1, y1, x2, y2 } });
    });
    return [...bySymbol.values()].map(({ layer, box }) => {
      const hit = map.queryRenderedFeatures([(box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2], { layers: [layer] })[0];
      return { layer, box, properties: (hit?.properties ?? {}) as Record<string, unknown> };
    });
  }, [...layers]);
}

/** Pairs of symbols whose boxes overlap by more than `tolerance` pixels each way. */
export function overlappingPairs(symbols: readonly PlacedSymbol[], tolerance = 0.5): [PlacedSymbol, PlacedSymbol][] {
  const pairs: [PlacedSymbol, PlacedSymbol][] = [];
  for (let i = 0; i < symbols.length; i++) {
    for (let j = i + 1; j < symbols.length; j++) {
      const a = symbols[i]!.box;
      const b = symbols[j]!.box;
      if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > tolerance && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > tolerance) pairs.push([symbols[i]!, symbols[j]!]);
    }
  }
  return pairs;
}

/** The label and badge layers that must never overlap each other. */
export const SYMBOL_LAYERS = ['marker-label', 'community-label-marked', 'cluster-label', 'community-label', 'street-label'] as const;
