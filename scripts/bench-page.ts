/**
 * Page measurements shared by the browser benchmarks (bench-browser.ts, bench-import.ts): a
 * long-task probe, load to idle, a point where a community is drawn, what-if toggles timed from
 * click to report and repaint.
 */
import type { Page } from 'playwright-core';
import { waitForMapIdle } from '../test/e2e/map-page.ts';

export const TOGGLES = 10;

/** A point of the map where a community is drawn, searched outwards from the middle (the data's centre may be sea); null when none is near. */
export function drawnCommunityPoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const map = window.lianpian!.map!;
    const canvas = map.getCanvas();
    for (let r = 0; r < 20; r++) {
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]] as const) {
        const x = canvas.clientWidth * 0.5 + dx * r * 15;
        const y = canvas.clientHeight * 0.5 + dy * r * 15;
        if (map.queryRenderedFeatures([x, y], { layers: ['community-fill'] }).length > 0) return { x, y };
      }
    }
    return null;
  });
}

export interface ToggleTiming {
  reportMs: number;
  repaintMs: number;
  longestTaskMs: number;
  /** Time the analysis took inside the worker. */
  workerMs: number;
}

/** Records long tasks from page start. */
export const LONG_TASK_PROBE = () => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

export async function loadToIdle(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await waitForMapIdle(page, 120_000);
  await page.getByTestId('cluster-summary').and(page.locator('[data-cluster-count]:not([data-cluster-count=""])')).waitFor({ timeout: 60_000 });
  return Date.now() - started;
}

/** Clicks a community in planning mode and times the report update and the repaint. */
export async function toggleOnce(page: Page, point: { x: number; y: number }): Promise<ToggleTiming> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const armed = page.evaluate(
    () =>
      new Promise<{ clickAt: number; reportAt: number; idleAt: number }>((resolve) => {
        const map = window.lianpian!.map!;
        const summary = document.querySelector('[data-testid="cluster-summary"]')!;
        let clickAt = 0;
        let reportAt = 0;
        map.getCanvas().addEventListener('click', (event) => (clickAt = event.timeStamp), { once: true, capture: true });
        const observer = new MutationObserver(() => {
          if (!clickAt || reportAt) return;
          reportAt = performance.now();
          observer.disconnect();
          map.once('idle', () => resolve({ clickAt, reportAt, idleAt: performance.now() }));
        });
        observer.observe(summary, { attributes: true, attributeFilter: ['data-analysis-version'] });
      }),
  );
  await page.waitForTimeout(50);
  await page.mouse.click(box.x + point.x, box.y + point.y);
  const { clickAt, reportAt, idleAt } = await armed;
  const longest = await page.evaluate(([from = 0, to = 0]) => Math.max(0, ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((task) => task.start + task.duration >= from && task.start <= to).map((task) => task.duration)), [clickAt, idleAt]);
  const workerMs = Number(await page.getByTestId('cluster-summary').getAttribute('data-analysis-ms'));
  return { reportMs: reportAt - clickAt, repaintMs: idleAt - clickAt, longestTaskMs: longest, workerMs };
}

export async function measureToggles(page: Page, at?: { x: number; y: number }): Promise<ToggleTiming[]> {
  await page.getByTestId('planning-toggle').click();
  const box = (await page.getByTestId('map').boundingBox())!;
  // The middle of the map is some community: toggling it on and off alternately.
  const point = at ?? { x: box.width * 0.55, y: box.height * 0.5 };
  const timings: ToggleTiming[] = [];
  for (let i = 0; i < TOGGLES; i++) timings.push(await toggleOnce(page, point));
  return timings;
}

/** Milliseconds per frame while the map repaints continuously for 3 s (the rendering floor). */
export async function frameTime(page: Page): Promise<number> {
  const frames = (await page.evaluate(
    `new Promise((resolve) => { const map = window.lianpian.map; let n = 0; const count = () => n++; map.on('render', count); map.repaint = true; setTimeout(() => { map.repaint = false; map.off('render', count); resolve(n); }, 3000); })`,
  )) as number;
  return 3000 / Math.max(1, frames);
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const max = (values: number[]) => Math.max(...values);
export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
