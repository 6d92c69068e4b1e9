/**
 * How table rows join the boundaries: by code first, then by a unique community name. One
 * function (`matchRows`) for the dataset assembly and for the import preview's join report, so
 * the preview shows exactly the join that will be applied.
 */

export interface JoinKey {
  code: string;
  name: string;
  /** Line in the file (1-based). */
  line: number;
}

export interface RowMatch {
  /** Boundary feature index, or -1 when the row matches nothing. */
  index: number;
  by: 'code' | 'name' | null;
}

/**
 * Matches each row to a boundary feature: the row's code equals the feature id, else the row's
 * name equals the name of exactly one feature (whose code is not claimed by another row).
 */
export function matchRows(features: readonly { id: string; name: string }[], rows: readonly Pick<JoinKey, 'code' | 'name'>[]): RowMatch[] {
  const byCode = new Map(features.map((feature, i) => [feature.id, i]));
  const byName = new Map<string, number>();
  const repeatedNames = new Set<string>();
  features.forEach((feature, i) => {
    if (byName.has(feature.name)) repeatedNames.add(feature.name);
    byName.set(feature.name, i);
  });
  const claimed = new Set(rows.map((row) => byCode.get(row.code)).filter((index): index is number => index !== undefined));
  return rows.map((row) => {
    const code = byCode.get(row.code);
    if (code !== undefined) return { index: code, by: 'code' };
    const name = repeatedNames.has(row.name) ? undefined : byName.get(row.name);
    if (name !== undefined && !claimed.has(name)) {
      claimed.add(name);
      return { index: name, by: 'name' };
    }
    return { index: -1, by: null };
  });
}

/** The join report shown before an import is applied. */
export interface JoinReport {
  rows: number;
  matchedByCode: number;
  /** Rows joined through their name (their code differs from the boundary's). */
  matchedByName: { line: number; code: string; name: string; boundaryCode: string }[];
  unmatched: { line: number; code: string; name: string }[];
  /** Codes that appear on more than one row, with their lines. */
  duplicated: { code: string; lines: number[] }[];
  /** Boundary features no row refers to. */
  missing: { code: string; name: string }[];
}

/** Builds the join report of table rows against boundary features. */
export function joinReport(features: readonly { id: string; name: string }[], rows: readonly JoinKey[]): JoinReport {
  const matches = matchRows(features, rows);
  const report: JoinReport = { rows: rows.length, matchedByCode: 0, matchedByName: [], unmatched: [], duplicated: [], missing: [] };
  const used = new Set<number>();
  matches.forEach((match, i) => {
    const row = rows[i]!;
    if (match.by === 'code') report.matchedByCode++;
    else if (match.by === 'name') report.matchedByName.push({ line: row.line, code: row.code, name: row.name, boundaryCode: features[match.index]!.id });
    else report.unmatched.push({ line: row.line, code: row.code, name: row.name });
    if (match.index >= 0) used.add(match.index);
  });
  const lines = new Map<string, number[]>();
  for (const row of rows) lines.set(row.code, [...(lines.get(row.code) ?? []), row.line]);
  for (const [code, at] of lines) if (at.length > 1) report.duplicated.push({ code, lines: at });
  features.forEach((feature, i) => {
    if (!used.has(i)) report.missing.push({ code: feature.id, name: feature.name });
  });
  return report;
}
