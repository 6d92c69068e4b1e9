/**
 * Readiness (完备程度) of a community for planning: the number of the 12 facility items
 * (五室三站二栏一校一场所) present. The best contiguous set maximises its sum; routes report it.
 */
import type { Dataset } from '../dataset.ts';

/** Facility items present per community (0–12); a community without a status row counts 0. */
export function datasetReadiness(dataset: Pick<Dataset, 'facts'>): Float64Array {
  return Float64Array.from(dataset.facts, (facts) => facts.facilities ?? 0);
}
