/**
 * Sharing plans the way redistricting tools do: the plan as a two-column CSV (`code,designated`,
 * read back by the importer as a plan), saved scenarios as one JSON file, and a read-only link.
 */
import { formatPlanCsv, type Dataset } from '../core/index.ts';
import type { SavedScenario } from '../state/project.ts';

/** Every community's code with 1 (designated in the plan) or 0, in boundary order. */
export function planCsv(dataset: Pick<Dataset, 'boundaries'>, designated: Uint8Array): string {
  const features = dataset.boundaries.features;
  return formatPlanCsv(features.map((feature) => feature.id), new Set(features.filter((feature) => designated[feature.index]).map((feature) => feature.id)));
}

export const SCENARIO_FILE_FORMAT = 'lianpian-scenarios';

/** Scenarios as a JSON file another planner can import. */
export function scenarioFile(scenarios: readonly SavedScenario[]): string {
  return `${JSON.stringify({ format: SCENARIO_FILE_FORMAT, version: 1, scenarios }, null, 1)}\n`;
}

/** Reads a scenario file; null when it is not one (shown as a message, never thrown). */
export function readScenarioFile(text: string): SavedScenario[] | null {
  try {
    const value = JSON.parse(text) as { format?: unknown; scenarios?: unknown };
    if (value.format !== SCENARIO_FILE_FORMAT || !Array.isArray(value.scenarios)) return null;
    return value.scenarios.filter((item): item is SavedScenario => typeof item?.name === 'string' && typeof item.savedAt === 'string' && Array.isArray(item.codes) && item.codes.every((code: unknown) => typeof code === 'string'));
  } catch {
    return null;
  }
}

/** A read-only link to the current view and plan: the page's hash plus `ro=1`. */
export function readOnlyLink(href: string): string {
  const url = new URL(href);
  const params = url.hash.replace(/^#/, '');
  url.hash = params.split('&').some((part) => part === 'ro=1') ? params : [params, 'ro=1'].filter(Boolean).join('&');
  return url.toString();
}
