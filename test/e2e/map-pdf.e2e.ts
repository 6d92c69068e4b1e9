/**
 * The exported map PDF as a reader shows it (issue 16): rendered with pdf.js in Chromium, its map
 * region holds the map (not a blank or single-colour box) and its text layer carries the title,
 * the legend and the footer words, selectable and searchable; where the district view drops 片区
 * names or badges the legend lists, a second page enlarges their area and draws every one. The
 * rendered pages are kept as test-results/e2e/map-pdf-page.png and map-pdf-page-2.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { mapArea, PAGE_SIZES_PT } from '../../src/export/map-pdf.ts';
import { ARTIFACTS_DIR, test } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { waitForMapIdle } from './map-page.ts';
import { regionInk, renderPdfPage } from './pdf-render.ts';

const engine = luchengEngine();

test('the map PDF, rendered by pdf.js, shows the map in its map area and has the title and legend as text', async ({ app }) => {
  const { page } = app;
  await app.open();
  await waitForMapIdle(page);
  const legendTitle = (await page.locator('[data-testid="legend"] h3').first().innerText()).replace(/[▾▸]/g, '').trim();
  const legendLabels = (await page.locator('[data-testid="legend"] > ul:first-of-type li').allInnerTexts()).map((text) => text.trim().split(/\s/)[0]!).filter(Boolean);
  expect(legendLabels.length).toBeGreaterThan(2);
  // Every frame the map draws while exporting: how many analysis markers (片区 names, badges) it has and places.
  await page.evaluate(() => {
    const map = window.lianpian!.map!;
    type Box = { x1: number; y1: number; x2: number; y2: number };
    const record: { total: number; placed: number; zoom: number; width: number; height: number; boxes: Box[]; outlines: Box[] }[] = [];
    (window as unknown as { placements: typeof record }).placements = record;
    const key = (p: Record<string, unknown> | null) => `${String(p?.kind)}:${String(p?.text)}:${String(p?.index)}`;
    map.on('idle', () => {
      const all = new Set(map.querySourceFeatures('markers').map((feature) => key(feature.properties)));
      const placed = new Set(map.queryRenderedFeatures({ layers: ['marker-label', 'cluster-label'] }).map((feature) => key(feature.properties)));
      // The placed badges' and 片区 names' boxes (maplibre's collision grid, as test/e2e/symbols.ts reads it; the grid extends 100 px past the viewport).
      type Key = { bucketInstanceId: number; featureIndex: number };
      const placement = (map as unknown as { style: { placement: { collisionIndex: { grid: { boxKeys: Key[]; bboxes: number[] } }; retainedQueryData: Record<number, { bucketIndex: number; featureIndex: { bucketLayerIDs: string[][] } }> } } }).style.placement;
      // One box per symbol: a badge's icon and number boxes joined.
      const bySymbol = new Map<string, Box>();
      placement.collisionIndex.grid.boxKeys.forEach((entry, i) => {
        const data = placement.retainedQueryData[entry.bucketInstanceId];
        const layer = data?.featureIndex.bucketLayerIDs[data.bucketIndex]?.[0];
        if (layer !== 'marker-label' && layer !== 'cluster-label') return;
        const [x1, y1, x2, y2] = placement.collisionIndex.grid.bboxes.slice(4 * i, 4 * i + 4).map((value) => value - 100) as [number, number, number, number];
        const id = `${entry.bucketInstanceId}/${entry.featureIndex}`;
        const known = bySymbol.get(id);
        bySymbol.set(id, known ? { x1: Math.min(known.x1, x1), y1: Math.min(known.y1, y1), x2: Math.max(known.x2, x2), y2: Math.max(known.y2, y2) } : { x1, y1, x2, y2 });
      });
      const boxes = [...bySymbol.values()];
      // Each 片区's outline, projected.
      const outlines = new Map<number, Box>();
      for (const feature of map.querySourceFeatures('cluster-outlines')) {
        const id = Number(feature.properties?.number);
        const rings = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates : [];
        for (const point of rings.flat(2) as [number, number][]) {
          const { x, y } = map.project(point);
          const box = outlines.get(id) ?? { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
          outlines.set(id, { x1: Math.min(box.x1, x), y1: Math.min(box.y1, y), x2: Math.max(box.x2, x), y2: Math.max(box.y2, y) });
        }
      }
      const canvas = map.getCanvas();
      record.push({ total: all.size, placed: [...all].filter((id) => placed.has(id)).length, zoom: map.getZoom(), width: canvas.clientWidth, height: canvas.clientHeight, boxes, outlines: [...outlines.values()] });
    });
  });
  const before = await page.evaluate(() => ({ center: window.lianpian!.map!.getCenter().toArray(), zoom: window.lianpian!.map!.getZoom() }));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
  const path = `${ARTIFACTS_DIR}/map-export.pdf`;
  await download.saveAs(path);
  const rendered = await renderPdfPage(page, app.baseUrl, readFileSync(path), { scale: 2 });
  writeFileSync(`${ARTIFACTS_DIR}/map-pdf-page.png`, Buffer.from(rendered.png.split(',')[1]!, 'base64'));

  // A4 landscape, the map in its area (PDF origin bottom left, the canvas's top left).
  expect([rendered.widthPt, rendered.heightPt].map(Math.round)).toEqual(PAGE_SIZES_PT.A4.map(Math.round));
  const area = mapArea('A4');
  const region = { x: area.x * rendered.scale, y: (rendered.heightPt - area.y - area.h) * rendered.scale, width: area.w * rendered.scale, height: area.h * rendered.scale };
  const map = await regionInk(page, rendered.png, region);
  // The district's fills, outlines and labels: many colours, and much of the area not the background.
  expect(map.colours).toBeGreaterThan(50);
  expect(map.inkShare).toBeGreaterThan(0.3);
  expect(map.besidesCommonShare).toBeGreaterThan(0.1);
  // The legend column beside the map is not blank either.
  const legend = await regionInk(page, rendered.png, { x: region.x + region.width + 4, y: region.y, width: (rendered.widthPt - area.x - area.w - 28) * rendered.scale - 8, height: region.height / 2 });
  expect(legend.inkShare).toBeGreaterThan(0.02);

  // Text a reader can select: the title, the legend's title and labels, the source line.
  const text = rendered.text.replace(/\s+/g, '');
  expect(text).toContain(engine.dataset.config.title.replace(/\s+/g, ''));
  expect(text).toContain(legendTitle.replace(/\s+/g, ''));
  for (const label of legendLabels) expect(text).toContain(label);
  expect(text).toContain('建议补充的社区');
  expect(text).not.toContain('README');

  // Issue 16: at the whole-district view collision drops some 片区 names and badges the legend
  // lists; the PDF's second page enlarges their area at the print size, where every one is drawn.
  type Box = { x1: number; y1: number; x2: number; y2: number };
  const placements = await page.evaluate(() => (window as unknown as { placements: { total: number; placed: number; zoom: number; width: number; height: number; boxes: Box[]; outlines: Box[] }[] }).placements);
  expect(placements.length).toBeGreaterThan(0);
  const total = Math.max(...placements.map((entry) => entry.total));
  expect(total).toBeGreaterThan(8);
  expect(placements.some((entry) => entry.placed < total), 'the district view drops some markers').toBe(true);
  const enlargement = placements.find((entry) => entry.total === total && entry.placed === total && entry.zoom > before.zoom + 0.5);
  expect(enlargement, 'a zoomed-in frame drew every marker').toBeDefined();
  // Every 片区 (its outline), name and badge lies inside that frame with a margin (片区 4 stood at its left edge).
  const MARGIN = 24;
  const inside = (box: { x1: number; y1: number; x2: number; y2: number }) => box.x1 >= MARGIN && box.y1 >= MARGIN && box.x2 <= enlargement!.width - MARGIN && box.y2 <= enlargement!.height - MARGIN;
  expect(enlargement!.outlines.length).toBeGreaterThan(0);
  expect(enlargement!.outlines.filter((box) => !inside(box)), '片区 outlines at the enlargement\'s edge').toEqual([]);
  expect(enlargement!.boxes.length).toBe(total);
  expect(enlargement!.boxes.filter((box) => !inside(box)), 'names and badges at the enlargement\'s edge').toEqual([]);
  expect(text).toContain('全部见第2页');
  const second = await renderPdfPage(page, app.baseUrl, readFileSync(path), { pageNumber: 2, scale: 2 });
  writeFileSync(`${ARTIFACTS_DIR}/map-pdf-page-2.png`, Buffer.from(second.png.split(',')[1]!, 'base64'));
  expect(second.text.replace(/\s+/g, '')).toContain('局部放大：示范片区与建议补充的社区');
  const enlarged = await regionInk(page, second.png, region);
  expect(enlarged.colours).toBeGreaterThan(50);
  expect(enlarged.inkShare).toBeGreaterThan(0.3);
  // The camera is back where the user left it.
  await page.waitForFunction(() => !window.lianpian!.map!.isMoving());
  const after = await page.evaluate(() => ({ center: window.lianpian!.map!.getCenter().toArray(), zoom: window.lianpian!.map!.getZoom() }));
  expect(after.zoom).toBeCloseTo(before.zoom, 3);
  expect(after.center[0]).toBeCloseTo(before.center[0]!, 5);
});
