/**
 * The Lucheng demo campaign's illustrative works data 示意 (issue 21), generated here from the
 * campaign's own communities and streets with fixed rules (no randomness): allocations of each
 * funding source per street, projects in every stage (a landscape route for most but not all
 * demonstration communities, the speech's nine main roads, facilities and service centres), the
 * people responsible for the streets, the demonstration communities, the departments and the
 * reviewing units, and a handful of instructors. Every name says 示意.
 */
import { PROJECT_STAGES, campaignWorksSettings, type Instructor, type Person, type ProjectEvent, type ProjectKind, type ProjectRecord, type ProjectStage } from '../../core/index.ts';
import type { Queryable } from '../db/connection.ts';
import * as store from './works-store.ts';

export interface WorksSeedInput {
  settings: Record<string, unknown>;
  streets: { code: string; name: string }[];
  /** The demonstration communities (code, name, street code), in code order. */
  demo: { code: string; name: string; street: string }[];
  departments: { id: string; name: string }[];
}

/** The speech's main roads to be renovated. */
export const MAIN_ROADS = ['学院路', '马鞍池路', '鹿城路', '环城东路', '飞霞南路', '江滨路', '公园路', '望江路', '过境公路'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗';
const GIVEN = ['建国', '海燕', '志强', '丽华', '文军', '晓东', '秀英', '伟民', '春梅', '国平', '红霞', '立新'];
const nameAt = (index: number) => `${SURNAMES[index % SURNAMES.length]}${GIVEN[Math.floor(index / SURNAMES.length + index) % GIVEN.length]}（示意）`;
const phoneAt = (index: number) => `0577-8800${String(1000 + index).slice(-4)}`;

/** The usernames of the reviewing units' seeded accounts. */
export const unitUsername = (unit: string) => `unit-${unit}`;

/** Inserts the works data; returns the counts. */
export async function seedWorks(tx: Queryable, campaignId: string, input: WorksSeedInput): Promise<{ projects: number; people: number; instructors: number; allocations: number }> {
  const settings = campaignWorksSettings(input.settings);
  const [city, district, street] = settings.sources.map((source) => source.id) as [string, string, string];
  let allocations = 0;
  const allocate = async (source: string, streetCode: string | null, allocatedWan: number) => {
    await store.insertAllocation(tx, campaignId, { source, street: streetCode, allocatedWan });
    allocations++;
  };
  await allocate(city, null, 600);
  await allocate(district, null, 200);
  for (const [index, item] of input.streets.entries()) {
    await allocate(city, item.code, 260 + (index % 4) * 40);
    await allocate(district, item.code, 120);
    if (street) await allocate(street, item.code, 40 + (index % 3) * 10);
  }

  const people: Person[] = [];
  const person = (title: string, unit: string, responsibleFor: Person['responsibleFor']): Person => {
    const index = people.length;
    const entry: Person = { id: `p${index + 1}`, name: nameAt(index), title, unit, phone: phoneAt(index), username: null, responsibleFor };
    people.push(entry);
    return entry;
  };
  const streetPeople = new Map(input.streets.map((item) => [item.code, person('街道党工委书记', `${item.name}办事处`, [{ kind: 'street', id: item.code }])]));
  // The last demonstration community has nobody named (the veto's chain says so).
  const communityPeople = new Map(input.demo.slice(0, -1).map((item) => [item.code, person('社区党委书记', item.name, [{ kind: 'community', id: item.code }])]));
  for (const department of input.departments) person('分管负责人', department.name, [{ kind: 'department', id: department.id }]);
  for (const unit of settings.units) person('负责人', unit.name, [{ kind: 'department', id: unit.id }]);

  const projects: ProjectRecord[] = [];
  const add = (kind: ProjectKind, title: string, target: ProjectRecord['target'], streetCode: string, budgetWan: number, stage: ProjectStage, responsible: string) => {
    const number = projects.length + 1;
    const upTo = PROJECT_STAGES.indexOf(stage);
    const history: ProjectEvent[] = PROJECT_STAGES.slice(1, upTo + 1).map((to, step) => ({
      at: `2002-0${3 + Math.min(step, 5)}-${String(10 + (number % 15)).padStart(2, '0')}T02:00:00.000Z`,
      actor: unitUsername(settings.stages[to as Exclude<ProjectStage, 'submitted'>]),
      unit: settings.stages[to as Exclude<ProjectStage, 'submitted'>],
      from: PROJECT_STAGES[step]!,
      to,
      note: '示意',
    }));
    const paid = stage === 'paid';
    projects.push({
      id: `p${number}`,
      number,
      title: `${title}（示意）`,
      kind,
      description: '示意项目：用于演示项目、经费与责任的流程，并非真实项目',
      target,
      street: streetCode,
      budgetWan,
      source: number % 3 === 0 ? district : city,
      responsible,
      start: '2002-03-01',
      due: '2002-06-30',
      stage,
      history,
      disbursements: paid ? [{ id: '', at: '2002-06-20T02:00:00.000Z', actor: unitUsername(settings.stages.paid), amountWan: Math.round(budgetWan * 0.8), note: '示意', override: null }] : [],
      spentWan: paid ? Math.round(budgetWan * 0.6) : PROJECT_STAGES.indexOf(stage) >= PROJECT_STAGES.indexOf('building') ? Math.round(budgetWan * 0.2) : 0,
      version: 1,
    });
  };
  // Landscape routes: every demonstration community but the last two; most accepted or paid, some still under way.
  const routeStages: ProjectStage[] = ['accepted', 'paid', 'accepted', 'supervised', 'paid', 'building', 'accepted', 'paid', 'reviewed', 'accepted'];
  for (const [index, community] of input.demo.slice(0, -2).entries()) {
    add('landscape_route', `${community.name}景观路线`, { kind: 'community', id: community.code }, community.street, 40 + (index % 5) * 10, routeStages[index % routeStages.length]!, (communityPeople.get(community.code) ?? streetPeople.get(community.street)!).id);
  }
  // The main roads, each counted under a street in turn.
  for (const [index, road] of MAIN_ROADS.entries()) {
    const item = input.streets[index % input.streets.length]!;
    add('road', `${road}改造`, { kind: 'road', id: road }, item.code, 80 + index * 15, PROJECT_STAGES[index % PROJECT_STAGES.length]!, streetPeople.get(item.code)!.id);
  }
  // Facilities of the first demonstration communities and two street service centres.
  for (const [index, community] of input.demo.slice(0, 3).entries()) {
    add('facility', `${community.name}五室三站配套（调剂）`, { kind: 'community', id: community.code }, community.street, 30, (['submitted', 'evaluated', 'accepted'] as const)[index]!, streetPeople.get(community.street)!.id);
  }
  for (const item of input.streets.slice(0, 2)) add('service_centre', `${item.name}服务中心`, { kind: 'street', id: item.code }, item.code, 120, 'building', streetPeople.get(item.code)!.id);
  for (const project of projects) await store.insertProject(tx, campaignId, project);
  for (const entry of people) await store.insertPerson(tx, campaignId, entry);

  const instructors: Instructor[] = input.demo.slice(0, 10).map((community, index) => ({
    id: `i${index + 1}`,
    name: nameAt(100 + index),
    community: community.code,
    homeUnit: input.departments[index % Math.max(1, input.departments.length)]?.name ?? '市属单位（示意）',
    start: '2002-03-01',
    phone: phoneAt(100 + index),
    username: null,
  }));
  for (const entry of instructors) await store.insertInstructor(tx, campaignId, entry);
  return { projects: projects.length, people: people.length, instructors: instructors.length, allocations };
}
