/**
 * An in-memory campaign server for the works views (issue 21): projects move through the stages
 * in order, each signed by the account of the unit that signs it (403 otherwise, 409 out of
 * order), payments only after 验收 (409 with the current project), and the ledger and the veto
 * list as the test sets them. Live events are emitted on the streams the effect opened.
 */
import type { Me } from '../../src/api/index.ts';
import { PROJECT_STAGES, PROJECT_STAGE_LABELS, type LedgerRow, type Person, type ProjectRecord, type ProjectStage, type VetoVerdict } from '../../src/core/works/types.ts';
import type { WorksInfo } from '../../src/state/works.ts';
import { FakeStream, json } from './fake-stream.ts';

export interface FakeWorksServer {
  user: Me | null;
  /** Unit ids each username signs for. */
  members: Record<string, string[]>;
  projects: ProjectRecord[];
  ledger: LedgerRow[];
  people: Person[];
  veto: VetoVerdict[];
  info: Omit<WorksInfo, 'myUnits'>;
  streams: FakeStream[];
  /** Emits a live change to every open stream. */
  emit(event: { type: string; [key: string]: unknown }): void;
  fetch(url: string, init?: { method?: string; body?: string }): Promise<Response>;
  openEvents(url: string): FakeStream;
}

export const UNITS: WorksInfo['units'] = [
  { id: 'office', name: '创建办', stages: ['reviewed'] },
  { id: 'finance', name: '财政局', stages: ['evaluated', 'paid'] },
  { id: 'construction', name: '建设局', stages: ['building', 'accepted'] },
  { id: 'audit', name: '审计局', stages: ['supervised'] },
];

export function project(id: string, number: number, extra: Partial<ProjectRecord> = {}): ProjectRecord {
  return { id, number, title: `示意项目${number}`, kind: 'greening', description: '示意', target: { kind: 'community', id: 'A' }, street: 'S1', budgetWan: 100, source: 'city', responsible: 'p1', start: '2026-01-01', due: '2026-12-31', stage: 'submitted', history: [], disbursements: [], spentWan: 0, version: 1, ...extra };
}

export function fakeWorksServer(): FakeWorksServer {
  const server: FakeWorksServer = {
    user: null,
    members: {},
    projects: [],
    ledger: [],
    people: [],
    veto: [],
    info: { sources: [{ id: 'city', name: '市级第一批' }], units: UNITS },
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
      if (!server.user) return json(401, { code: 'E_AUTH', message: '请先登录' });
      if (method === 'GET' && path === '/projects') return json(200, { projects: server.projects });
      if (method === 'GET' && path === '/ledger') return json(200, { rows: server.ledger });
      if (method === 'GET' && path === '/people') return json(200, { people: server.people, instructors: [] });
      if (method === 'GET' && path === '/veto') return json(200, { communities: server.veto });
      if (method === 'GET' && path === '/works') return json(200, { ...server.info, myUnits: server.members[server.user.username] ?? [] });
      const write = /^\/projects\/([^/]+)\/(stages|disbursements)$/.exec(path);
      const index = write ? server.projects.findIndex((item) => item.id === decodeURIComponent(write[1]!)) : -1;
      if (!write || method !== 'POST' || index < 0) return json(404, { code: 'E_NOT_FOUND', message: `找不到 ${method} ${url}` });
      const held = server.projects[index]!;
      const body = JSON.parse(init.body ?? '{}') as { to?: ProjectStage; note?: string; amountWan?: number };
      let next: ProjectRecord;
      if (write[2] === 'stages') {
        const to = body.to!;
        const unit = UNITS.find((item) => item.stages.includes(to))!;
        if (!(server.members[server.user.username] ?? []).includes(unit.id)) return json(403, { code: 'E_FORBIDDEN', message: `「${PROJECT_STAGE_LABELS[to]}」须由${unit.name}签批` });
        if (PROJECT_STAGES.indexOf(to) !== PROJECT_STAGES.indexOf(held.stage) + 1) return json(409, { code: 'E_STAGE', message: `项目在「${PROJECT_STAGE_LABELS[held.stage]}」阶段，不能签批「${PROJECT_STAGE_LABELS[to]}」`, current: held });
        next = { ...held, stage: to, history: [...held.history, { at: '2026-06-01T02:00:00Z', actor: server.user.username, unit: unit.id, from: held.stage, to, note: body.note ?? '' }], version: held.version + 1 };
      } else {
        if (held.stage !== 'accepted' && held.stage !== 'paid') return json(409, { code: 'E_NOT_ACCEPTED', message: `项目尚未验收（现为「${PROJECT_STAGE_LABELS[held.stage]}」），不能拨付经费`, current: held });
        next = { ...held, disbursements: [...held.disbursements, { id: `d${held.disbursements.length + 1}`, at: '2026-06-02T02:00:00Z', actor: server.user.username, amountWan: body.amountWan!, note: body.note ?? '', override: null }], version: held.version + 1 };
      }
      server.projects[index] = next;
      return json(200, next);
    },
  };
  return server;
}
