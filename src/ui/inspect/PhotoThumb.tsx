import type { OutboxPhoto } from '../../app/effects/outbox.ts';
import { usePhotoUrl, type InspectOutbox } from './use-outbox.ts';

/** A stored photo's thumbnail with what its EXIF said (time, position). */
export function PhotoThumb({ outbox, photo, onRemove }: { outbox: InspectOutbox; photo: OutboxPhoto | null; onRemove?: (() => void) | undefined }) {
  const url = usePhotoUrl(outbox, photo?.id ?? null);
  if (!photo) return null;
  const taken = photo.takenAt ? new Date(photo.takenAt).toLocaleString('zh-CN', { hour12: false }) : '无拍摄时间';
  const where = photo.lat !== null && photo.lon !== null ? `${photo.lat.toFixed(5)}, ${photo.lon.toFixed(5)}` : '无位置信息';
  return (
    <figure className="inspect-thumb" data-testid="photo" data-taken-at={photo.takenAt ?? ''} data-lat={photo.lat ?? ''} data-lon={photo.lon ?? ''}>
      {url ? <img src={url} alt="现场照片" width={photo.width} height={photo.height} /> : <span className="muted">照片</span>}
      <figcaption>
        {taken}
        <br />
        {where}
      </figcaption>
      {onRemove && (
        <button type="button" className="inspect-remove" onClick={onRemove} aria-label="删除照片">
          ×
        </button>
      )}
    </figure>
  );
}
