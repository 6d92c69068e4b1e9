/**
 * The campaign settings' `works` section (issue 21), read at one boundary: the joint team's
 * units, who signs each stage, the unit an admin signs for, the funding sources, the ledger's
 * lag rule and the veto's acceptance rules. Every part is optional; what is absent is the core's default
 * (DEFAULT_WORKS_SETTINGS, DEFAULT_ACCEPTANCE). Errors name `works.<field>` and what was expected.
 */
import * as z from 'zod';
import { DEFAULT_WORKS_SETTINGS, type WorksSettings } from './projects.ts';
import { DEFAULT_ACCEPTANCE, type AcceptanceSettings } from './veto.ts';

const id = z.string().min(1, '须为非空文本');
const schema = z.object({
  units: z.array(z.object({ id, name: id })).min(1).optional(),
  stages: z.object({ reviewed: id, evaluated: id, building: id, supervised: id, accepted: id, paid: id }).partial().optional(),
  sources: z.array(z.object({ id, name: id })).min(1).optional(),
  lag: z.object({ minSpentShare: z.number().min(0).max(1), withinDays: z.number().int().min(0), deadline: id }).partial().optional(),
  adminSignsFor: id.nullable().optional(),
  acceptance: z
    .object({ notRed: z.boolean(), facilityStandard: z.boolean(), maxOpenRedCases: z.number().int().min(0).nullable(), landscapeRoute: z.boolean(), projectsAccepted: z.boolean() })
    .partial()
    .optional(),
});

export interface CampaignWorksSettings extends WorksSettings {
  acceptance: AcceptanceSettings;
}

/**
 * The works settings of a campaign's settings object, over the core's defaults.
 * @throws Error (Chinese) naming the field, e.g. `活动设置 works.lag.minSpentShare：…`, or a stage signed by no unit.
 */
export function campaignWorksSettings(settings: Readonly<Record<string, unknown>>): CampaignWorksSettings {
  const parsed = schema.safeParse(settings.works ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`活动设置 works.${issue.path.join('.')}：${issue.message}`);
  }
  const works = parsed.data;
  const result: CampaignWorksSettings = {
    units: works.units ?? DEFAULT_WORKS_SETTINGS.units,
    stages: { ...DEFAULT_WORKS_SETTINGS.stages, ...works.stages },
    sources: works.sources ?? DEFAULT_WORKS_SETTINGS.sources,
    lag: { ...DEFAULT_WORKS_SETTINGS.lag, ...works.lag },
    // The default unit belongs to the default team: a campaign naming its own units names the admin's too (else none).
    adminSignsFor: works.adminSignsFor !== undefined ? works.adminSignsFor : works.units ? null : DEFAULT_WORKS_SETTINGS.adminSignsFor,
    acceptance: { ...DEFAULT_ACCEPTANCE, ...works.acceptance },
  };
  for (const [stage, unit] of Object.entries(result.stages)) {
    if (!result.units.some((item) => item.id === unit)) throw new Error(`活动设置 works.stages.${stage}：单位「${unit}」不在 works.units 中`);
  }
  if (result.adminSignsFor !== null && !result.units.some((item) => item.id === result.adminSignsFor)) throw new Error(`活动设置 works.adminSignsFor：单位「${result.adminSignsFor}」不在 works.units 中`);
  return result;
}
