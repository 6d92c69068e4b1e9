import { useEffect, useRef, useState } from 'react';
import type { SupervisionInfo } from '../../api/index.ts';
import type { OutboxPhoto } from '../../app/effects/outbox.ts';
import type { ProblemDraft } from './form.ts';
import type { CommunityPlace } from './geo.ts';
import { POINT_SOURCE_LABELS } from './labels.ts';
import { PhotoThumb } from './PhotoThumb.tsx';
import { TextArea } from './TextArea.tsx';
import type { InspectOutbox } from './use-outbox.ts';

interface ProblemCardProps {
  index: number;
  problem: ProblemDraft;
  outbox: InspectOutbox;
  photo: OutboxPhoto | null;
  categories: SupervisionInfo['categories'];
  place: CommunityPlace | null;
  editable: boolean;
  onChange: (change: Partial<ProblemDraft>) => void;
  onRemove: () => void;
  onPhoto: (files: FileList | null) => void;
}

/** One problem: category (the campaign's routing table), note, photo and its point on the map. */
export function ProblemCard({ index, problem, outbox, photo, categories, place, editable, onChange, onRemove, onPhoto }: ProblemCardProps) {
  const [mapOpen, setMapOpen] = useState(false);
  return (
    <div className="inspect-problem" data-testid="problem" data-category={problem.category} data-source={problem.source}>
      <div className="inspect-problem-head">
        <strong>问题 {index + 1}</strong>
        {editable && (
          <button type="button" className="inspect-link" onClick={onRemove}>
            删除
          </button>
        )}
      </div>
      <label>
        类别
        <select value={problem.category} data-testid="problem-category" onChange={(event) => onChange({ category: event.target.value })}>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        说明
        <TextArea rows={2} value={problem.note} testId="problem-note" onValue={(note) => onChange({ note })} placeholder="问题描述、具体位置" />
      </label>
      <div className="inspect-photos">
        {photo && <PhotoThumb outbox={outbox} photo={photo} onRemove={undefined} />}
        <label className="inspect-file">
          {photo ? '换一张照片' : '拍照'}
          <input type="file" accept="image/*" capture="environment" data-testid="problem-photo" onChange={(event) => onPhoto(event.target.files)} />
        </label>
      </div>
      <p className="inspect-point" data-testid="problem-point" data-lon={problem.point?.[0] ?? ''} data-lat={problem.point?.[1] ?? ''}>
        位置：{POINT_SOURCE_LABELS[problem.source]}
        {problem.point && (
          <span className="muted">
            {' '}
            {problem.point[1].toFixed(5)}, {problem.point[0].toFixed(5)}
          </span>
        )}
      </p>
      {place && editable && (
        <button type="button" className="inspect-secondary" onClick={() => setMapOpen(!mapOpen)} aria-expanded={mapOpen}>
          {mapOpen ? '收起地图' : '在地图上调整位置'}
        </button>
      )}
      {mapOpen && place && <PointMap place={place} point={problem.point ?? place.centre} onChange={(point) => onChange({ point, source: 'map' })} />}
    </div>
  );
}

/** The map (maplibre, loaded on first use) with the community's outline and a draggable marker. */
function PointMap({ place, point, onChange }: { place: CommunityPlace; point: [number, number]; onChange: (point: [number, number]) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The map is made once per opening; later points come from the map itself.
  const initial = useRef({ point, onChange });
  initial.current.onChange = onChange;
  useEffect(() => {
    let picker: { destroy(): void } | null = null;
    let live = true;
    import('../../map/point-picker.ts')
      .then(({ createPointPicker }) => {
        if (!live || !container.current) return;
        picker = createPointPicker(container.current, { outline: place.geometry, point: initial.current.point, onChange: (next) => initial.current.onChange(next) });
      })
      .catch((error: unknown) => setFailure(`地图无法加载：${error instanceof Error ? error.message : String(error)}`));
    return () => {
      live = false;
      picker?.destroy();
    };
  }, [place]);
  return failure ? (
    <p className="inspect-failure">{failure}</p>
  ) : (
    <div className="inspect-map" ref={container} data-testid="point-map" role="application" aria-label="拖动标记或点按地图选定问题位置" />
  );
}
