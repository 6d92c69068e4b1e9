/**
 * Lianpian core: the framework-free analysis library. Everything outside src/core imports
 * from here. It runs in Node (CLI, tests, benchmarks), in a Web Worker and on the main thread.
 */
export { InputError, formatInputError, describeValue, MAX_REPORTED_ISSUES } from './errors.ts';
export type { InputErrorCode, InputErrorDetails } from './errors.ts';

export * from './model.ts';

export { parseBoundaries } from './parse/boundaries.ts';
export type { ParseBoundariesOptions } from './parse/boundaries.ts';
export { parseStatusTable, formatStatusTable, STATUS_COLUMNS } from './parse/status-table.ts';
export type { StatusTable } from './parse/status-table.ts';
export { parseInspections, formatInspections, INSPECTION_COLUMNS } from './parse/inspections.ts';
export type { InspectionTable } from './parse/inspections.ts';
export { parseCampaignConfig, defaultCampaignConfig, campaignConfigSchema } from './parse/campaign-config.ts';
export type { CampaignConfig } from './parse/campaign-config.ts';
export { readCsv, formatCsv } from './parse/table.ts';
export type { Table } from './parse/table.ts';

export { graphFromPairs, neighborsOf, edgeCount, graphPairs, sharedLength, graphTransferables } from './graph.ts';
export type { AdjacencyGraph, ContiguityMode, Pair } from './graph.ts';
