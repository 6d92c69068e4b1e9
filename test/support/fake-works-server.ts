/**
 * An in-memory campaign server for the works views (issue 21). It reads the works settings the
 * real server's Lucheng seed reads (data/lucheng/campaign.json through the core's
 * `campaignWorksSettings`: the same unit ids `cjb`, `sjj`, … and names) and decides with the
 * core's rules (signStage, disburse, projectEditRefusal, timetable), so its refusals are the
 * real server's words. The ledger and the veto list are what the test sets. Live events are
 * emitted on the streams the effect opened.
 */
import luchengCampaign from '../../data/lucheng/campaign.json';
import type { Me } from '../../src/api/index.ts';
import {
  actorUnits,
  campaignWorksSettings,
  correctedProject,
  disburse,
  mayDisburse,
  PROJECT_STAGES,
  projectEditRefusal,
  signStage,
  submittedProject,
  timetable,
  type Instructor,
  type LedgerRow,
  type NewProject,
  type Person,
  type ProjectRecord,
  type VetoVerdict,
  type WorksActor,
  type WorksRefusal,
} from '../../src/core/index.ts';
import type { WorksInfo } from '../../src/state/works.ts';
import { FakeStream, json } from './fake-stream.ts';

/** The works settings of the Lucheng demo campaign, as the real server's seed reads them. */
export const SETTINGS = campaignWorksSettings(luchengCampaign as Record<string, unknown>);

/** The reviewing units with the stages each signs, as GET …/works answers them. */
export const UNITS: WorksInfo['units'] = SETTINGS.units.map((unit) => ({ id: unit.id, name: unit.name, stages: PROJECT_STAGES.filter((stage) => stage !== 'submitted' && SETTINGS.stages[stage] === unit.id) }));

/** The unit that signs the step to `stage` (its id is also the username of its account in the fake). */
export const unitOf = (stage: Exclude<ProjectRecord['stage'], 'submitted'>) => SETTINGS.stages[stage];

export interface FakeWorksServer {
  user: Me | null;
  projects: ProjectRecord[];
  ledger: LedgerRow[];
  people: Person[];
  instructors: Instructor[];
  veto: VetoVerdict[];
  deadlines: { id: string; label: string; date: string; responsible: string }[];
  /** The server's day (the timetable counts from it). */
  today: string;
  /** What a payment may take before it needs an override (the source's remaining allocation). */
  remainingWan: number;
  streams: FakeStream[];
  /** Emits a live change to every open stream. */
  emit(event: { type: string; [key: string]: unknown }): void;
  fetch(url: string, init?: { method?: string; body?: string }): Promise<Response>;
  openEvents(url: string): FakeStream;
}

export function project(id: string, number: number, extra: Partial<ProjectRecord> = {}): ProjectRecord {
  return { id, number, title: `示意项目${number}`, kind: 'greening', description: '示意', target: { kind: 'community', id: 'A' }, street: 'S1', budgetWan: 100, source: SETTINGS.sources[0]!.id, responsible: 'p1', start: '2026-01-01', due: '2026-12-31', stage: 'submitted', history: [], disbursements: [], spentWan: 0, version: 1, ...extra };
}

/** The account as the core sees it: role and scope of the signed-in user (a unit's account: role department, scope its unit id). */
const actorOf = (user: Me): WorksActor => (user.role === 'admin' ? { username: user.username, role: 'admin', scope: SETTINGS.adminSignsFor ? [SETTINGS.adminSignsFor] : [] } : { username: user.username, role: user.role, scope: user.scope });

const STATUS: Record<WorksRefusal['code'], number> = { E_FORBIDDEN: 403, E_STATE: 409, E_INPUT: 400 };

export function fakeWorksServer(): FakeWorksServer {
  const server: FakeWorksServer = {
    user: null,
    projects: [],
    ledger: [],
    people: [],
    instructors: [],
    veto: [],
    deadlines: [],
    today: '2026-06-01',
    remainingWan: 1000,
    streams: [],
    emit(event) {
      for (const stream of server.streams) stream.emit('change', { revision: 1, actor: 'other', ...event });
    },
    openEvents(url) {
      const stream = new FakeStream(url);
      server.streams.push(stream);
      return stream;
    },
    async fetch(url, init = {}) {
      const method = init.method ?? 'GET';
      const path = url.replace(/^\/api\/campaigns\/c1/, '');
      const user = server.user;
      if (!user) return json(401, { code: 'E_AUTH', message: '请先登录' });
      const actor = actorOf(user);
      const body = JSON.parse(init.body ?? '{}') as Record<string, unknown>;
      const refuse = (refusal: WorksRefusal, current?: unknown) => json(STATUS[refusal.code], { ...refusal, ...(refusal.code === 'E_STATE' && current ? { current } : {}) });
      if (method === 'GET' && path === '/projects') return json(200, { projects: server.projects });
      if (method === 'GET' && path === '/ledger') return json(200, { rows: server.ledger });
      if (method === 'GET' && path === '/people') return json(200, { people: server.people, instructors: server.instructors });
      if (method === 'GET' && path === '/veto') return json(200, { communities: server.veto });
      if (method === 'GET' && path === '/timetable') return json(200, { today: server.today, items: timetable(server.deadlines, server.projects, server.people, server.today) });
      if (method === 'GET' && path === '/works') return json(200, { sources: SETTINGS.sources, units: UNITS, myUnits: actorUnits(actor, SETTINGS), mayPay: mayDisburse(actor, SETTINGS) });
      if (method === 'POST' && path === '/projects') {
        const refusal = projectEditRefusal(actor, SETTINGS);
        if (refusal) return refuse(refusal);
        const number = Math.max(0, ...server.projects.map((item) => item.number)) + 1;
        const created = submittedProject(body as unknown as NewProject, `p${number}`, number);
        server.projects.push(created);
        return json(201, created);
      }
      if ((method === 'POST' || method === 'PATCH') && /^\/(people|instructors)(\/[^/]+)?$/.test(path)) {
        if (user.role !== 'admin') return json(403, { code: 'E_FORBIDDEN', message: '您的角色或范围不允许此操作' });
        const [, list, id] = /^\/(people|instructors)(?:\/([^/]+))?$/.exec(path)!;
        const rows = (list === 'people' ? server.people : server.instructors) as (Person | Instructor)[];
        if (method === 'POST') {
          const row = { ...body, id: `${list === 'people' ? 'p' : 'i'}${rows.length + 100}`, version: 1 } as Person & Instructor;
          rows.push(row);
          return json(201, row);
        }
        const index = rows.findIndex((row) => row.id === decodeURIComponent(id!));
        const held = rows[index]!;
        if (body.version !== held.version) return json(409, { code: 'E_CONFLICT', message: '已被他人修改：请查看当前版本', current: held });
        rows[index] = { ...held, ...(body.changes as object), version: (held.version ?? 1) + 1 };
        return json(200, rows[index]);
      }
      const write = /^\/projects\/([^/]+)(\/(stages|disbursements))?$/.exec(path);
      const index = write ? server.projects.findIndex((item) => item.id === decodeURIComponent(write[1]!)) : -1;
      if (!write || index < 0 || !(method === 'POST' || (method === 'PATCH' && !write[2]))) return json(404, { code: 'E_NOT_FOUND', message: `找不到 ${method} ${url}` });
      const held = server.projects[index]!;
      let next: ProjectRecord;
      if (method === 'PATCH') {
        const refusal = projectEditRefusal(actor, SETTINGS);
        if (refusal) return refuse(refusal);
        if (body.version !== held.version) return json(409, { code: 'E_CONFLICT', message: '项目已被他人修改：请查看当前版本', current: held });
        next = { ...correctedProject(held, body.changes as Partial<ProjectRecord>), version: held.version + 1 };
      } else if (write[3] === 'stages') {
        const result = signStage(held, { to: body.to as ProjectRecord['stage'], note: body.note as string }, actor, '2026-06-01T02:00:00.000Z', SETTINGS);
        if (!result.ok) return refuse(result.error, held);
        next = { ...result.project, version: held.version + 1 };
      } else {
        const override = body.override as { reason: string } | undefined;
        const result = disburse(held, { id: `d${held.disbursements.length + 1}`, amountWan: body.amountWan as number, note: body.note as string, override: override ?? null }, server.remainingWan, actor, '2026-06-02T02:00:00.000Z', SETTINGS);
        if (!result.ok) return refuse(result.error, held);
        next = { ...result.project, version: held.version + 1 };
      }
      server.projects[index] = next;
      return json(200, next);
    },
  };
  return server;
}
