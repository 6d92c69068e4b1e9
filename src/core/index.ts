/**
 * Lianpian core: the framework-free analysis library. Everything outside src/core imports
 * from here. It runs in Node (CLI, tests, benchmarks), in a Web Worker and on the main thread.
 */
export { InputError, formatInputError, describeValue, MAX_INPUT_BYTES, inputTooLarge } from './errors.ts';
export type { InputErrorCode, InputErrorDetails } from './errors.ts';

export * from './model.ts';

export { parseBoundaries, readScannedSlicesFrom } from './parse/boundaries.ts';
export { readTopologyArcs, topologyRookGraph, type TopologyArcs } from './parse/topojson-arcs.ts';
export type { ParseBoundariesOptions } from './parse/boundaries.ts';
export { parseStatusTable, formatStatusTable, STATUS_COLUMNS } from './parse/status-table.ts';
export type { StatusTable } from './parse/status-table.ts';
export { parseInspections, formatInspections } from './parse/inspections.ts';
export type { InspectionTable } from './parse/inspections.ts';
export { parseCampaignConfig, defaultCampaignConfig } from './parse/campaign-config.ts';
export type { CampaignConfig, SupervisionSettings } from './parse/campaign-config.ts';
export { DEFAULT_SUPERVISION } from './parse/campaign-config.ts';
export { readCsv, formatCsv } from './parse/table.ts';
export { parsePlanCsv, formatPlanCsv } from './parse/plan-csv.ts';
export type { PlanTable } from './parse/plan-csv.ts';
export { decodeText, dbfEncoding, isStrictUtf8, useUtf8Validator } from './parse/decode.ts';
export { gunzipBounded, unzipBounded } from './parse/inflate.ts';
export type { InflateLimits, ZipEntry } from './parse/inflate.ts';
export {
  MAX_ENTRY_BYTES,
  MAX_ARCHIVE_BYTES,
  MAX_TABLE_COLUMNS,
  PREVIEW_MAX_COLUMNS,
  PREVIEW_MAX_ITEMS,
  MAX_EXPORT_NAME_CHARS,
  MAX_CAMPAIGN_FEATURES,
  MAX_FEATURE_POSITIONS,
  MAX_IMPORT_POSITIONS,
  MAX_FEATURE_NAME_CHARS,
  MAX_WORKS_NOTE_CHARS,
} from './limits.ts';
export type { DecodedText, TextEncodingChoice, DbfEncodingSource } from './parse/decode.ts';
export { readImportFile, groupImportInputs, IMPORT_KIND_LABELS } from './import/read-import.ts';
export type { ImportInput, ImportChoices, ImportedFile, ImportKind, ImportFormat } from './import/read-import.ts';
export type { ColumnMapping, MappableColumn, TableKind } from './import/column-mapping.ts';
export { previewImport, inspectImport, sameChoices } from './import/preview.ts';
export type { FilePreview, PreviewContext, PreviewRead, InspectImportOptions } from './import/preview.ts';
export type { JoinReport, JoinKey, RowMatch } from './import/join-report.ts';
export type { Table } from './parse/table.ts';

export { graphFromPairs, neighborsOf, edgeCount, graphPairs, sharedLength } from './contiguity/graph.ts';
export type { AdjacencyGraph, ContiguityMode, Pair } from './contiguity/graph.ts';

export { buildAdjacency, DEFAULT_MIN_SHARED_METERS, DEFAULT_TOLERANCE_METERS } from './adjacency/build-adjacency.ts';
export type { AdjacencyOptions, AdjacencyResult, WeakLink, DataQualityFinding } from './adjacency/build-adjacency.ts';
export { sharedBorders } from './adjacency/shared-borders.ts';
export type { SharedBorder, SharedBordersOptions } from './adjacency/shared-borders.ts';
export { graphFromEdgeArrays } from './contiguity/graph.ts';

export { baselineSelection, daysBetween, nextDeadline } from './dataset.ts';
export { assembleDataset } from './assemble-dataset.ts';
export type { CommunityFacts, Dataset, DatasetRole, SourceFile, StreetFeature } from './dataset.ts';
export { openAssembledDataset, openDataset, readDataset } from './open-dataset.ts';
export type { DatasetInput, OpenAssembledOptions, OpenDatasetOptions, OpenedDataset } from './open-dataset.ts';
export { mulberry32, voronoiMosaic, gridMosaic, syntheticSources } from './synthetic.ts';
export type { GridOptions, MosaicFeature } from './synthetic.ts';

export { labelPoint, unitMetrics } from './metrics.ts';
export type { UnitMetrics } from './metrics.ts';
export { contiguousClusters } from './contiguity/clusters.ts';
export type { ClusterInfo, ClusterReport } from './contiguity/clusters.ts';
export { clusterRings } from './contiguity/cluster-ring.ts';
export type { ClusterRing } from './contiguity/cluster-ring.ts';
export { suggestBridges, readinessCost } from './contiguity/bridges.ts';
export type { BridgeOptions, BridgeSolution, BridgeSuggestion } from './contiguity/bridges.ts';
export { createClusterTracker } from './contiguity/cluster-tracker.ts';
export type { ClusterTracker, ClusterTrackerOptions, ClusterSnapshot } from './contiguity/cluster-tracker.ts';
export { borderZones } from './contiguity/border-zones.ts';
export type { BorderZoneOptions, SharedBorderInput } from './contiguity/border-zones.ts';
export { clusterOutline } from './contiguity/cluster-outline.ts';
export { createWhatIf, shouldRefineBridges, tieWithPlan } from './contiguity/what-if.ts';
export { planCounts, splitWords, verdictSentence, verdictHeadline } from './plan/counts.ts';
export type { PlanCounts } from './plan/counts.ts';
export { clusterNumbers } from './plan/numbering.ts';
export type { NumberedCluster } from './plan/numbering.ts';
export { FACILITY_CLASS_BREAKS, scoreClassBreaks, scoreClassesUnderLine, classKey, statusClassOf, statusClassCounts } from './status-classes.ts';
export type { StatusClassLayer, StatusClassInput } from './status-classes.ts';
export { clusterLabel, verdictOf } from './contiguity/clusters.ts';
export { resolveCommunity } from './resolve-community.ts';
export type { ResolvedCommunity } from './resolve-community.ts';
export type { RoutesAnswer, BestSetSearchOptions } from './contiguity/what-if.ts';
export { bestContiguousSet, isConnected } from './plan/best-set.ts';
export type { BestSet, BestSetOptions } from './plan/best-set.ts';
export { checkBestSetRequest } from './plan/best-set-request.ts';
export type { BestSetQuery, BestSetRequestContext } from './plan/best-set-request.ts';
export { pairRoutes, routesOfBridges } from './plan/routes.ts';
export type { Route, PairRoutes, RouteOptions, PairRouteOptions } from './plan/routes.ts';
export { joinGoal } from './plan/goal-join.ts';
export type { GoalJoin, GoalJoinOptions } from './plan/goal-join.ts';
export { checkTarget, routeWouldExceed } from './plan/target.ts';
export type { TargetCheck } from './plan/target.ts';
export { datasetReadiness } from './plan/readiness.ts';
export type { WhatIf, WhatIfAnswer, WhatIfExact, WhatIfContext, WhatIfOptions, CompleteOptions, DescribedRoute, DescribedPairRoutes, DescribedGoalJoin, WhatIfVerdict, RefineOptions, ClusterName, ZoneFeature, BorderFeature, OutlineFeature } from './contiguity/what-if.ts';
export { communityRoles, communityRoleProperties } from './contiguity/community-roles.ts';
export type { CommunityRole, CommunityRoleProperties, CommunityRoleRow, RoleInput } from './contiguity/community-roles.ts';
export { describeFindings } from './describe-findings.ts';
export type { DescribedFinding, OverlapMeasure } from './describe-findings.ts';

export { laggingReport, laggingDesignated, caseClock } from './lagging/lagging-report.ts';
export { asOfNotice } from './lagging/as-of-notice.ts';
export type { LaggingReport, LaggingReportOptions, GradedCommunity, GradedStreet } from './lagging/lagging-report.ts';
export { GRADES, gradeRank, worseGrade, caseTallies, communityGrade, streetGrade, gradeCounts, gradeTerms, isOpenCase, redLaggingRules, NO_CASES } from './supervision/grades.ts';
export { gradeSummary } from './lagging/grade-summary.ts';
export type { GradeSummary } from './lagging/grade-summary.ts';
export type { GradeReason, GradeResult, GradeRuleId, GradedCase, CaseTally, GradeTerm } from './supervision/grades.ts';
export { unitStandings, caseAsOf, isOverdue, unitKey, UNIT_KIND_LABELS } from './supervision/standings.ts';
export type { UnitStanding, StandingCase, StandingOptions } from './supervision/standings.ts';
export { assessCommunities } from './lagging/assess-communities.ts';
export type { CommunityAssessment, ScorePoint, AssessmentInput } from './lagging/assess-communities.ts';
export { laggingTerms, lowScoreTerm, RED_LIGHT_WORD, LOW_SCORE_WORD, LAGGING_STREET_WORD } from './lagging/terms.ts';
export type { LaggingTerm, LaggingTerms } from './lagging/terms.ts';
export { laggingReasons, activeRules, budgetSpentShare, LAGGING_RULES } from './lagging/rules.ts';
export type { LaggingRuleId, LaggingReason, RuleInput, RuleResult } from './lagging/rules.ts';
export { rubricScore } from './lagging/rubric.ts';
export type { RubricKey, RubricPart, RubricScore, SupervisionRecord } from './lagging/rubric.ts';
export type { StreetAssessment, RuleCount } from './lagging/street-rollup.ts';
export { scoreTrend } from './lagging/score-trend.ts';
export type { ScoreTrend, TrendSeries } from './lagging/score-trend.ts';
export { inspectionRounds, previousBulletinRound, streetKey } from './lagging/rounds.ts';
export type { InspectionRound } from './lagging/rounds.ts';
export { targetProgress } from './lagging/targets.ts';
export type { TargetProgress, TargetId } from './lagging/targets.ts';
export type { CampaignTimeline, TimelineEvent, TimelineKind } from './lagging/timeline.ts';
export { bulletin, bulletinPage, formatBulletinCsv, BULLETIN_WORST_SHOWN, BULLETIN_UNITS_SHOWN, BULLETIN_SECTION_LABELS, halfMonthOf, parseHalfMonth, previousHalfMonth, halfMonthsBetween, standingText } from './lagging/bulletin.ts';
export type { Bulletin, BulletinOptions, HalfMonth, BulletinChange, BulletinPageContent, BulletinRow, BulletinSection, BulletinStreetLine } from './lagging/bulletin.ts';
export { formatScore, formatShare } from './lagging/format.ts';
export { formatArea, formatDate, formatLength, formatMonthDay, formatPopulation } from './format.ts';
export { campaignStory, SLIDE_IDS } from './story.ts';
export type { Story, StoryInput, StorySlide, StoryStep, StoryFigure, StoryTable, SlideId } from './story.ts';

// Roles, and the supervision loop's data (rules beside it in supervision/).
export { ROLES, ROLE_LABELS, type Role } from './roles.ts';
export * from './supervision/types.ts';
export { addDays, addWorkingDays, chinaDay, endOfChinaDay, isWorkingDay, workingDaysBetween } from './supervision/working-days.ts';
export type { WorkingCalendar } from './supervision/working-days.ts';
export { TRANSITION_RULES, allowedTransitions, applyTransition, assignmentDeadline, isResponsibleUnit, reportCase, routeUnit, scopeCoversCommunity } from './supervision/cases.ts';
export type { NewCaseInput, TransitionError, TransitionErrorCode, TransitionRequest, TransitionResult } from './supervision/cases.ts';
export { COLOUR_ORDER, caseColour, colourRank, overdueWorkingDays } from './supervision/colour.ts';
export { applyInspectionItems, blankStatus, historyKind, inspectionOutcome, supervisionRecordOf } from './supervision/inspection.ts';
export type { InspectionInput, InspectionItems, InspectionOutcome, StatusChange } from './supervision/inspection.ts';
export { REFERRAL_COPIES, referralNumber, referralSlip, referralYear } from './supervision/referral.ts';
export type { ReferralContact, ReferralCopy, ReferralNames, ReferralSlip } from './supervision/referral.ts';

// Works, money and accountability (issue 21): the data, rules beside it in works/.
export * from './works/types.ts';
export * from './works/projects.ts';
export * from './works/ledger.ts';
export * from './works/veto.ts';
export * from './works/settings.ts';
export * from './works/responsible.ts';
export * from './works/features.ts';
export * from './works/project-facts.ts';
