/**
 * A community named by a person: by its code, by its name, or by its name without the 社区/村
 * suffix (`桂柑` → 桂柑社区), as the app's pickers and the CLI's `--must`/`--exclude` accept it.
 * A name several communities share is ambiguous: the caller lists the candidates (with street and
 * code) instead of picking one.
 */
import type { BoundaryFeature } from './model.ts';

export type ResolvedCommunity =
  | { kind: 'found'; index: number }
  | { kind: 'ambiguous'; candidates: number[] }
  | { kind: 'unknown' };

const SUFFIXES = ['', '社区', '村', '居委会', '社区居委会', '村委会'];

/** The community `text` names (code first, then the exact name, then the name with a suffix added). */
export function resolveCommunity(features: readonly Pick<BoundaryFeature, 'index' | 'id' | 'name'>[], text: string): ResolvedCommunity {
  const wanted = text.trim();
  if (wanted === '') return { kind: 'unknown' };
  const byCode = features.find((feature) => feature.id === wanted);
  if (byCode) return { kind: 'found', index: byCode.index };
  for (const suffix of SUFFIXES) {
    const matches = features.filter((feature) => feature.name === `${wanted}${suffix}`);
    if (matches.length === 1) return { kind: 'found', index: matches[0]!.index };
    if (matches.length > 1) return { kind: 'ambiguous', candidates: matches.map((feature) => feature.index) };
  }
  return { kind: 'unknown' };
}
