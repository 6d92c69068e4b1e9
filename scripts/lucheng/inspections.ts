/**
 * Inspection rounds from the mobilization meeting to the as-of date (illustrative): the speech's
 * "每周一小查，每月一大查，每半月通报". Demonstration communities get a small check every week (the
 * big monthly check replaces it in its week) and a half-monthly bulletin; every community gets the
 * monthly check. Scores rise towards each community's present state for most, and stay flat for a
 * few stagnating ones, whose notes name the problems that do not go away.
 */
import { FACILITY_ITEMS, facilityCount, type CommunityStatus, type FacilityItem, type Inspection, type InspectionKind } from '../../src/core/index.ts';
import { mulberry32, randomInt, seedFrom, type Random } from './random.ts';

/** The mobilization meeting (动员大会); the campaign's clock starts here. Illustrative date. */
export const MEETING_DATE = '2002-03-04';

/** Friday small checks (周查); none in the May Day holiday week. */
export const WEEKLY_DATES = ['2002-03-08', '2002-03-15', '2002-03-22', '2002-04-05', '2002-04-12', '2002-04-19', '2002-05-10', '2002-05-17'];
/** Big checks (月查) on the last Friday of each month; the last one is the data's as-of date. */
export const MONTHLY_DATES = ['2002-03-29', '2002-04-26', '2002-05-24'];
/** Half-monthly progress bulletins (通报). */
export const BULLETIN_DATES = ['2002-03-18', '2002-04-01', '2002-04-15', '2002-04-30', '2002-05-15'];

/**
 * The two stagnating demonstration communities and where their scores stand: 鼓楼 with its five
 * disorders coming back (五乱回潮), 马鞍池 with no medical station and dark stairways, below the
 * lagging line. A few ordinary communities stagnate too (drawn).
 */
const STAGNATING_DEMOS: ReadonlyMap<string, number> = new Map([
  ['鼓楼社区', 79],
  ['马鞍池社区', 72],
]);

/** Problems that the present status still shows, in Chinese, most telling first. */
export function statusProblems(status: CommunityStatus, lightingThreshold: number, minAreaM2: number): string[] {
  const problems: string[] = [];
  if (status.openDisorders > 3) problems.push('五乱回潮');
  if (status.lightingRate !== null && status.lightingRate < lightingThreshold) problems.push(`楼道灯不亮（亮灯率${Math.round(status.lightingRate * 100)}%）`);
  for (const item of FACILITY_ITEMS) if (!status.facilities[item.key]) problems.push(missingPhrase(item));
  if (status.facilityAreaM2 !== null && status.facilityAreaM2 < minAreaM2) problems.push(`配套用房面积不足（${status.facilityAreaM2}m²）`);
  if (status.openDisorders > 0 && status.openDisorders <= 3) problems.push(`五乱问题${status.openDisorders}处未整治`);
  if (status.police === 'none') problems.push('社区民警未落实');
  return problems;
}

function missingPhrase(item: FacilityItem): string {
  switch (item.group) {
    case 'board':
      return `${item.short}未设置`;
    case 'school':
      return '市民学校未开课';
    case 'place':
      return '室外活动场所未落实';
    default:
      return `${item.short}未建成`;
  }
}

/** Problems found and put right between rounds (the improving communities' history). */
const PASSING_PROBLEMS = ['楼道灯不亮', '乱堆放未清理', '乱设摊', '宣传栏内容陈旧', '绿化带缺损', '破损道路未修补', '空中线路杂乱', '窗罩未拆除', '乱停车'];

/** The score the present status deserves (0–100), before the inspectors' noise. */
function presentScore(status: CommunityStatus, random: Random): number {
  const lighting = status.lightingRate === null ? 0 : status.lightingRate >= 0.95 ? 6 : status.lightingRate >= 0.9 ? 3 : 0;
  const police = status.police === 'two' ? 3 : status.police === 'one' ? 2 : 0;
  const raw = 56 + 3 * facilityCount(status) + lighting + police + (status.drugFree ? 2 : 0) + (status.safeEstate ? 2 : 0) - 1.2 * status.openDisorders + (random() - 0.5) * 6;
  return Math.max(40, Math.min(90 + Math.round(random() * 7), Math.round(raw)));
}

interface Round {
  date: string;
  kind: InspectionKind;
}

/**
 * All inspections, sorted by date then code.
 * @param statuses the present status of every community (the last round agrees with it)
 */
export function generateInspections(statuses: readonly CommunityStatus[], options: { lightingThreshold: number; minAreaM2: number; seed: number }): Inspection[] {
  const rows: Inspection[] = [];
  for (const status of statuses) {
    const random = mulberry32(seedFrom(`inspect:${status.code}`, options.seed));
    const rounds: Round[] = status.demo
      ? [...WEEKLY_DATES.map((date): Round => ({ date, kind: 'weekly' })), ...MONTHLY_DATES.map((date): Round => ({ date, kind: 'monthly' }))]
      : MONTHLY_DATES.map((date): Round => ({ date, kind: 'monthly' }));
    rounds.sort((a, b) => (a.date < b.date ? -1 : 1));
    const stagnating = STAGNATING_DEMOS.has(status.name) || (!status.demo && random() < 0.07);
    const end = STAGNATING_DEMOS.get(status.name) ?? (status.name === '桂柑社区' ? 97 : presentScore(status, random));
    const problems = statusProblems(status, options.lightingThreshold, options.minAreaM2);
    // Improving: the demos climbed about 1.5 points a week since the meeting, the others less.
    const gain = stagnating ? 0 : status.demo ? 12 + random() * 8 : 3 + random() * 8;
    let pending: string | null = null;
    const scores: number[] = [];
    rounds.forEach((round, k) => {
      const progress = rounds.length === 1 ? 1 : k / (rounds.length - 1);
      let score = Math.round(end - gain * (1 - progress) + (k === rounds.length - 1 ? 0 : (random() - 0.5) * 2));
      // Stagnating: flat, a point lost here and there, never above where it started.
      if (stagnating) score = Math.min(end + 1, k === 0 ? end + 1 : scores[k - 1]!) - (random() < 0.4 ? 1 : 0);
      score = Math.max(0, Math.min(100, score));
      scores.push(score);
      const notes: string[] = [];
      const remaining = problems.slice(0, stagnating ? 3 : 2);
      let found = remaining.length + Math.max(0, Math.round(((100 - score) / 12) * random()));
      let rectified: number;
      if (stagnating) {
        rectified = Math.floor(found * (0.2 + 0.3 * random()));
        notes.push(...remaining, remaining.length > 0 ? '整改不力，列入通报' : '整改进度缓慢');
      } else {
        if (pending) notes.push(`${pending}已整改`);
        // A passing problem is never one the status still shows (no 楼道灯不亮 twice in a note).
        const pool = PASSING_PROBLEMS.filter((problem) => !problems.some((p) => p.startsWith(problem.slice(0, 3))));
        pending = k < rounds.length - 1 && random() < 0.6 ? pool[randomInt(random, 0, pool.length - 1)]! : null;
        if (pending) {
          notes.push(`${pending}，限期整改`);
          found++;
        }
        if (k === rounds.length - 1 || remaining.length > 0) notes.push(...remaining.slice(0, 1));
        if (notes.length === 0) notes.push('整改到位，继续保持');
        rectified = found - (pending ? 1 : 0) - Math.min(remaining.length, random() < 0.5 ? 1 : 0);
      }
      found = Math.max(found, 0);
      rows.push({ date: round.date, kind: round.kind, code: status.code, score, problemsFound: found, problemsRectified: Math.max(0, Math.min(found, rectified)), note: [...new Set(notes)].join('；') });
    });
  }
  // Bulletins for the demonstration communities: the latest score before the bulletin date.
  for (const status of statuses.filter((s) => s.demo)) {
    const history = rows.filter((row) => row.code === status.code);
    for (const date of BULLETIN_DATES) {
      const last = history.filter((row) => row.date < date).at(-1);
      if (!last) continue;
      const stalled = STAGNATING_DEMOS.has(status.name);
      rows.push({
        date,
        kind: 'bulletin',
        code: status.code,
        score: last.score,
        problemsFound: last.problemsFound,
        problemsRectified: last.problemsRectified,
        note: stalled ? '进度滞后，通报批评，限期整改' : last.score >= 85 ? '进度良好，予以表扬' : '进度正常',
      });
    }
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
