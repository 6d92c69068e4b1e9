/**
 * Works records (issue 21): submitting 申报 and correcting projects, the people responsible 责任人
 * and the instructors 指导员 (with what each did in the supervision loop), and the timetable 倒计时.
 * The rules are the core's (src/core/works/): who may submit and correct (projectEditRefusal),
 * what the facts must name (projectFactsRefusal), the instructors' activity and the timetable.
 * Each write is one transaction with its audit event and a live event; a stale `version` is a
 * 409 with the row as stored (`current`).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  instructorCreateBodySchema,
  instructorPatchBodySchema,
  personCreateBodySchema,
  personPatchBodySchema,
  projectCreateBodySchema,
  projectPatchBodySchema,
} from '../../api/index.ts';
import {
  chinaDay,
  correctedProject,
  instructorActivity,
  projectEditRefusal,
  projectFactsRefusal,
  submittedProject,
  timetable,
  worksActorOf,
  type Instructor,
  type Person,
  type ProjectFactContext,
  type ProjectRecord,
  type WorksRefusal,
} from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import type { Queryable } from '../db/connection.ts';
import type { UserRecord } from '../db/queries.ts';
import * as q from '../db/queries.ts';
import * as store from '../campaign/works-store.ts';
import * as cases from '../campaign/supervision-store.ts';
import { campaignConfig, serverNow } from '../campaign/supervision.ts';
import { ApiError, notFound } from '../errors.ts';
import { worksSettingsOf } from './works.ts';

const STATUS_OF: Record<WorksRefusal['code'], number> = { E_FORBIDDEN: 403, E_STATE: 409, E_INPUT: 400 };
const refused = (refusal: WorksRefusal) => new ApiError(STATUS_OF[refusal.code], refusal.code, refusal.message);
const stale = (what: string, current: unknown) => new ApiError(409, 'E_CONFLICT', `${what}已被他人修改：请查看当前版本`, { current });

type WithId = { Params: { id: string } };

export function worksRecordRoutes(services: AppServices) {
  const { campaigns, db } = services;
  const read = { permission: 'campaign.read' as const, campaign: true };
  const write = { permission: 'works.write' as const, campaign: true };
  // People and instructors are the campaign's own data, kept by its admin (the settings' permission).
  const admin = { permission: 'settings.edit' as const, campaign: true };

  /**
   * What a project's facts are checked against: the campaign's sources, streets, communities
   * (read before the transaction: the model is not read inside one) and people (`tx`'s).
   */
  const placesOf = async (campaignId: string) => {
    const model = await campaigns.model(campaignId);
    const streets = new Set(model.dataset.streets.map((street) => street.code));
    for (const feature of model.dataset.boundaries.features) if (feature.streetCode) streets.add(feature.streetCode);
    return { streets, communityStreet: new Map(model.dataset.boundaries.features.map((feature) => [feature.id, feature.streetCode])) };
  };
  const factContext = async (places: Awaited<ReturnType<typeof placesOf>>, campaignId: string, tx: Queryable, sources: readonly { id: string }[]): Promise<ProjectFactContext> => ({
    ...places,
    sources: new Set(sources.map((source) => source.id)),
    people: new Set((await store.listPeople(tx, campaignId)).map((person) => person.id)),
  });

  const editor = (user: UserRecord, campaign: Parameters<typeof worksSettingsOf>[0]) => {
    const settings = worksSettingsOf(campaign);
    const refusal = projectEditRefusal(worksActorOf(user, settings), settings);
    if (refusal) throw refused(refusal);
    return settings;
  };

  const communityKnown = async (campaignId: string, code: string) => (await campaigns.model(campaignId)).dataset.boundaries.features.some((feature) => feature.id === code);

  return async (app: FastifyInstance) => {
    app.post<WithId & { Body: z.output<typeof projectCreateBodySchema> }>('/api/campaigns/:id/projects', { schema: { body: projectCreateBodySchema }, config: { access: write } }, async (request, reply) => {
      const { id } = request.params;
      const user = request.user!;
      const settings = editor(user, request.campaign!);
      const body = request.body;
      const places = await placesOf(id);
      const created = await campaigns.write(id, user.username, async (tx) => {
        // The campaign row first: numbers are then given one at a time.
        await cases.lockCampaign(tx, id);
        const refusal = projectFactsRefusal(body, await factContext(places, id, tx, settings.sources));
        if (refusal) throw refused(refusal);
        const number = await store.nextProjectNumber(tx, id);
        const project = submittedProject(body, `p${number}`, number);
        if (await store.getProject(tx, id, project.id)) throw new ApiError(409, 'E_CONFLICT', `项目编号 ${project.id} 已被占用，请重试`);
        await store.insertProject(tx, id, project);
        return { result: project, audit: { action: 'project.submit', entity: `project:${project.id}`, before: null, after: project }, event: { type: 'project.changed', project } };
      });
      return reply.code(201).send(created);
    });

    app.patch<WithId & { Params: { pid: string }; Body: z.output<typeof projectPatchBodySchema> }>('/api/campaigns/:id/projects/:pid', { schema: { body: projectPatchBodySchema }, config: { access: write } }, async (request) => {
      const { id, pid } = request.params;
      const user = request.user!;
      const settings = editor(user, request.campaign!);
      const body = request.body;
      if (!(await store.getProject(db, id, pid))) throw notFound(`项目 ${pid}`);
      const places = await placesOf(id);
      return campaigns.write(id, user.username, async (tx) => {
        const before = (await store.getProject(tx, id, pid, true))!;
        if (body.version !== before.version) throw stale('项目', before);
        const corrected = correctedProject(before, body.changes);
        const refusal = projectFactsRefusal(corrected, await factContext(places, id, tx, settings.sources));
        if (refusal) throw refused(refusal);
        const after: ProjectRecord = { ...corrected, version: before.version + 1 };
        if (!(await store.updateProject(tx, id, after))) throw stale('项目', before);
        const changed = Object.keys(body.changes);
        return {
          result: after,
          audit: { action: 'project.correct', entity: `project:${pid}`, before: Object.fromEntries(changed.map((key) => [key, before[key as keyof ProjectRecord]])), after: { ...body.changes, version: after.version } },
          event: { type: 'project.changed', project: after },
        };
      });
    });

    app.get<WithId>('/api/campaigns/:id/people', { config: { access: read } }, async (request) => {
      const { id } = request.params;
      const instructors = await store.listInstructors(db, id);
      const activity = instructorActivity(instructors, await q.listInspections(db, id), await cases.listCases(db, id));
      return { people: await store.listPeople(db, id), instructors: instructors.map((instructor) => ({ ...instructor, activity: activity.get(instructor.id) ?? null })) };
    });

    app.get<WithId>('/api/campaigns/:id/timetable', { config: { access: read } }, async (request) => {
      const { id } = request.params;
      const today = chinaDay(serverNow());
      return { today, items: timetable(campaignConfig(request.campaign!).deadlines, await store.listProjects(db, id), await store.listPeople(db, id), today) };
    });

    app.post<WithId & { Body: z.output<typeof personCreateBodySchema> }>('/api/campaigns/:id/people', { schema: { body: personCreateBodySchema }, config: { access: admin } }, async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const created = await campaigns.write(id, request.user!.username, async (tx) => {
        await cases.lockCampaign(tx, id);
        const person: Person = { id: await store.nextWorksId(tx, 'works_people', id, 'p'), ...body };
        await store.insertPerson(tx, id, person);
        const stored = (await store.getPerson(tx, id, person.id))!;
        return { result: stored, audit: { action: 'person.create', entity: `person:${person.id}`, before: null, after: stored }, event: { type: 'works.changed', kind: 'person', id: person.id } };
      });
      return reply.code(201).send(created);
    });

    app.patch<WithId & { Params: { personId: string }; Body: z.output<typeof personPatchBodySchema> }>('/api/campaigns/:id/people/:personId', { schema: { body: personPatchBodySchema }, config: { access: admin } }, async (request) => {
      const { id, personId } = request.params;
      const body = request.body;
      if (!(await store.getPerson(db, id, personId))) throw notFound(`责任人 ${personId}`);
      return campaigns.write(id, request.user!.username, async (tx) => {
        const before = (await store.getPerson(tx, id, personId, true))!;
        if (body.version !== before.version) throw stale('责任人', before);
        const after: Person = { ...before, ...body.changes };
        if (!(await store.updatePerson(tx, id, after, before.version!))) throw stale('责任人', before);
        const stored = (await store.getPerson(tx, id, personId))!;
        return { result: stored, audit: { action: 'person.update', entity: `person:${personId}`, before, after: stored }, event: { type: 'works.changed', kind: 'person', id: personId } };
      });
    });

    app.post<WithId & { Body: z.output<typeof instructorCreateBodySchema> }>('/api/campaigns/:id/instructors', { schema: { body: instructorCreateBodySchema }, config: { access: admin } }, async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      if (!(await communityKnown(id, body.community))) throw new ApiError(400, 'E_INPUT', `字段 community：社区代码「${body.community}」不是本活动的社区`);
      const created = await campaigns.write(id, request.user!.username, async (tx) => {
        await cases.lockCampaign(tx, id);
        const instructor: Instructor = { id: await store.nextWorksId(tx, 'instructors', id, 'i'), ...body };
        await store.insertInstructor(tx, id, instructor);
        const stored = (await store.getInstructor(tx, id, instructor.id))!;
        return { result: stored, audit: { action: 'instructor.create', entity: `instructor:${instructor.id}`, before: null, after: stored }, event: { type: 'works.changed', kind: 'instructor', id: instructor.id } };
      });
      return reply.code(201).send(created);
    });

    app.patch<WithId & { Params: { instructorId: string }; Body: z.output<typeof instructorPatchBodySchema> }>('/api/campaigns/:id/instructors/:instructorId', { schema: { body: instructorPatchBodySchema }, config: { access: admin } }, async (request) => {
      const { id, instructorId } = request.params;
      const body = request.body;
      if (!(await store.getInstructor(db, id, instructorId))) throw notFound(`指导员 ${instructorId}`);
      if (body.changes.community !== undefined && !(await communityKnown(id, body.changes.community))) throw new ApiError(400, 'E_INPUT', `字段 changes.community：社区代码「${body.changes.community}」不是本活动的社区`);
      return campaigns.write(id, request.user!.username, async (tx) => {
        const before = (await store.getInstructor(tx, id, instructorId, true))!;
        if (body.version !== before.version) throw stale('指导员', before);
        const after: Instructor = { ...before, ...body.changes };
        if (!(await store.updateInstructor(tx, id, after, before.version!))) throw stale('指导员', before);
        const stored = (await store.getInstructor(tx, id, instructorId))!;
        return { result: stored, audit: { action: 'instructor.update', entity: `instructor:${instructorId}`, before, after: stored }, event: { type: 'works.changed', kind: 'instructor', id: instructorId } };
      });
    });
  };
}
