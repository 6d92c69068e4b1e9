/**
 * The status table (one row per community, as of the latest inspection): illustrative values
 * that tell the campaign's story. Demonstration communities are built on city-level civilized
 * communities and mostly meet the 12-item standard; ordinary communities have realistic gaps,
 * villages the most. Every value is drawn from a stream seeded by the community's code, so a
 * change to one community does not reshuffle the others.
 */
import { FACILITY_ITEMS, type CivilizedLevel, type CommunityStatus, type FacilityKey, type PoliceModel } from '../../src/core/index.ts';
import type { Unit } from './divisions.ts';
import { mulberry32, randomInt, seedFrom, type Random } from './random.ts';
import { DEMO_PLAN } from './story.ts';

/** The story's special cases: what the speech and the inspections say about named communities. */
export const STATUS_OVERRIDES: Readonly<Record<string, Partial<CommunityStatus> & { missing?: FacilityKey[] }>> = {
  // 桂柑: first on the national candidate list, the head start the speech builds on.
  桂柑社区: { level: 'national_candidate', missing: [], facilityAreaM2: 520, lightingRate: 0.99, openDisorders: 0, police: 'two', drugFree: true, safeEstate: true, responsible: '陈秀莲' },
  // 花柳塘: its office head is praised by name in the speech.
  花柳塘社区: { level: 'provincial', missing: ['outdoorGround'], responsible: '谢榕英' },
  府前社区: { level: 'provincial', missing: [] },
  菱藕社区: { level: 'provincial', missing: ['medicalStation'] },
  // 庆年坊: old houses, no room yet for an outdoor ground.
  庆年坊社区: { missing: ['outdoorGround'] },
  // Stagnating demonstration communities (see inspections.ts).
  鼓楼社区: { missing: ['cultureRoom'], openDisorders: 5 },
  马鞍池社区: { missing: ['medicalStation', 'cultureRoom', 'outdoorGround'], lightingRate: 0.88, facilityAreaM2: 240 },
};

/** How hard each item is to provide (weight of being the one missing): rooms need floor space. */
const GAP_WEIGHT: Readonly<Record<FacilityKey, number>> = {
  managementOffice: 0.3,
  partyOffice: 0.5,
  policeRoom: 1,
  readingRoom: 1.5,
  cultureRoom: 3,
  serviceStation: 1.5,
  medicalStation: 3,
  familyPlanningStation: 1,
  publicityBoard: 0.3,
  newspaperBoard: 0.8,
  citizenSchool: 1.5,
  outdoorGround: 2.5,
};

/** Picks `count` missing items, weighted by GAP_WEIGHT, without repeats, in the standard's order. */
function pickMissing(random: Random, count: number): FacilityKey[] {
  const pool = FACILITY_ITEMS.map((item) => item.key);
  const missing = new Set<FacilityKey>();
  while (missing.size < count) {
    const left = pool.filter((key) => !missing.has(key));
    let r = random() * left.reduce((sum, key) => sum + GAP_WEIGHT[key], 0);
    for (const key of left) {
      r -= GAP_WEIGHT[key];
      if (r <= 0) {
        missing.add(key);
        break;
      }
    }
  }
  return pool.filter((key) => missing.has(key));
}

const round = (value: number, step: number) => Math.round(value / step) * step;

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const rest = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < rest; k++) parts[order[k]!.i]!++;
  return parts;
}

/**
 * One status row per unit, in code order.
 * @param firstBatchWan the first batch of city funds (万元), split over the demonstration communities
 */
export function generateStatus(units: readonly Unit[], firstBatchWan: number, seed: number): CommunityStatus[] {
  const demoOf = new Map(DEMO_PLAN.map((plan) => [plan.name, plan]));
  const demos = units.filter((unit) => demoOf.has(unit.name));
  // The first batch: 桂柑 a little more, the others by a drawn weight.
  const budgetWeights = demos.map((unit) => (unit.name === '桂柑社区' ? 1.4 : 0.8 + 0.4 * mulberry32(seedFrom(`budget:${unit.code}`, seed))()));
  const shares = apportion(firstBatchWan, budgetWeights);
  const budgets = new Map(demos.map((unit, i) => [unit.code, shares[i]!]));

  return units.map((unit): CommunityStatus => {
    const random = mulberry32(seedFrom(unit.code, seed));
    const plan = demoOf.get(unit.name);
    const override = STATUS_OVERRIDES[unit.name] ?? {};
    const village = unit.kind === '村';
    let level: CivilizedLevel = 'none';
    if (plan) level = 'city';
    else if (!village && random() < 0.16) level = random() < 0.2 ? 'provincial' : 'city';
    const missingCount = plan ? (random() < 0.5 ? 0 : 1) : village ? randomInt(random, 5, 9) : randomInt(random, 1, 6);
    const missing = override.missing ?? pickMissing(random, missingCount);
    const facilities = Object.fromEntries(FACILITY_ITEMS.map((item) => [item.key, !missing.includes(item.key)])) as Record<FacilityKey, boolean>;
    const facilityAreaM2 = plan ? round(300 + random() * 320, 5) : village ? round(60 + random() * 200, 5) : round(120 + random() * 300, 5);
    const lightingRate = plan ? 0.93 + random() * 0.065 : village ? (random() < 0.5 ? null : 0.6 + random() * 0.3) : 0.8 + random() * 0.17;
    const greenAreaM2 = village ? null : round((plan ? 3000 : 800) + random() * 5000, 10);
    let police: PoliceModel = 'one';
    if (plan) police = random() < 0.6 ? 'two' : 'one';
    else if (village) police = random() < 0.3 ? 'one' : 'none';
    else if (random() < 0.2) police = 'none';
    const drugFree = plan ? random() < 0.92 : random() < (village ? 0.3 : 0.6);
    const safeEstate = plan ? random() < 0.85 : random() < (village ? 0.15 : 0.45);
    const openDisorders = plan ? randomInt(random, 0, 2) : village ? randomInt(random, 2, 9) : randomInt(random, 0, 6);
    const allocated = budgets.get(unit.code) ?? 0;
    const spentShare = plan ? 0.35 + random() * 0.45 : 0;
    const population = village ? round(1000 + random() * 3000, 10) : round(4000 + random() * 11000, 10);
    const status: CommunityStatus = {
      code: unit.code,
      name: unit.name,
      level,
      demo: plan !== undefined,
      theme: plan?.theme ?? null,
      facilities,
      facilityAreaM2,
      lightingRate: lightingRate === null ? null : Math.round(lightingRate * 1000) / 1000,
      greenAreaM2,
      police,
      drugFree,
      safeEstate,
      openDisorders,
      budgetAllocatedWan: allocated,
      budgetSpentWan: Math.round(allocated * spentShare * 10) / 10,
      population,
      responsible: plan ? `${unit.street}办事处` : '',
    };
    const { missing: _missing, ...rest } = override;
    const merged = { ...status, ...rest };
    // 马鞍池 has spent little of its money: the one demo below the spending threshold.
    if (unit.name === '马鞍池社区') merged.budgetSpentWan = Math.round(allocated * 0.18 * 10) / 10;
    return merged;
  });
}
