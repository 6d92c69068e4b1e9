import { readFileSync } from 'node:fs';
import { parseBoundaries, buildAdjacency, unitMetrics } from '/work/wt/cli/src/core/index.ts';
const file = process.argv[2] ?? "/tmp/cli-bench/v30k.geojson"; const opts = process.argv[3] === "exact" ? { toleranceMeters: 0, minSharedMeters: 0 } : {};
const t0 = performance.now();
const text = readFileSync(file, 'utf8');
const t1 = performance.now();
const root = JSON.parse(text);
const t2 = performance.now();
const set = parseBoundaries(root);
const t3 = performance.now();
const g = set.features.map(f => f.geometry);
const times = [];
for (let i = 0; i < 5; i++) { const s = performance.now(); buildAdjacency(g, opts); times.push(performance.now() - s); }
const t4 = performance.now();
unitMetrics(g);
const t5 = performance.now();
console.log({ read: t1 - t0, jsonParse: t2 - t1, parseBoundaries: t3 - t2, adjacency: times.map(t => t.toFixed(0)).join(' '), metrics: t5 - t4, sinceStart: performance.now() });
