/**
 * Reading and the first buildAdjacency call in a fresh process, through one reader: what the
 * CLI pays on a cold start. Prints `{"readMs": …, "adjacencyMs": …, "pairs": …}` (CPU time of
 * each step, `process.cpuUsage`: less disturbed by a shared machine than wall time).
 *
 *   node --import tsx test/bench/cold-reading.ts FILE.geojson scanner|tree
 */
import { readFileSync } from 'node:fs';
import { buildAdjacency, decodeText, edgeCount, parseBoundaries } from '../../src/core/index.ts';
import { parseBoundariesTree } from '../../src/core/parse/boundaries.ts';

const [file, reader = 'scanner'] = process.argv.slice(2);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const bytes = readFileSync(file!);
let since = process.cpuUsage();
const set = reader === 'tree' ? parseBoundariesTree(decodeText(bytes).text) : parseBoundaries(bytes);
const readMs = cpuMs(since);
since = process.cpuUsage();
const result = buildAdjacency(
  set.features.map((feature) => feature.geometry),
  { toleranceMeters: 0, minSharedMeters: 0 },
);
const adjacencyMs = cpuMs(since);
process.stdout.write(`${JSON.stringify({ readMs, adjacencyMs, pairs: edgeCount(result.graph) })}\n`);
