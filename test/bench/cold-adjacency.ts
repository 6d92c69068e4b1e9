/**
 * One buildAdjacency call in a fresh process: what the CLI and the app's first load pay.
 * Prints `{"ms": …, "pairs": …}` (the call alone; reading and JSON.parse are not timed).
 *
 *   node --import tsx test/bench/cold-adjacency.ts FILE.geojson '{"toleranceMeters":0,"minSharedMeters":0}'
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildAdjacency, edgeCount, type AdjacencyOptions } from '../../src/core/index.ts';

const [file, options = '{}'] = process.argv.slice(2);
const collection = JSON.parse(readFileSync(file!, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const geometries = collection.features.map((feature) => feature.geometry);
const start = performance.now();
const result = buildAdjacency(geometries, JSON.parse(options) as AdjacencyOptions);
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, pairs: edgeCount(result.graph) })}\n`);
