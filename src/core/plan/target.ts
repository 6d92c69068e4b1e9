/**
 * Plan size against the campaign target (建成约 N 个精品示范社区): how many communities a plan
 * designates, and plain warnings, each said once: when the plan exceeds the target, when joining
 * the chosen goal or everything into one patch would need more communities than the target allows.
 */

export interface TargetCheck {
  /** The campaign's number of demonstration communities (`config.targets.demoCommunities`). */
  target: number;
  /** Communities in the plan (designated now). */
  planned: number;
  /** `planned − target` when positive, else 0. */
  overBy: number;
  /** `target − planned` when positive, else 0. */
  shortBy: number;
  /** The plan is at or past the target: any route adopted takes it past (said once, not per route). */
  atTarget: boolean;
  /** Communities a plan joining every cluster would have; null when unknown or already one patch. */
  fullJoin: number | null;
  /** Communities after the join of the chosen goal; null without a goal. */
  goalJoin: number | null;
  /** The target line in Chinese: `目标约 12 个精品示范社区，当前方案 10 个，还差 2 个。` */
  summary: string;
  /** Warnings in Chinese, one sentence each, each fact once (empty when within the target). */
  warnings: string[];
  /** Said once above the routes when the plan is at the target (else null): every route would exceed it. */
  routeNote: string | null;
}

/**
 * @param planned communities designated in the plan.
 * @param target the campaign target.
 * @param fullJoin communities after joining every cluster (designated + the full bridge plan), or null.
 * @param goalJoin communities after joining the chosen goal (designated + the goal's join), or null.
 * @example checkTarget(20, 12, 23).warnings // ['计划 20 个社区，超过目标 12 个（多 8 个）', '全部连成一片需要 23 个社区，超过目标 12 个：目标之内不能全部连片']
 */
export function checkTarget(planned: number, target: number, fullJoin: number | null = null, goalJoin: number | null = null): TargetCheck {
  const overBy = Math.max(0, planned - target);
  const shortBy = Math.max(0, target - planned);
  const warnings: string[] = [];
  if (overBy > 0) warnings.push(`计划 ${planned} 个社区，超过目标 ${target} 个（多 ${overBy} 个）`);
  // A join that adds nothing repeats the plan's own size: its warning would say the same thing twice.
  if (goalJoin !== null && goalJoin > target && goalJoin > planned) warnings.push(`连接所选片区后方案将达 ${goalJoin} 个社区，超过目标 ${target} 个`);
  else if (goalJoin === null && fullJoin !== null && fullJoin > target && fullJoin > planned) warnings.push(`全部连成一片需要 ${fullJoin} 个社区，超过目标 ${target} 个：目标之内不能全部连片`);
  const atTarget = planned >= target;
  const summary = `目标约 ${target} 个精品示范社区，当前方案 ${planned} 个${shortBy > 0 ? `，还差 ${shortBy} 个` : overBy > 0 ? `，超出 ${overBy} 个` : '，正好达到目标'}。`;
  const routeNote = atTarget ? `当前方案已${overBy > 0 ? '超过' : '达到'}目标 ${target} 个：采纳下列任何路线都会超出目标。` : null;
  return { target, planned, overBy, shortBy, atTarget, fullJoin, goalJoin, summary, warnings, routeNote };
}

/**
 * Whether adopting `size` more communities takes a plan below the target past it. False when the
 * plan is already at the target: that is said once (`routeNote`), not on every route.
 */
export function routeWouldExceed(check: Pick<TargetCheck, 'planned' | 'target' | 'atTarget'>, size: number): boolean {
  return !check.atTarget && check.planned + size > check.target;
}
