/**
 * How an inspection leaves the outbox: the community's row is read first, and when its version
 * is no longer the one the form was made on (someone changed the community meanwhile) the entry
 * is answered as a 409 with the current row and shown for review instead of overwriting that
 * change (the inspection body carries no version, so the server cannot tell). A retry after a
 * send whose answer was lost skips the check — the first send may have changed the row itself —
 * and relies on the client id, which the server answers once. Then the photos are read from
 * IndexedDB as data URLs and the body is posted.
 */
import type { StatusRow } from '../../api/index.ts';
import type { SendEntry } from '../../app/effects/outbox.ts';
import { callApi, campaignPath, type Fetch } from '../../app/effects/server-api.ts';
import { inspectionBody, type InspectionForm } from './form.ts';

/** A blob as a base64 data URL (chunked, so a large photo does not overflow the argument list). */
export async function blobToDataUrl(blob: Blob, type = blob.type || 'image/jpeg'): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

/** The outbox's sender for inspections. */
export function inspectionSender(fetch: Fetch): SendEntry<InspectionForm> {
  return async (entry, photo) => {
    const base = campaignPath(entry.campaign);
    if (entry.baseVersion !== null && entry.attempts === 0) {
      const row = await callApi<StatusRow>(fetch, 'GET', `${base}/communities/${encodeURIComponent(entry.community)}`);
      if (!row.ok && row.status !== 404) return row;
      if (row.ok && row.value.version !== entry.baseVersion) {
        return { ok: false, status: 409, error: { code: 'E_CHANGED', message: `${entry.body.communityName}的数据在您填写期间已被修改（版本 ${entry.baseVersion} → ${row.value.version}）：请核对后再提交`, current: row.value } };
      }
    }
    const dataUrls = new Map<string, string>();
    for (const described of entry.photos) {
      const bytes = await photo(described.id);
      if (bytes) dataUrls.set(described.id, await blobToDataUrl(bytes, described.type));
    }
    return callApi(fetch, 'POST', `${base}/inspections`, inspectionBody(entry, dataUrls));
  };
}
