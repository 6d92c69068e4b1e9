/** Page helpers shared by the e2e tests and scripts/screenshot.ts (no test-runner imports here). */
import type { Page } from 'playwright-core';

/** Waits until `data-map-state` is idle; rejects with the shown error text if it becomes error. */
export async function waitForMapIdle(page: Page, timeout = 60_000): Promise<void> {
  const handle = await page.waitForFunction(
    () => {
      const state = document.querySelector('[data-testid="map"]')?.getAttribute('data-map-state');
      if (state === 'error') return { error: document.querySelector('[role="alert"]')?.textContent ?? 'map error' };
      return state === 'idle' ? { error: null } : false;
    },
    undefined,
    { timeout, polling: 100 },
  );
  const { error } = (await handle.jsonValue()) as { error: string | null };
  if (error) throw new Error(`map reported an error: ${error}`);
}

/** Moves the camera (no animation) and waits until the map has drawn the new view. */
export async function jumpAndSettle(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ([lon, lat, z]) =>
      new Promise<void>((resolve) => {
        const map = window.lianpian!.map!;
        map.once('idle', () => resolve());
        map.jumpTo({ center: [lon, lat], zoom: z });
      }),
    [center[0], center[1], zoom] as [number, number, number],
  );
}

/**
 * Clicks the map at a lon/lat as a person would: after the camera has stopped (entering planning
 * mode or selecting a community flies the map; a click during the flight lands elsewhere).
 */
export async function clickMapAt(page: Page, [lon, lat]: readonly [number, number]): Promise<void> {
  await page.waitForTimeout(100);
  await page.waitForFunction(() => window.lianpian?.map?.isMoving() === false, undefined, { timeout: 30_000 });
  const point = await page.evaluate(([x, y]) => window.lianpian!.map!.project([x, y]), [lon, lat] as [number, number]);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + point.x, box.y + point.y);
}
