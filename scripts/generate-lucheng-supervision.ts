/**
 * Writes data/lucheng/supervision.json: the Lucheng demo campaign's illustrative rounds, cases and
 * referral slips (issue 20). Rounds follow the dates of data/lucheng/inspections.csv (周查, 月查)
 * plus the week after it (周查, 抽查, 暗访); cases are problems named in those inspections' notes,
 * routed by category and moved through the core's own state machine (applyTransition) with
 * seeded random delays, cut at the demo's clock DEMO_NOW, so every view has data in several
 * states and colours. **Generated and illustrative**: no real case, person or slip.
 *
 *   npx tsx scripts/generate-lucheng-supervision.ts [--out <file>]
 *
 * Deterministic: the same seed gives a byte-identical file (test/data/lucheng-supervision.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  addWorkingDays,
  applyTransition,
  defaultCampaignConfig,
  mulberry32,
  parseInspections,
  reportCase,
  ROUND_KIND_LABELS,
  type CaseRecord,
  type CaseTransition,
  type RoundKind,
  type SupervisionActor,
} from '../src/core/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20_020_529;
/** The demo's clock: run the server with LIANPIAN_NOW=2002-05-29 to see the cases as generated. */
export const DEMO_NOW = '2002-05-29T10:00:00+08:00';

/** What the seed inserts (src/server/campaign/supervision-seed.ts). */
export interface SupervisionSeed {
  note: string;
  demoNow: string;
  rounds: { id: string; kind: RoundKind; title: string; start: string; end: string; communities: string[]; inspectors: string[] }[];
  cases: CaseRecord[];
  referrals: { caseNumber: number; department: string; year: number; serial: number; issuedAt: string }[];
}

/** Note fragments → category (the first match). */
const CATEGORY_PATTERNS: [RegExp, string][] = [
  [/乱设摊/, 'stall'],
  [/乱堆放/, 'dumping'],
  [/五乱回潮/, 'posting'],
  [/窗罩|违章搭建/, 'building'],
  [/乱停车/, 'parking'],
  [/道灯不亮/, 'lighting'],
  [/破损道路/, 'road'],
  [/绿化/, 'greening'],
  [/线路杂乱/, 'other'],
  [/未建成|宣传栏|阅报栏/, 'facility'],
];

const monday = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export function generateSupervision(): SupervisionSeed {
  const random = mulberry32(SEED);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const settings = defaultCampaignConfig().supervision;
  const communities = new Map(
    (JSON.parse(readFileSync(resolve(root, 'data/lucheng/communities.geojson'), 'utf8')) as { features: { properties: { code: string; streetCode: string; labelPoint: [number, number] } }[] }).features.map((feature) => [feature.properties.code, feature.properties]),
  );
  const inspector = (street: string) => `ducha-${street.slice(-3)}`;
  const inspections = parseInspections(readFileSync(resolve(root, 'data/lucheng/inspections.csv'), 'utf8'), 'inspections.csv', { today: '2002-12-31' }).rows.filter((row) => row.kind !== 'bulletin');

  // Rounds: one per inspection date and kind, the week it falls in; then next week's.
  const rounds: SupervisionSeed['rounds'] = [];
  const byRound = new Map<string, string[]>();
  for (const row of inspections) {
    const key = `${row.date}|${row.kind}`;
    byRound.set(key, [...(byRound.get(key) ?? []), row.code]);
  }
  const inspectorsOf = (codes: readonly string[]) => [...new Set(codes.map((code) => inspector(communities.get(code)!.streetCode)))].sort();
  for (const [key, codes] of [...byRound].sort(([a], [b]) => a.localeCompare(b))) {
    const [date, kind] = key.split('|') as [string, 'weekly' | 'monthly'];
    const sorted = [...new Set(codes)].sort();
    rounds.push({ id: String(rounds.length + 1), kind, title: `${date.slice(5).replace('-', '月')}日${ROUND_KIND_LABELS[kind]}`, start: monday(date), end: addDays(monday(date), 4), communities: sorted, inspectors: inspectorsOf(sorted) });
  }
  const lastWeekly = rounds.filter((round) => round.kind === 'weekly').at(-1)!;
  const all = [...communities.keys()].sort();
  const pick = (count: number) => {
    // A seeded Fisher–Yates shuffle, then the first `count`.
    const order = [...all];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order.slice(0, count).sort();
  };
  const spot = pick(6);
  const visit = pick(4);
  rounds.push(
    { id: String(rounds.length + 1), kind: 'weekly', title: '5月31日周查', start: '2002-05-27', end: '2002-05-31', communities: lastWeekly.communities, inspectors: lastWeekly.inspectors },
    { id: String(rounds.length + 2), kind: 'spot', title: '人大代表抽查', start: '2002-05-29', end: '2002-05-30', communities: spot, inspectors: inspectorsOf(spot) },
    { id: String(rounds.length + 3), kind: 'unannounced', title: '夜间暗访', start: '2002-05-30', end: '2002-05-30', communities: visit, inspectors: inspectorsOf(visit) },
  );
  const roundOf = (date: string, kind: string) => rounds.find((round) => round.kind === kind && round.start <= date && date <= round.end)!.id;

  // Candidate problems: note fragments of a category, newer inspections more often.
  const candidates: { date: string; code: string; category: string; note: string; roundId: string }[] = [];
  for (const row of inspections) {
    for (const fragment of row.note.split('；')) {
      const category = CATEGORY_PATTERNS.find(([pattern]) => pattern.test(fragment))?.[1];
      if (!category || fragment.endsWith('已整改')) continue;
      const share = row.date >= '2002-05-01' ? 0.14 : row.date >= '2002-04-01' ? 0.04 : 0.02;
      if (random() < share) candidates.push({ date: row.date, code: row.code, category, note: fragment, roundId: roundOf(row.date, row.kind) });
    }
  }
  candidates.sort((a, b) => a.date.localeCompare(b.date) || a.code.localeCompare(b.code) || a.category.localeCompare(b.category));

  const now = new Date(DEMO_NOW);
  const admin: SupervisionActor = { username: 'admin', role: 'admin', scope: [] };
  const cases = candidates.map((candidate, index): CaseRecord => {
    const place = communities.get(candidate.code)!;
    const street = place.streetCode;
    const checker: SupervisionActor = { username: inspector(street), role: 'inspector', scope: [street] };
    const jitter = () => Math.round((random() - 0.5) * 4e-3 * 1e6) / 1e6;
    let record = reportCase(
      { id: String(index + 1), number: index + 1, community: candidate.code, street, category: candidate.category, note: candidate.note, lon: Math.round((place.labelPoint[0] + jitter()) * 1e6) / 1e6, lat: Math.round((place.labelPoint[1] + jitter()) * 1e6) / 1e6, photos: [], inspectionId: null, roundId: candidate.roundId },
      checker.username,
      at(candidate.date, 10),
      settings,
    );
    const unit: SupervisionActor = record.unit.kind === 'street' ? { username: `jiedao-${street.slice(-3)}`, role: 'street', scope: [street] } : { username: `bumen-${record.unit.id}`, role: 'department', scope: [record.unit.id] };
    const step = (to: CaseTransition, actor: SupervisionActor, when: Date, note: string): boolean => {
      if (when > now) return false;
      const result = applyTransition(record, { to, note }, actor, when, settings);
      if (!result.ok) throw new Error(`case ${record.number} ${to}: ${result.error.message}`);
      record = result.case;
      return true;
    };
    const registeredOn = addWorkingDays(candidate.date, int(1, 4), settings);
    if (!step('registered', admin, at(registeredOn, 9), '情况属实，予以立案')) return record;
    const assignedOn = addWorkingDays(registeredOn, int(0, 2), settings);
    if (!step('assigned', admin, at(assignedOn, 11), record.unit.kind === 'department' ? '以抄告单形式交办，请限期整改' : '请街道限期整改')) return record;
    if (!step('in_progress', unit, at(addWorkingDays(assignedOn, int(0, 2), settings), 15), '已安排人员整改')) return record;
    // Some units let a case drag (it stays 整改中 and turns yellow, then red).
    if (random() < 0.3) return record;
    let fixedOn = addWorkingDays(record.deadline!, 0, settings);
    const late = int(-3, 8);
    fixedOn = late >= 0 ? addWorkingDays(fixedOn, late, settings) : addDays(fixedOn, late);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!step('fixed', unit, at(fixedOn, 16), attempt === 0 ? '已整改完毕，附整改情况说明' : '已再次整改')) return record;
      const checkedOn = addWorkingDays(fixedOn, int(1, 3), settings);
      const fails = random() < (attempt === 0 ? 0.25 : 0.4);
      if (fails) {
        if (!step('reopened', checker, at(checkedOn, 10), '复查仍未整改到位')) return record;
        fixedOn = addWorkingDays(checkedOn, int(2, 6), settings);
        continue;
      }
      if (!step('verified', checker, at(checkedOn, 10), '复查合格')) return record;
      step('closed', random() < 0.5 ? checker : admin, at(addWorkingDays(checkedOn, int(0, 2), settings), 11), '予以销号');
      return record;
    }
    return record;
  });

  // Slips: one per referral to a department, numbered per year in order of issue.
  const issued = cases
    .flatMap((record) => record.history.filter((event) => event.transition === 'assigned' && event.unit?.kind === 'department').map((event) => ({ caseNumber: record.number, department: event.unit!.id, issuedAt: event.at })))
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.caseNumber - b.caseNumber);
  const referrals = issued.map((slip, index) => ({ ...slip, year: Number(slip.issuedAt.slice(0, 4)), serial: index + 1 }));
  return {
    note: '示意数据：检查轮次、问题与抄告单均由 scripts/generate-lucheng-supervision.ts 按固定种子生成，并非真实记录；以 LIANPIAN_NOW=2002-05-29 启动服务器可看到生成时的状态与颜色。',
    demoNow: DEMO_NOW,
    rounds,
    cases,
    referrals,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]!) : resolve(root, 'data/lucheng/supervision.json');
  writeFileSync(out, `${JSON.stringify(generateSupervision(), null, 1)}\n`);
  if (!process.argv.includes('--quiet')) process.stdout.write(`wrote ${out}\n`);
}
