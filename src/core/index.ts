/**
 * Lianpian core: the framework-free analysis library. Everything outside src/core imports
 * from here. It runs in Node (CLI, tests, benchmarks), in a Web Worker and on the main thread.
 */
export { InputError, formatInputError, describeValue, MAX_REPORTED_ISSUES, MAX_INPUT_BYTES, inputTooLarge } from './errors.ts';
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
export { parsePlanCsv, formatPlanCsv, PLAN_COLUMNS } from './parse/plan-csv.ts';
export type { PlanTable } from './parse/plan-csv.ts';
export { decodeText, dbfEncoding, encodingFromLabel } from './parse/decode.ts';
export { gunzipBounded, unzipBounded, listZip, isGzip, decompressedTooLarge } from './parse/inflate.ts';
export type { InflateLimits, ZipEntry } from './parse/inflate.ts';
export { MAX_ENTRY_BYTES, MAX_ARCHIVE_BYTES, INFLATE_CHUNK_BYTES, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, PREVIEW_MAX_COLUMNS, PREVIEW_MAX_ITEMS, MAX_EXPORT_NAME_CHARS } from './limits.ts';
export type { DecodedText, TextEncodingChoice, DbfEncodingSource } from './parse/decode.ts';
export { readImportFile, groupImportInputs, IMPORT_KIND_LABELS } from './import/read-import.ts';
export type { ImportInput, ImportChoices, ImportedFile, ImportKind, ImportFormat } from './import/read-import.ts';
export { proposeMapping, applyMapping, tableKind, TABLE_COLUMNS } from './import/column-mapping.ts';
export type { ColumnMapping, MappableColumn, TableKind } from './import/column-mapping.ts';
export { matchRows, joinReport } from './import/join-report.ts';
export { previewImport, FAR_FROM_PREVIOUS_KM } from './import/preview.ts';
export type { FilePreview, PreviewContext } from './import/preview.ts';
export type { JoinReport, JoinKey, RowMatch } from './import/join-report.ts';
export type { Table } from './parse/table.ts';

export { graphFromPairs, neighborsOf, edgeCount, graphPairs, sharedLength, graphTransferables } from './graph.ts';
export type { AdjacencyGraph, ContiguityMode, Pair } from './graph.ts';

export { buildAdjacency, DEFAULT_MIN_SHARED_METERS, DEFAULT_TOLERANCE_METERS } from './adjacency/build-adjacency.ts';
export type { AdjacencyOptions, AdjacencyResult, WeakLink, DataQualityFinding } from './adjacency/build-adjacency.ts';
export { sharedBorders } from './adjacency/shared-borders.ts';
export type { SharedBorder, SharedBordersOptions } from './adjacency/shared-borders.ts';
export { graphFromEdgeArrays } from './graph.ts';

export { baselineSelection, daysBetween, nextDeadline } from './dataset.ts';
export { assembleDataset } from './assemble-dataset.ts';
export type { CommunityFacts, Dataset, DatasetRole, SourceFile, StreetFeature } from './dataset.ts';
export { mulberry32, voronoiMosaic, gridMosaic, syntheticSources } from './synthetic.ts';
export type { GridOptions, MosaicFeature } from './synthetic.ts';

export { unitMetrics } from './metrics.ts';
export type { UnitMetrics } from './metrics.ts';
export { contiguousClusters } from './clusters.ts';
export type { ClusterInfo, ClusterReport } from './clusters.ts';
export { clusterRings } from './cluster-ring.ts';
export type { ClusterRing } from './cluster-ring.ts';
export { suggestBridges, readinessCost, DEFAULT_EXACT_MAX_CLUSTERS } from './bridges.ts';
export type { BridgeOptions, BridgePlan, BridgeSuggestion } from './bridges.ts';
export { createPlanner } from './planner.ts';
export type { Planner, PlannerOptions, PlannerSnapshot } from './planner.ts';
export { borderZones } from './border-zones.ts';
export type { BorderZoneOptions, SharedBorderInput } from './border-zones.ts';
export { clusterOutline } from './cluster-outline.ts';
export { createWhatIf, shouldRefineBridges, datasetBridgeCost } from './what-if.ts';
export { clusterLabel, verdictOf } from './clusters.ts';
export type { PlanAnswer, BestSetRequest } from './what-if.ts';
export { bestContiguousSet, bestContiguousSearch, isConnected } from './plan/best-set.ts';
export type { BestSet, BestSetOptions } from './plan/best-set.ts';
export { pairRoutes, routesOfPlan, routeOf, PAIR_ROUTES_MAX_CLUSTERS } from './plan/routes.ts';
export type { Route, PairRoutes, RouteOptions, PairRouteOptions } from './plan/routes.ts';
export { joinGoal } from './plan/goal-join.ts';
export type { GoalJoin, GoalJoinOptions } from './plan/goal-join.ts';
export { checkTarget } from './plan/target.ts';
export type { TargetCheck } from './plan/target.ts';
export { datasetReadiness } from './plan/readiness.ts';
export type { WhatIf, WhatIfAnswer, WhatIfContext, WhatIfOptions, WhatIfVerdict, RefineOptions, ClusterName, ZoneFeature, BorderFeature, OutlineFeature } from './what-if.ts';
export { describeFindings } from './describe-findings.ts';
export type { DescribedFinding, OverlapMeasure } from './describe-findings.ts';

export { laggingReport, RANKING_SCORE_NOTE } from './lagging/lagging-report.ts';
export type { LaggingReport, LaggingReportOptions } from './lagging/lagging-report.ts';
export { assessCommunities, rankCommunities } from './lagging/assess-communities.ts';
export type { CommunityAssessment, ScorePoint, AssessmentInput } from './lagging/assess-communities.ts';
export { laggingReasons, activeRules, LAGGING_RULES, BUDGET_GRACE_DAYS } from './lagging/rules.ts';
export type { LaggingRuleId, LaggingReason, RuleInput, RuleResult } from './lagging/rules.ts';
export { rubricScore, RUBRIC_LABELS } from './lagging/rubric.ts';
export type { RubricKey, RubricPart, RubricScore, SupervisionRecord } from './lagging/rubric.ts';
export { streetRollup, districtSummary } from './lagging/street-rollup.ts';
export type { StreetAssessment, RuleCount } from './lagging/street-rollup.ts';
export { scoreTrend } from './lagging/score-trend.ts';
export type { ScoreTrend, TrendSeries } from './lagging/score-trend.ts';
export { inspectionRounds, roundAsOf, previousBulletinRound, streetKey } from './lagging/rounds.ts';
export type { InspectionRound } from './lagging/rounds.ts';
export { targetProgress } from './lagging/targets.ts';
export type { TargetProgress, TargetId } from './lagging/targets.ts';
export { campaignTimeline } from './lagging/timeline.ts';
export type { CampaignTimeline, TimelineEvent, TimelineKind } from './lagging/timeline.ts';
export { bulletin, bulletinRows, formatBulletinCsv, BULLETIN_COLUMNS, BULLETIN_SECTION_LABELS } from './lagging/bulletin.ts';
export type { Bulletin, BulletinRow, BulletinSection } from './lagging/bulletin.ts';
export { formatScore, formatShare, formatShareAgainst } from './lagging/format.ts';
export { formatArea, formatDate, formatLength, formatMonthDay, formatPopulation } from './format.ts';
export { campaignStory, SLIDE_IDS } from './story.ts';
export type { Story, StoryInput, StorySlide, StoryStep, StoryFigure, StoryTable, SlideId } from './story.ts';
