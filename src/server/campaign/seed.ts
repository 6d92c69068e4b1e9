/**
 * Seeding a fresh database: the Lucheng demo campaign (id `lucheng`, public-read) from
 * data/lucheng through the core's parsers, and the `admin` account (LIANPIAN_ADMIN_PASSWORD,
 * else a random password returned so that the caller prints it once).
 */
import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { parseCampaignConfig, parseInspections, parseStatusTable } from '../../core/index.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import type { Db } from '../db/connection.ts';
import * as q from '../db/queries.ts';
import { seedSupervision } from './supervision-seed.ts';
import { seedWorks, unitUsername } from './works-seed.ts';
import { seedFeatures } from './features-seed.ts';
import { listProjects } from './works-store.ts';
import { campaignWorksSettings } from '../../core/index.ts';

const LUCHENG_DIR = new URL('../../../data/lucheng/', import.meta.url);
const SEEDER = 'system';

/** Seeds what is missing: the Lucheng campaign and the admin. Returns the admin's password when it was generated now. */
export async function seed(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<{ generatedAdminPassword: string | null; seededCampaign: boolean }> {
  const seededCampaign = !(await q.getCampaign(db, 'lucheng'));
  if (seededCampaign) await seedLucheng(db);
  let generatedAdminPassword: string | null = null;
  if (!(await q.findUser(db, 'admin'))) {
    const password = env.LIANPIAN_ADMIN_PASSWORD || randomPassword();
    if (!env.LIANPIAN_ADMIN_PASSWORD) generatedAdminPassword = password;
    await db.transaction(async (tx) => {
      const admin = await q.insertUser(tx, { username: 'admin', passwordHash: await hashPassword(password), role: 'admin', scope: [] });
      await q.appendAudit(tx, { campaignId: null, actor: SEEDER, action: 'user.create', entity: 'user:admin', before: null, after: admin && q.publicUser(admin) });
      // The reviewing units' accounts of the illustrative works data (issue 21), with the admin's password.
      if (seededCampaign) {
        const hash = await hashPassword(password);
        for (const unit of campaignWorksSettings({}).units) {
          const username = unitUsername(unit.id);
          if (await q.findUser(tx, username)) continue;
          const user = await q.insertUser(tx, { username, passwordHash: hash, role: 'department', scope: [unit.id] });
          await q.appendAudit(tx, { campaignId: null, actor: SEEDER, action: 'user.create', entity: `user:${username}`, before: null, after: user && q.publicUser(user) });
        }
      }
    });
  }
  return { generatedAdminPassword, seededCampaign };
}

const read = (name: string) => readFileSync(new URL(name, LUCHENG_DIR), 'utf8');

async function seedLucheng(db: Db): Promise<void> {
  const settingsText = read('campaign.json');
  const config = parseCampaignConfig(settingsText, 'campaign.json');
  const status = parseStatusTable(read('status.csv'), 'status.csv').rows;
  const inspections = parseInspections(read('inspections.csv'), 'inspections.csv').rows;
  await db.transaction(async (tx) => {
    await q.insertCampaign(tx, { id: 'lucheng', title: config.title, publicRead: true, settings: JSON.parse(settingsText) as Record<string, unknown> });
    await q.insertBoundaries(tx, 'lucheng', null, { file: 'communities.geojson', communities: JSON.parse(read('communities.geojson')), streets: JSON.parse(read('streets.geojson')), district: JSON.parse(read('district.geojson')) }, SEEDER);
    await q.insertStatusRows(tx, 'lucheng', status, SEEDER);
    await q.insertInspections(tx, 'lucheng', inspections, SEEDER);
    await q.insertPlan(tx, 'lucheng', null, SEEDER);
    const supervision = await seedSupervision(tx, 'lucheng', read('supervision.json'), SEEDER);
    type Outline = { properties: { code: string; name: string; streetCode?: string }; geometry: Polygon | MultiPolygon };
    const streetFeatures = (JSON.parse(read('streets.geojson')) as { features: Outline[] }).features;
    const communityFeatures = (JSON.parse(read('communities.geojson')) as { features: Outline[] }).features;
    const streets = streetFeatures.map((feature) => ({ code: feature.properties.code, name: feature.properties.name }));
    const streetOf = new Map(communityFeatures.map((feature) => [feature.properties.code, feature.properties.streetCode ?? '']));
    const demo = status.filter((row) => row.demo && streetOf.has(row.code)).map((row) => ({ code: row.code, name: row.name, street: streetOf.get(row.code)! }));
    const works = await seedWorks(tx, 'lucheng', { settings: JSON.parse(settingsText) as Record<string, unknown>, streets, demo, departments: config.supervision.departments.map((item) => ({ id: item.id, name: item.name })) });
    const outline = (feature: Outline) => ({ code: feature.properties.code, name: feature.properties.name, geometry: feature.geometry });
    const features = await seedFeatures(
      tx,
      'lucheng',
      { communities: communityFeatures.map(outline), streets: streetFeatures.map(outline), demo: demo.map((item) => item.code), projects: await listProjects(tx, 'lucheng') },
      SEEDER,
      '2002-05-01T02:00:00.000Z',
    );
    await q.appendAudit(tx, { campaignId: 'lucheng', actor: SEEDER, action: 'campaign.seed', entity: 'campaign:lucheng', before: null, after: { status: status.length, inspections: inspections.length, ...supervision, works: { ...works, features } } });
  });
}
