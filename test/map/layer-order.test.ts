import { describe, expect, test } from 'vitest';
import { dashboardLayers, LAYER_IDS } from '../../src/map/layers.ts';

describe('dashboardLayers() order', () => {
  test.each(['dashboard', 'present'] as const)('the focus outline is drawn under the isolated and bridge dashed outlines, so a focused isolated community keeps its dashes (%s, issue 16)', (theme) => {
    const ids = dashboardLayers({ fillColor: ['to-color', '#cccccc'], overlays: { clusters: true, zones: true, rings: true, bridges: true }, theme }).map((layer) => layer.id);
    expect(ids.indexOf(LAYER_IDS.focus)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(LAYER_IDS.focus)).toBeLessThan(ids.indexOf(LAYER_IDS.isolated));
    expect(ids.indexOf(LAYER_IDS.focus)).toBeLessThan(ids.indexOf(LAYER_IDS.bridge));
  });
});

describe('dashboardLayers() labels and badges', () => {
  const layersOf = (theme: 'dashboard' | 'present', marked: number[] = []) => dashboardLayers({ fillColor: ['to-color', '#cccccc'], overlays: { clusters: true, zones: true, rings: true, bridges: true }, theme, marked });

  test.each(['dashboard', 'present'] as const)('badges, the badged communities\' names, 片区 labels, other community names and street names are placed in that order, none hidden by zoom (%s, issue 16)', (theme) => {
    const layers = layersOf(theme);
    const ids = layers.map((layer) => layer.id);
    // maplibre places the topmost symbol layer first: the badges win, then the names they number, then the 片区 labels.
    expect(ids.indexOf(LAYER_IDS.markerLabel)).toBeGreaterThan(ids.indexOf(LAYER_IDS.markedLabel));
    expect(ids.indexOf(LAYER_IDS.markedLabel)).toBeGreaterThan(ids.indexOf(LAYER_IDS.clusterLabel));
    expect(ids.indexOf(LAYER_IDS.clusterLabel)).toBeGreaterThan(ids.indexOf(LAYER_IDS.communityLabel));
    expect(ids.indexOf(LAYER_IDS.communityLabel)).toBeGreaterThan(ids.indexOf(LAYER_IDS.streetLabel));
    for (const id of [LAYER_IDS.markerLabel, LAYER_IDS.clusterLabel]) {
      const layer = layers.find((candidate) => candidate.id === id)!;
      expect(layer.type).toBe('symbol');
      expect(layer.minzoom ?? 0).toBe(0);
      const layout = (layer.layout ?? {}) as Record<string, unknown>;
      expect(layout['text-allow-overlap'] ?? false).toBe(false);
      expect(layout['icon-allow-overlap'] ?? false).toBe(false);
      expect(layout['symbol-sort-key']).toEqual(['get', 'rank']);
    }
    // No circle layer draws badges outside the collision.
    expect(layers.filter((layer) => layer.type === 'circle')).toEqual([]);
  });

  test('the names of badged communities are a layer of their own, placed before the other names and with the corners to go to as well (issue 16: 山前街 lost its name beside ⑥)', () => {
    const layers = layersOf('present', [4, 9]);
    const marked = layers.find((layer) => layer.id === LAYER_IDS.markedLabel)! as { filter?: unknown; layout?: Record<string, unknown> };
    const others = layers.find((layer) => layer.id === LAYER_IDS.communityLabel)! as { filter?: unknown; layout?: Record<string, unknown> };
    expect(marked.filter).toEqual(['in', ['id'], ['literal', [4, 9]]]);
    expect(others.filter).toEqual(['!', ['in', ['id'], ['literal', [4, 9]]]]);
    expect(marked.layout!['text-variable-anchor']).toEqual(expect.arrayContaining(['center', 'top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right']));
    expect(marked.layout!['text-allow-overlap'] ?? false).toBe(false);
  });

  test.each(['dashboard', 'present'] as const)('a badge is lifted above its point by more than its radius plus half the largest name (%s)', (theme) => {
    const layout = layersOf(theme).find((layer) => layer.id === LAYER_IDS.markerLabel)!.layout as Record<string, unknown>;
    const [, lift] = layout['icon-offset'] as [number, number];
    const [, textLift] = layout['text-offset'] as [number, number];
    const size = layout['text-size'] as number;
    expect(lift).toBeLessThan(0);
    // The number sits on its badge.
    expect(textLift * size).toBeCloseTo(lift, 6);
    const radius = Number(/:(\d+)$/.exec(JSON.stringify(layout['icon-image']).match(/lianpian-badge:bridge:\d+/)![0])![1]);
    expect(-lift).toBeGreaterThan(radius + (theme === 'present' ? 28 : 15) * 0.6);
  });
});

describe('dashboardLayers() labels option', () => {
  const visibilityOf = (labels: 'all' | 'streets' | undefined) => {
    const layers = dashboardLayers({ fillColor: ['to-color', '#cccccc'], overlays: { clusters: true, zones: true, rings: true, bridges: true }, theme: 'present', labels });
    return Object.fromEntries(
      [LAYER_IDS.markerLabel, LAYER_IDS.clusterLabel, LAYER_IDS.markedLabel, LAYER_IDS.communityLabel, LAYER_IDS.streetLabel, LAYER_IDS.clusterOutline].map((id) => [id, ((layers.find((layer) => layer.id === id)!.layout ?? {}) as Record<string, unknown>).visibility ?? 'visible']),
    );
  };

  test('labels streets places street names only and keeps the 片区 outlines, for the targets slide whose 片区 names crowded the old town (issue 16)', () => {
    expect(visibilityOf('streets')).toEqual({ [LAYER_IDS.markerLabel]: 'none', [LAYER_IDS.clusterLabel]: 'none', [LAYER_IDS.markedLabel]: 'none', [LAYER_IDS.communityLabel]: 'none', [LAYER_IDS.streetLabel]: 'visible', [LAYER_IDS.clusterOutline]: 'visible' });
  });

  test('labels streets names every street it can: smaller text than the stage\'s street names, long names on two lines, the corners too, smallest street first, never over another name (issue 16: 8 of 14 placed)', () => {
    const streetLayout = (labels: 'all' | 'streets') =>
      (dashboardLayers({ fillColor: ['to-color', '#cccccc'], overlays: { clusters: true, zones: true, rings: true, bridges: true }, theme: 'present', labels }).find((layer) => layer.id === LAYER_IDS.streetLabel)!.layout ?? {}) as Record<string, unknown>;
    const only = streetLayout('streets');
    const all = streetLayout('all');
    const sizeAt = (ramp: unknown, zoom: number) => {
      const [, , , z0, v0, z1, v1] = ramp as [string, unknown, unknown, number, number, number, number];
      return v0 + ((v1 - v0) * (zoom - z0)) / (z1 - z0);
    };
    expect(sizeAt(only['text-size'], 10.5)).toBeLessThan(sizeAt(all['text-size'], 10.5));
    expect(only['text-max-width']).toBeLessThan(4);
    expect(only['text-variable-anchor']).toHaveLength(9);
    expect(only['symbol-sort-key']).toEqual(['get', 'areaKm2']);
    expect(only['text-allow-overlap'] ?? false).toBe(false);
  });

  test('labels default to all: badges, 片区 names, community and street names', () => {
    expect(new Set(Object.values(visibilityOf(undefined)))).toEqual(new Set(['visible']));
    expect(visibilityOf('all')).toEqual(visibilityOf(undefined));
  });
});
