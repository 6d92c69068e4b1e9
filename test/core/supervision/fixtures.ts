/** Shared fixtures for the supervision rules: Lucheng's settings, a case, actors and arbitraries. */
import fc from 'fast-check';
import { defaultCampaignConfig, reportCase, type CaseRecord, type SupervisionActor, type SupervisionSettings } from '../../../src/core/index.ts';

export const settings: SupervisionSettings = defaultCampaignConfig().supervision;

export const COMMUNITY = '330302006044';
export const STREET = '330302006';

export const admin: SupervisionActor = { username: 'admin', role: 'admin', scope: [] };
export const street: SupervisionActor = { username: 'wuma', role: 'street', scope: [STREET] };
export const otherStreet: SupervisionActor = { username: 'nanhui', role: 'street', scope: ['330302007'] };
export const inspector: SupervisionActor = { username: 'insp', role: 'inspector', scope: [STREET] };
export const farInspector: SupervisionActor = { username: 'far', role: 'inspector', scope: ['330302999'] };
export const department: SupervisionActor = { username: 'cg', role: 'department', scope: ['chengguan'] };
export const leader: SupervisionActor = { username: 'lead', role: 'leader', scope: [] };
export const instructor: SupervisionActor = { username: 'ins', role: 'instructor', scope: [COMMUNITY] };

/** A freshly reported case of `category` (stall → the street; building → 市城管执法局). */
export function reported(category = 'stall', at = new Date('2002-03-04T02:00:00Z')): CaseRecord {
  return reportCase({ id: '1', number: 1, community: COMMUNITY, street: STREET, category, note: '路口乱设摊', lon: 120.65, lat: 28.01, photos: [], inspectionId: null, roundId: null }, 'insp', at, settings);
}

/** ISO days from 2002-01-01 to 2003-12-31. */
export const isoDayArb = fc.integer({ min: 0, max: 729 }).map((offset) => new Date(Date.UTC(2002, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
