/**
 * Plan size against the campaign target (建成约 N 个精品示范社区): how many communities a plan
 * designates, and plain warnings when it exceeds the target or when joining everything into one
 * patch would need more communities than the target allows.
 */

export interface TargetCheck {
  /** The campaign's number of demonstration communities (`config.targets.demoCommunities`). */
  target: number;
  /** Communities in the plan: designated now plus the planned additions. */
  planned: number;
  /** `planned − target` when positive, else 0. */
  overBy: number;
  /** Communities a plan joining every cluster would have; null when unknown. */
  fullJoin: number | null;
  /** Warnings in Chinese, one sentence each (empty when within the target). */
  warnings: string[];
}

/**
 * @param planned communities in the plan (designated + planned additions).
 * @param target the campaign target.
 * @param fullJoin communities after joining every cluster (designated + the full bridge plan), or null.
 * @example checkTarget(20, 12, 20).warnings // ['计划 20 个社区，超过目标 12 个（多 8 个）', '全部连成一片需要 20 个社区，超过目标 12 个：目标之内不能全部连片']
 */
export function checkTarget(planned: number, target: number, fullJoin: number | null = null): TargetCheck {
  const overBy = Math.max(0, planned - target);
  const warnings: string[] = [];
  if (overBy > 0) warnings.push(`计划 ${planned} 个社区，超过目标 ${target} 个（多 ${overBy} 个）`);
  if (fullJoin !== null && fullJoin > target) warnings.push(`全部连成一片需要 ${fullJoin} 个社区，超过目标 ${target} 个：目标之内不能全部连片`);
  return { target, planned, overBy, fullJoin, warnings };
}
