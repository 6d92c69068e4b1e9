/**
 * Works, money and accountability (issue 21): the projects with their stages and payments, the
 * funds ledger, the people responsible and instructors, the one-vote veto list, and what the
 * views need (sources, units, the account's units). Writes go through the core's rules
 * (src/core/works/projects.ts): 403 for an account whose unit does not sign the stage, 409 out
 * of order, before 验收 or above the allocation (with the project as stored, `current`); each in
 * one transaction with its audit event and a `project.changed` live event. The veto reads the
 * landscape routes from the campaign's features (routes/features.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { disbursementBodySchema, stageBodySchema, type WorksInfoBody } from '../../api/index.ts';
import {
  missingFacilities,
  PROJECT_STAGES,
  actorUnits,
  mayDisburse,
  campaignWorksSettings,
  chinaDay,
  communitiesWithRoute,
  disburse,
  isOpenCase,
  ledgerRows,
  nextStage,
  remainingAllocation,
  signStage,
  vetoVerdicts,
  worksActorOf,
  type CampaignWorksSettings,
  type CommunityStatus,
  type GradedCommunity,
  type ProjectRecord,
  type VetoInput,
  type WorksRefusalCode,
} from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import type { CampaignRow } from '../db/queries.ts';
import type { Queryable } from '../db/connection.ts';
import * as store from '../campaign/works-store.ts';
import * as features from '../campaign/features-store.ts';
import * as cases from '../campaign/supervision-store.ts';
import { campaignConfig, namesOf, serverNow } from '../campaign/supervision.ts';
import { ApiError, notFound } from '../errors.ts';

const STATUS_OF: Record<WorksRefusalCode, number> = { E_FORBIDDEN: 403, E_STATE: 409, E_INPUT: 400 };

const lacking = (status: CommunityStatus | null): string[] | null => (status ? missingFacilities(status).map((item) => item.label) : null);

type ProjectParams = { Params: { id: string; pid: string } };

/** The campaign's works settings, or a 400 naming the field when the settings are invalid. */
export function worksSettingsOf(campaign: CampaignRow): CampaignWorksSettings {
  try {
    return campaignWorksSettings(campaign.settings);
  } catch (error) {
    throw new ApiError(400, 'E_SETTINGS', (error as Error).message);
  }
}

export function worksRoutes(services: AppServices) {
  const { campaigns, db } = services;
  const read = { permission: 'campaign.read' as const, campaign: true };
  const write = { permission: 'works.write' as const, campaign: true };

  const heldProject = async (campaignId: string, pid: string, lock = false, tx: Queryable = db): Promise<ProjectRecord> => {
    const project = await store.getProject(tx, campaignId, pid, lock);
    if (!project) throw notFound(`项目 ${pid}`);
    return project;
  };

  const refused = (code: WorksRefusalCode, message: string, current: ProjectRecord) => new ApiError(STATUS_OF[code], code, message, code === 'E_STATE' ? { current } : {});

  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>('/api/campaigns/:id/works', { config: { access: read } }, async (request): Promise<WorksInfoBody> => {
      const settings = worksSettingsOf(request.campaign!);
      return {
        sources: settings.sources.map((source) => ({ id: source.id, name: source.name })),
        units: settings.units.map((unit) => ({ id: unit.id, name: unit.name, stages: PROJECT_STAGES.filter((stage) => stage !== 'submitted' && settings.stages[stage] === unit.id) })),
        myUnits: request.user ? actorUnits(worksActorOf(request.user, settings), settings) : [],
        mayPay: request.user ? mayDisburse(worksActorOf(request.user, settings), settings) : false,
      };
    });

    app.get<{ Params: { id: string } }>('/api/campaigns/:id/projects', { config: { access: read } }, async (request) => ({ projects: await store.listProjects(db, request.params.id) }));

    app.get<ProjectParams>('/api/campaigns/:id/projects/:pid', { config: { access: read } }, async (request) => heldProject(request.params.id, request.params.pid));

    app.get<{ Params: { id: string } }>('/api/campaigns/:id/ledger', { config: { access: read } }, async (request) => {
      const { id } = request.params;
      const settings = worksSettingsOf(request.campaign!);
      const config = campaignConfig(request.campaign!);
      const names = namesOf(await campaigns.model(id));
      const deadline = config.deadlines.find((item) => item.id === settings.lag.deadline) ?? null;
      const rows = ledgerRows(await store.listProjects(db, id), await store.listAllocations(db, id), settings.lag, {
        today: chinaDay(serverNow()),
        deadline: deadline && { label: deadline.label, date: deadline.date },
        streetName: (code) => names.streetName(code),
      });
      return { rows };
    });

    app.get<{ Params: { id: string } }>('/api/campaigns/:id/veto', { config: { access: read } }, async (request) => {
      const { id } = request.params;
      const settings = worksSettingsOf(request.campaign!);
      const config = campaignConfig(request.campaign!);
      const model = await campaigns.model(id);
      // The grades as the lagging report computed them (the core's grades with the campaign's cases).
      const graded = (JSON.parse(model.laggingJson()) as { communities: Pick<GradedCommunity, 'code' | 'name' | 'street' | 'streetCode' | 'demo' | 'grade' | 'redCases'>[] }).communities.filter((community) => community.demo);
      const projects = await store.listProjects(db, id);
      const openCases = (await cases.listCases(db, id)).filter((record) => isOpenCase(record.state) && record.unit.kind === 'department');
      // The facility items each community lacks, from its status row (null without one).
      const statusOf = new Map(model.dataset.boundaries.features.map((feature, index) => [feature.id, model.dataset.status[index] ?? null]));
      const inputs = graded.map((community): VetoInput => ({
        code: community.code,
        name: community.name,
        street: community.streetCode,
        streetName: community.street,
        grade: community.grade,
        missingFacilities: lacking(statusOf.get(community.code) ?? null),
        openRedCases: community.redCases,
        caseDepartments: [...new Set(openCases.filter((record) => record.community === community.code).map((record) => record.unit.id))],
        projects: projects
          .filter((project) => project.target.kind === 'community' && project.target.id === community.code)
          .map((project) => {
            const next = nextStage(project.stage);
            return { title: project.title, stage: project.stage, nextUnit: next === null ? null : settings.stages[next] };
          }),
      }));
      // Which communities have their landscape route: the campaign's features (src/core/works/features.ts).
      const routes = communitiesWithRoute(
        await features.listFeatures(db, id),
        model.dataset.boundaries.features.map((feature) => ({ code: feature.id, geometry: feature.geometry })),
      );
      const departments = new Map(config.supervision.departments.map((department) => [department.id, department.name]));
      const unitName = (unit: string) => settings.units.find((item) => item.id === unit)?.name ?? departments.get(unit) ?? unit;
      return { communities: vetoVerdicts(inputs, routes, await store.listPeople(db, id), unitName, settings.acceptance) };
    });

    app.post<ProjectParams & { Body: z.output<typeof stageBodySchema> }>('/api/campaigns/:id/projects/:pid/stages', { schema: { body: stageBodySchema }, config: { access: write } }, async (request) => {
      const { id, pid } = request.params;
      const user = request.user!;
      const settings = worksSettingsOf(request.campaign!);
      await heldProject(id, pid);
      return campaigns.write(id, user.username, async (tx) => {
        const before = await heldProject(id, pid, true, tx);
        if (request.body.version !== undefined && request.body.version !== before.version) throw new ApiError(409, 'E_CONFLICT', '项目已被他人修改：请查看当前版本', { current: before });
        const result = signStage(before, { to: request.body.to, note: request.body.note }, worksActorOf(user, settings), serverNow().toISOString(), settings);
        if (!result.ok) throw refused(result.error.code, result.error.message, before);
        const after: ProjectRecord = { ...result.project, version: before.version + 1 };
        if (!(await store.updateProject(tx, id, after))) throw new ApiError(409, 'E_CONFLICT', '项目已被他人修改：请查看当前版本', { current: before });
        await store.insertProjectEvent(tx, id, pid, result.event);
        return {
          result: after,
          audit: { action: `project.${request.body.to}`, entity: `project:${pid}`, before: { stage: before.stage, version: before.version }, after: { stage: after.stage, version: after.version, event: result.event } },
          event: { type: 'project.changed', project: after },
        };
      });
    });

    app.post<ProjectParams & { Body: z.output<typeof disbursementBodySchema> }>('/api/campaigns/:id/projects/:pid/disbursements', { schema: { body: disbursementBodySchema }, config: { access: write } }, async (request) => {
      const { id, pid } = request.params;
      const user = request.user!;
      const settings = worksSettingsOf(request.campaign!);
      await heldProject(id, pid);
      return campaigns.write(id, user.username, async (tx) => {
        // The campaign row first: payments from one source are then one at a time (the remaining allocation holds).
        await cases.lockCampaign(tx, id);
        const before = await heldProject(id, pid, true, tx);
        if (request.body.version !== undefined && request.body.version !== before.version) throw new ApiError(409, 'E_CONFLICT', '项目已被他人修改：请查看当前版本', { current: before });
        const remaining = remainingAllocation(await store.listProjects(tx, id), await store.listAllocations(tx, id), before.source, before.street);
        const actor = worksActorOf(user, settings);
        const result = disburse(before, { id: '', amountWan: request.body.amountWan, note: request.body.note, override: request.body.override ?? null }, remaining, actor, serverNow().toISOString(), settings);
        if (!result.ok) throw refused(result.error.code, result.error.message, before);
        const payment = await store.insertDisbursement(tx, id, pid, result.disbursement);
        const after: ProjectRecord = { ...before, disbursements: [...before.disbursements, payment], version: before.version + 1 };
        if (!(await store.updateProject(tx, id, after))) throw new ApiError(409, 'E_CONFLICT', '项目已被他人修改：请查看当前版本', { current: before });
        return {
          result: after,
          audit: {
            action: payment.override ? 'project.disbursement.override' : 'project.disbursement',
            entity: `project:${pid}`,
            before: { disbursedWan: before.disbursements.reduce((sum, item) => sum + item.amountWan, 0), remainingWan: remaining, version: before.version },
            after: { disbursement: payment, version: after.version },
          },
          event: { type: 'project.changed', project: after },
        };
      });
    });
  };
}
