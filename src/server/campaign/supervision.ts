/**
 * The server's side of the supervision loop (issue 20): its clock (LIANPIAN_NOW), a campaign's
 * supervision settings, names for display, and the API's views of cases and slips. The rules
 * are the core's (src/core/supervision); this file only reads and shapes.
 */
import type { CaseView, ReferralRow } from '../../api/index.ts';
import {
  allowedTransitions,
  caseColour,
  endOfChinaDay,
  parseCampaignConfig,
  referralNumber,
  labelPoint,
  type CampaignConfig,
  type Dataset,
  type CaseRecord,
  type ResponsibleUnit,
  type SupervisionActor,
  type SupervisionSettings,
} from '../../core/index.ts';
import type { CampaignRow, UserRecord } from '../db/queries.ts';
import type { ReferralRecord } from './supervision-store.ts';

/**
 * The server's clock: LIANPIAN_NOW (an ISO date, read at every call, so tests and demos can set
 * it; a bare `YYYY-MM-DD` is 10:00 China time that day) or the wall clock.
 * @throws Error when LIANPIAN_NOW is set but is not a date.
 */
export function serverNow(env: NodeJS.ProcessEnv = process.env): Date {
  const text = env.LIANPIAN_NOW?.trim();
  if (!text) return new Date();
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T10:00:00+08:00` : text);
  if (Number.isNaN(ms)) throw new Error(`LIANPIAN_NOW 不是 ISO 日期：${text}`);
  return new Date(ms);
}

/**
 * The instant the served documents read the cases at: the end of the server's day, China time.
 * The cases' colours count days, so this is "today" for them; every step a case has taken so far
 * today is in; and every build of one day serves the same bytes (a model is rebuilt when the day
 * changes).
 */
export function casesClock(now: Date = serverNow()): string {
  return endOfChinaDay(now);
}

const configs = new Map<string, { version: number; config: CampaignConfig }>();

/** The campaign's config (parsed once per settings version). */
export function campaignConfig(campaign: CampaignRow): CampaignConfig {
  const cached = configs.get(campaign.id);
  if (cached && cached.version === campaign.settingsVersion) return cached.config;
  const config = parseCampaignConfig(campaign.settings, 'campaign.json');
  configs.set(campaign.id, { version: campaign.settingsVersion, config });
  return config;
}

/** The campaign's supervision settings. */
export const supervisionSettings = (campaign: CampaignRow): SupervisionSettings => campaignConfig(campaign).supervision;

/** A signed-in user as the core's rules see them. */
export const actorOf = (user: UserRecord): SupervisionActor => ({ username: user.username, role: user.role, scope: user.scope });

/** Names and places of a campaign's communities, streets, categories and departments. */
export interface Names {
  community(code: string): { name: string; street: string; streetName: string } | null;
  streetName(code: string): string;
  category(id: string): string;
  unit(unit: ResponsibleUnit): string;
  /** A point inside the community (its label point), lon/lat; null when it has no geometry. */
  labelPoint(code: string): [number, number] | null;
}

/** What names are read from: a campaign model (src/server/campaign/service.ts) or anything with its dataset. */
export interface NamesSource {
  dataset: Pick<Dataset, 'boundaries' | 'streets' | 'config'>;
}

const namesCache = new WeakMap<NamesSource, Names>();

/** Names from a campaign model (its boundaries) and its settings. */
export function namesOf(model: NamesSource): Names {
  const cached = namesCache.get(model);
  if (cached) return cached;
  const settings = model.dataset.config.supervision;
  const features = new Map(model.dataset.boundaries.features.map((feature) => [feature.id, feature]));
  const streets = new Map<string, string>();
  for (const feature of model.dataset.boundaries.features) if (feature.streetCode && feature.street) streets.set(feature.streetCode, feature.street);
  for (const street of model.dataset.streets) if (!streets.has(street.code)) streets.set(street.code, street.name);
  const points = new Map<string, [number, number] | null>();
  const names: Names = {
    community(code) {
      const feature = features.get(code);
      return feature ? { name: feature.name, street: feature.streetCode, streetName: streets.get(feature.streetCode) ?? feature.street } : null;
    },
    streetName: (code) => streets.get(code) ?? code,
    category: (id) => settings.categories.find((category) => category.id === id)?.label ?? id,
    unit: (unit) => (unit.kind === 'street' ? (streets.get(unit.id) ?? unit.id) : (settings.departments.find((department) => department.id === unit.id)?.name ?? unit.id)),
    labelPoint(code) {
      if (!points.has(code)) {
        const feature = features.get(code);
        const point = feature ? labelPoint(feature.geometry) : undefined;
        points.set(code, point && Number.isFinite(point[0]) ? point : null);
      }
      return points.get(code)!;
    },
  };
  namesCache.set(model, names);
  return names;
}

/** The slip that refers the case to its current department (the latest one), if any. */
export function currentReferral(record: CaseRecord, referrals: readonly ReferralRecord[]): ReferralRecord | null {
  if (record.unit.kind !== 'department') return null;
  let found: ReferralRecord | null = null;
  for (const referral of referrals) if (referral.caseNumber === record.number && referral.department === record.unit.id) found = referral;
  return found;
}

/** A case as the API shows it (colour at `now`; `allowed` for `viewer`, left out without one). */
export function caseView(record: CaseRecord, names: Names, settings: SupervisionSettings, now: Date, referrals: readonly ReferralRecord[], viewer: SupervisionActor | null): CaseView {
  const community = names.community(record.community);
  const referral = currentReferral(record, referrals);
  return {
    ...record,
    communityName: community?.name ?? record.community,
    streetName: names.streetName(record.street),
    categoryLabel: names.category(record.category),
    unitName: names.unit(record.unit),
    colour: caseColour(record, now, settings),
    referral: referral ? referralNumber(referral.serial, referral.year, settings) : null,
    ...(viewer ? { allowed: allowedTransitions(record, viewer) } : {}),
  };
}

/** A slip as the API lists it. */
export function referralRow(referral: ReferralRecord, record: CaseRecord, names: Names, settings: SupervisionSettings, now: Date): ReferralRow {
  return {
    number: referralNumber(referral.serial, referral.year, settings),
    serial: referral.serial,
    year: referral.year,
    caseId: String(record.number),
    caseNumber: record.number,
    department: referral.department,
    departmentName: names.unit({ kind: 'department', id: referral.department }),
    issuedAt: referral.issuedAt,
    state: record.state,
    colour: caseColour(record, now, settings),
    deadline: record.deadline,
  };
}

/** The departments a user answers for (a department account), or null for everyone else (who sees all). */
export function departmentsOf(user: UserRecord | null): readonly string[] | null {
  return user?.role === 'department' ? user.scope : null;
}
