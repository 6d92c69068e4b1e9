/** Presentation helpers for the e2e tests: the story as the core writes it in Node, and waiting for a step to be drawn. */
import type { Page } from 'playwright-core';
import { campaignStory, createWhatIf, laggingReport, unitMetrics, type Story } from '../../src/core/index.ts';
import type { luchengEngine } from './lucheng.ts';

/** The story of the status table's plan, with the exact bridges the app refines to. */
export function luchengStory(engine: ReturnType<typeof luchengEngine>): Story {
  const { dataset, graph, baseline } = engine;
  const metrics = unitMetrics(
    dataset.boundaries.features.map((feature) => feature.geometry),
    dataset.status.map((row) => row?.population ?? null),
  );
  const whatIf = createWhatIf({ dataset, graph, metrics });
  const answer = whatIf.analyze(baseline);
  const bridges = answer.refinable ? whatIf.refineBridges(baseline).bridges : answer.bridges;
  return campaignStory({ dataset, metrics, answer, bridges, lagging: laggingReport(dataset) });
}

/** The status table's plan's rings (unselected neighbours of each cluster), one set over all clusters. */
export function luchengRing(engine: ReturnType<typeof luchengEngine>): number[] {
  const { dataset, graph, baseline, metrics } = engine;
  return [...new Set(createWhatIf({ dataset, graph, metrics }).analyze(baseline).rings.flatMap((entry) => entry.ring))];
}

/** Waits until the slide shows `slide.step` and the map has drawn it (camera arrived, idle). */
export async function waitForStep(page: Page, slide: number, step: number, timeout = 60_000): Promise<void> {
  const key = `${slide}.${step}`;
  const handle = await page.waitForFunction(
    (expected) => {
      const map = document.querySelector('[data-testid="map"]');
      const state = map?.getAttribute('data-map-state');
      if (state === 'error') return { error: document.querySelector('[role="alert"]')?.textContent ?? 'map error' };
      return map?.getAttribute('data-shown') === expected && state === 'idle' ? { error: null } : false;
    },
    key,
    { timeout, polling: 100 },
  );
  const { error } = (await handle.jsonValue()) as { error: string | null };
  if (error) throw new Error(`map reported an error: ${error}`);
}
