/**
 * One answer: for the same selection on the Lucheng data, `lianpian analyze` and the app's
 * analysis session (the code the worker runs) report the same clusters, names, isolated points,
 * rings and bridges, with the same explanations.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { DatasetRole } from '../../src/core/index.ts';
import { createAnalysisSession } from '../../src/worker/session.ts';
import { runLianpian } from '../support/cli.ts';

const path = (name: string) => fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url));
const files: [DatasetRole, string][] = [
  ['communities', 'communities.geojson'],
  ['status', 'status.csv'],
  ['campaign', 'campaign.json'],
];

interface CliDocument {
  verdict: string;
  clusters: { label: string; name: string; members: string[]; ring: string[] }[];
  isolated: string[];
  bridges: { added: string[]; exact: boolean; suggestions: { id: string; joins: number[]; explanation: string }[] };
}

describe('lianpian analyze and the app', () => {
  test.each([
    ['the status table’s demonstration communities', (_codes: string[], demo: string[]) => demo],
    ['demonstration communities plus 郭公山', (codes: string[], demo: string[], names: string[]) => [...demo, codes[names.indexOf('郭公山')]!]],
    ['every fifth community', (codes: string[]) => codes.filter((_, i) => i % 5 === 0)],
    ['nothing at all', () => []],
  ])('analyze on Lucheng and the app session give the same answer for %s', async (_label, choose) => {
    const session = createAnalysisSession();
    const loaded = await session.handle('load', { kind: 'files', sources: files.map(([role, file]) => ({ role, file, text: readFileSync(path(file), 'utf8') })) });
    const features = loaded.dataset.boundaries.features;
    const codes = features.map((feature) => feature.id);
    const demo = features.filter((feature) => loaded.dataset.status[feature.index]?.demo).map((feature) => feature.id);
    const chosen: string[] = choose(codes, demo, features.map((feature) => feature.name));
    const designated = Uint8Array.from(codes, (code) => (chosen.includes(code) ? 1 : 0));

    // The app's one what-if request: the answer and its exact bridge plan, as the CLI gives them.
    const { answer: app, exact: refined } = await session.handle('whatIf', { designated });
    // Without --select the CLI takes the status table's set; an empty selection is "no --select, no --status".
    const args = chosen.length > 0 ? ['--status', path('status.csv'), '--select', chosen.join(',')] : [];
    const cli = await runLianpian('analyze', path('communities.geojson'), '--config', path('campaign.json'), ...args);
    expect(cli.code).toBe(0);
    const document = JSON.parse(cli.stdout) as CliDocument;

    const code = (index: number) => codes[index]!;
    expect(document.verdict).toBe(app.verdict);
    expect(document.clusters.map(({ label, name, members, ring }) => ({ label, name, members, ring }))).toEqual(
      app.report.clusters.map((cluster) => ({ ...app.names[cluster.id]!, members: cluster.members.map(code), ring: app.rings[cluster.id]!.ring.map(code) })).map(({ label, name, members, ring }) => ({ label, name, members, ring })),
    );
    expect(document.isolated).toEqual(app.report.isolated.map(code));
    expect(document.bridges.added).toEqual(refined.bridges.added.map(code));
    expect(document.bridges.exact).toBe(refined.bridges.exact);
    expect(document.bridges.suggestions.map(({ id, joins, explanation }) => ({ id, joins, explanation }))).toEqual(
      refined.bridges.suggestions.map((suggestion, i) => ({ id: code(suggestion.node), joins: suggestion.joins.map((id) => id + 1), explanation: refined.explanations[i] })),
    );
    if (chosen.length > 0) expect(document.clusters.length).toBeGreaterThan(0);
  });
});
