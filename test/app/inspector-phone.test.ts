import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { openOutbox, type OutboxEntry, type OutboxStorage } from '../../src/app/effects/outbox.ts';
import type { Fetch } from '../../src/app/effects/server-api.ts';
import type { StatusRow } from '../../src/api/index.ts';
import { defaultCampaignConfig, inspectionOutcome, supervisionRecordOf } from '../../src/core/index.ts';
import { areaFromText, inspectionBody, itemsFromStatus, previewRubric, rateFromPercent, type InspectionForm } from '../../src/ui/inspect/form.ts';
import { defaultPoint, placesOf } from '../../src/ui/inspect/geo.ts';
import { fittedSize, readPhotoExif } from '../../src/ui/inspect/photos.ts';
import { blobToDataUrl, inspectionSender } from '../../src/ui/inspect/send-inspection.ts';

const PHOTO = readFileSync(new URL('../fixtures/photos/exif-photo.jpg', import.meta.url));

const row: StatusRow = {
  code: 'C1',
  name: '鼓楼社区',
  level: 'city',
  demo: true,
  theme: null,
  facilities: { managementOffice: true, partyOffice: true, policeRoom: true, readingRoom: false, cultureRoom: true, serviceStation: true, medicalStation: false, familyPlanningStation: true, publicityBoard: true, newspaperBoard: true, citizenSchool: false, outdoorGround: true },
  facilityAreaM2: 420,
  lightingRate: 0.8,
  greenAreaM2: null,
  police: 'one',
  drugFree: true,
  safeEstate: false,
  openDisorders: 3,
  budgetAllocatedWan: 10,
  budgetSpentWan: 4,
  population: 5000,
  responsible: '',
  version: 4,
};

const form = (changes: Partial<InspectionForm> = {}): InspectionForm => ({
  communityName: '鼓楼社区',
  streetName: '五马街道',
  date: '2026-12-02',
  kind: 'weekly',
  roundId: 'r1',
  items: itemsFromStatus(row),
  note: '',
  photos: [],
  problems: [],
  ...changes,
});

const entry = (body: InspectionForm, extra: Partial<OutboxEntry<InspectionForm>> = {}): OutboxEntry<InspectionForm> => ({
  clientId: 'e1',
  campaign: 'lucheng',
  community: 'C1',
  baseVersion: 4,
  body,
  photos: [],
  state: 'queued',
  createdAt: '2026-12-02T01:00:00.000Z',
  updatedAt: '2026-12-02T01:00:00.000Z',
  submittedAt: '2026-12-02T01:00:00.000Z',
  sentAt: null,
  attempts: 0,
  retryAt: null,
  error: null,
  current: null,
  result: null,
  ...extra,
});

describe('the inspection form', () => {
  test('previewRubric() is the core\'s inspectionOutcome rubric for the form, its problems counted as found', () => {
    const changed = form({ items: { ...itemsFromStatus(row), openDisorders: 0, safeEstate: true }, problems: [{ id: 'p', category: 'stall', note: '', photo: null, point: null, source: 'centre' }] });
    const config = defaultCampaignConfig();
    const history = [{ id: 1, code: 'C1', date: '2026-11-20', kind: 'weekly' as const, score: 70, problemsFound: 2, problemsRectified: 1, note: '', version: 1, createdBy: 'x' }];
    const { version: _version, ...status } = row;
    const expected = inspectionOutcome(status, { code: 'C1', name: '鼓楼社区', date: '2026-12-02', kind: 'weekly', items: changed.items, note: '', problemsFound: 1, problemsRectified: 0 }, supervisionRecordOf(history, 'C1'), config).rubric;
    expect(previewRubric(changed, 'C1', row, history, config)).toEqual(expected);
    // Fewer open disorders and a safe estate raise the score over the recorded row.
    expect(expected.score!).toBeGreaterThan(previewRubric(form({ problems: changed.problems }), 'C1', row, history, config).score!);
  });

  test('inspectionBody() sends every item, the client id, problems with their points and photos as data URLs with their EXIF fields', () => {
    const body = inspectionBody(
      entry(form({ note: '整体良好', photos: ['a'], problems: [{ id: 'p', category: 'dumping', note: '楼道堆物', photo: 'b', point: [120.66, 28.02], source: 'gps' }] }), {
        photos: [
          { id: 'a', type: 'image/jpeg', width: 10, height: 10, size: 3, takenAt: '2026-12-02T01:30:00.000Z', lon: 120.66, lat: 28.02 },
          { id: 'b', type: 'image/jpeg', width: 10, height: 10, size: 3, takenAt: null, lon: null, lat: null },
        ],
      }),
      new Map([
        ['a', 'data:image/jpeg;base64,AAAA'],
        ['b', 'data:image/jpeg;base64,BBBB'],
      ]),
    );
    expect(body).toEqual({
      community: 'C1',
      date: '2026-12-02',
      kind: 'weekly',
      roundId: 'r1',
      items: itemsFromStatus(row),
      note: '整体良好',
      photos: [{ dataUrl: 'data:image/jpeg;base64,AAAA', takenAt: '2026-12-02T01:30:00.000Z', lon: 120.66, lat: 28.02 }],
      problems: [{ category: 'dumping', note: '楼道堆物', lon: 120.66, lat: 28.02, photos: [{ dataUrl: 'data:image/jpeg;base64,BBBB', takenAt: null, lon: null, lat: null }] }],
      clientId: 'e1',
    });
  });

  test('rateFromPercent() and areaFromText() read what is typed, empty as unknown and nonsense as invalid', () => {
    expect(rateFromPercent('85.5')).toBe(0.855);
    expect(rateFromPercent('')).toBeNull();
    expect(rateFromPercent('120')).toBeUndefined();
    expect(rateFromPercent('abc')).toBeUndefined();
    expect(areaFromText('420')).toBe(420);
    expect(areaFromText('-1')).toBeUndefined();
  });
});

describe('photos', () => {
  test('readPhotoExif() reads the fixture\'s DateTimeOriginal and GPS position', async () => {
    const exif = await readPhotoExif(new Uint8Array(PHOTO));
    expect(exif.lat).toBeCloseTo(28.025675, 6);
    expect(exif.lon).toBeCloseTo(120.660441, 6);
    expect(exif.takenAt).toMatch(/^2026-12-0[12]T\d\d:30:00\.000Z$/);
  });

  test('readPhotoExif() gives nulls for a file without EXIF', async () => {
    await expect(readPhotoExif(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).resolves.toEqual({ takenAt: null, lon: null, lat: null });
  });

  test('fittedSize() keeps the aspect, bounds the long edge and never enlarges', () => {
    expect(fittedSize(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fittedSize(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fittedSize(800, 600, 1600)).toEqual({ width: 800, height: 600 });
  });
});

describe('the default problem point', () => {
  const square = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'C1' }, geometry: { type: 'Polygon', coordinates: [[[120, 28], [120.01, 28], [120.01, 28.01], [120, 28.01], [120, 28]]] } }] };
  test('defaultPoint() is the phone\'s position inside the community, else the community\'s centre', () => {
    const place = placesOf(square).get('C1')!;
    expect(defaultPoint(place, [120.002, 28.003])).toEqual({ point: [120.002, 28.003], source: 'gps' });
    expect(defaultPoint(place, [121, 28.003])).toEqual({ point: place.centre, source: 'centre' });
    expect(defaultPoint(place, null).source).toBe('centre');
    expect(place.centre[0]).toBeCloseTo(120.005, 3);
    expect(place.centre[1]).toBeCloseTo(28.005, 3);
  });
});

/** A fake campaign server for the sender: the row's version, and the inspections posted. */
function fakeServer(version: number) {
  const posted: unknown[] = [];
  const fetch: Fetch = async (url, init) => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (init?.method === 'GET' && url === '/api/campaigns/lucheng/communities/C1') return json(200, { ...row, version });
    if (init?.method === 'POST' && url === '/api/campaigns/lucheng/inspections') {
      posted.push(JSON.parse(init.body!));
      return json(201, { inspection: { id: 'i1' }, cases: [{ id: 'k1', number: 1 }] });
    }
    return json(404, { code: 'E_NOT_FOUND', message: url });
  };
  return { fetch, posted };
}

function memoryStorage(): OutboxStorage {
  const rows = new Map<string, OutboxEntry>();
  const photos = new Map<string, Blob>();
  return {
    entries: async () => [...rows.values()],
    put: async (value) => void rows.set(value.clientId, structuredClone(value)),
    remove: async (id) => void rows.delete(id),
    putPhoto: async (id, bytes) => void photos.set(id, bytes),
    photo: async (id) => photos.get(id) ?? null,
    removePhoto: async (id) => void photos.delete(id),
  };
}

const environment = { online: () => true, onOnline: () => () => {}, now: () => Date.parse('2026-12-02T02:00:00Z'), setTimer: () => () => {}, random: () => 0.5 };

describe('inspectionSender()', () => {
  test('an inspection made on the current version is posted with its photo as a data URL and accepted', async () => {
    const server = fakeServer(4);
    const outbox = await openOutbox<InspectionForm>({ storage: memoryStorage(), send: inspectionSender(server.fetch), environment });
    await outbox.putPhoto('a', new Blob([PHOTO], { type: 'image/jpeg' }));
    const photo = { id: 'a', type: 'image/jpeg', width: 640, height: 480, size: PHOTO.length, takenAt: '2026-12-02T01:30:00.000Z', lon: 120.660441, lat: 28.025675 };
    await outbox.saveDraft({ clientId: 'e1', campaign: 'lucheng', community: 'C1', baseVersion: 4, body: form({ photos: ['a'] }), photos: [photo] });
    await outbox.submit('e1');
    expect(outbox.entries()[0]).toMatchObject({ state: 'sent', result: { cases: [{ id: 'k1' }] } });
    const body = server.posted[0] as { photos: { dataUrl: string; lat: number }[]; clientId: string };
    expect(body.clientId).toBe('e1');
    expect(body.photos[0]!.dataUrl).toBe(await blobToDataUrl(new Blob([PHOTO]), 'image/jpeg'));
    expect(body.photos[0]!.dataUrl.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
    expect(body.photos[0]!.lat).toBe(28.025675);
  });

  test('an inspection whose community changed meanwhile is held for review with the current row, not posted', async () => {
    const server = fakeServer(6);
    const outbox = await openOutbox<InspectionForm>({ storage: memoryStorage(), send: inspectionSender(server.fetch), environment });
    await outbox.saveDraft({ clientId: 'e1', campaign: 'lucheng', community: 'C1', baseVersion: 4, body: form(), photos: [] });
    await outbox.submit('e1');
    expect(outbox.entries()[0]).toMatchObject({ state: 'conflict', error: { status: 409, code: 'E_CHANGED' }, current: { version: 6 } });
    expect(server.posted).toEqual([]);
    await outbox.resubmitOnCurrent('e1');
    expect(outbox.entries()[0]).toMatchObject({ state: 'sent', baseVersion: 6 });
    expect(server.posted).toHaveLength(1);
  });
});
