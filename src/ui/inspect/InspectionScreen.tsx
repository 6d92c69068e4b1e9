import { useRef, useState, type ChangeEvent } from 'react';
import { FACILITY_GROUP_LABELS, FACILITY_ITEMS, POLICE_MODEL_LABELS, ROUND_KIND_LABELS, type PoliceModel } from '../../core/index.ts';
import type { OutboxEntry, OutboxPhoto } from '../../app/effects/outbox.ts';
import type { InspectData } from './data.ts';
import { areaFromText, percentText, previewRubric, rateFromPercent, type FormItems, type InspectionForm, type ProblemDraft } from './form.ts';
import { defaultPoint, type LonLat } from './geo.ts';
import { ENTRY_STATE_LABELS } from './labels.ts';
import { preparePhoto } from './photos.ts';
import { PhotoThumb } from './PhotoThumb.tsx';
import { ProblemCard } from './ProblemCard.tsx';
import { TextArea } from './TextArea.tsx';
import type { InspectOutbox } from './use-outbox.ts';

const POLICE_MODELS: PoliceModel[] = ['one', 'two', 'none'];
/** How long the form waits for the phone's position when a problem is added, in ms. */
const POSITION_TIMEOUT_MS = 6_000;

/** The phone's position, or null (denied, unavailable or too slow). */
function phonePosition(): Promise<LonLat | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (position) => resolve([position.coords.longitude, position.coords.latitude]),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: POSITION_TIMEOUT_MS, maximumAge: 60_000 },
    );
  });
}

/** The inspection form of one community: every change is stored in the outbox at once. */
export function InspectionScreen({ outbox, entry, data, onDone }: { outbox: InspectOutbox; entry: OutboxEntry<InspectionForm>; data: InspectData; onDone: (next: 'rounds' | 'outbox') => void }) {
  const form = entry.body;
  const editable = entry.state === 'draft';
  const row = data.status.get(entry.community) ?? null;
  const place = data.places.get(entry.community) ?? null;
  const rubric = previewRubric(form, entry.community, row, data.history, data.config);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Saves run one after another, each on the newest stored entry (photos resize while the inspector types).
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const save = (change: (form: InspectionForm, photos: OutboxPhoto[]) => { form: InspectionForm; photos?: OutboxPhoto[] }) => {
    const run = chain.current.then(async () => {
      const latest = outbox.entries().find((candidate) => candidate.clientId === entry.clientId);
      if (!latest) return;
      const next = change(latest.body, latest.photos);
      await outbox.saveDraft({ clientId: latest.clientId, campaign: latest.campaign, community: latest.community, baseVersion: latest.baseVersion, body: next.form, photos: next.photos ?? latest.photos });
    });
    // A failed save is shown and does not stop the ones after it.
    chain.current = run.catch((failure: unknown) => setError(`未能保存到本机：${failure instanceof Error ? failure.message : String(failure)}`));
    return chain.current;
  };
  const setItems = (change: Partial<FormItems>) => void save((current) => ({ form: { ...current, items: { ...current.items, ...change } } }));

  const addPhotos = async (files: FileList | null, attach: (form: InspectionForm, id: string) => InspectionForm) => {
    if (!files || files.length === 0) return;
    setBusy('正在处理照片…');
    setError(null);
    try {
      for (const file of Array.from(files)) {
        const { blob, photo } = await preparePhoto(file, crypto.randomUUID());
        await outbox.putPhoto(photo.id, blob);
        await save((current, photos) => ({ form: attach(current, photo.id), photos: [...photos, photo] }));
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };
  const removePhoto = (id: string) =>
    void save((current, photos) => ({
      form: { ...current, photos: current.photos.filter((kept) => kept !== id), problems: current.problems.map((problem) => (problem.photo === id ? { ...problem, photo: null } : problem)) },
      photos: photos.filter((photo) => photo.id !== id),
    }));

  const addProblem = async () => {
    setBusy('正在获取位置…');
    const phone = await phonePosition();
    setBusy(null);
    const placed = place ? defaultPoint(place, phone) : { point: null, source: 'centre' as const };
    const problem: ProblemDraft = { id: crypto.randomUUID(), category: data.info.categories[0]?.id ?? 'other', note: '', photo: null, point: placed.point, source: placed.source };
    await save((current) => ({ form: { ...current, problems: [...current.problems, problem] } }));
  };
  const updateProblem = (id: string, change: Partial<ProblemDraft>) => void save((current) => ({ form: { ...current, problems: current.problems.map((problem) => (problem.id === id ? { ...problem, ...change } : problem)) } }));
  const removeProblem = (id: string) =>
    void save((current, photos) => {
      const photo = current.problems.find((problem) => problem.id === id)?.photo ?? null;
      return { form: { ...current, problems: current.problems.filter((problem) => problem.id !== id) }, photos: photos.filter((kept) => kept.id !== photo) };
    });

  const submit = async () => {
    await chain.current;
    await outbox.submit(entry.clientId);
    onDone('rounds');
  };
  const reopen = () => void save((current) => ({ form: current }));

  return (
    <main className="inspect-form" data-testid="inspection-form" data-code={entry.community} data-state={entry.state} aria-label={`${form.communityName}检查表`}>
      <div className="inspect-form-head">
        <button type="button" className="inspect-back" onClick={() => onDone('rounds')} aria-label="返回今日任务">
          ‹ 返回
        </button>
        <h2>
          {form.communityName}
          <small>
            {form.streetName} · {ROUND_KIND_LABELS[form.kind]} · {form.date}
          </small>
        </h2>
        <span className={`badge ${entry.state}`} data-testid="entry-state">
          {ENTRY_STATE_LABELS[entry.state]}
        </span>
      </div>
      {entry.error && (
        <p className="inspect-failure" role="alert">
          {entry.error.message}
        </p>
      )}
      {!editable && (
        <div className="inspect-locked">
          <p>{entry.state === 'sent' ? '已被服务器接收。' : entry.state === 'queued' ? '已提交，联网后自动发送。' : '服务器未接收：请核对后修改或重新提交。'}</p>
          {entry.state !== 'sent' && (
            <button type="button" onClick={reopen}>
              修改
            </button>
          )}
        </div>
      )}

      <section className="inspect-score" aria-label="评分" data-testid="rubric-score" data-score={rubric.score ?? ''}>
        <h3>评分（按评分细则自动计算）</h3>
        <p className="total">
          <strong>{rubric.score ?? '—'}</strong> 分
        </p>
        <ul>
          {rubric.parts.map((part) => (
            <li key={part.key}>
              <span>{part.label}</span>
              <span className="points">
                {part.points ?? '—'} / {part.weight}
              </span>
              <span className="muted">{part.detail}</span>
            </li>
          ))}
        </ul>
      </section>

      <fieldset className="inspect-section" disabled={!editable}>
        <legend>配套设施（五室三站二栏一校一场所）</legend>
        <div className="inspect-toggles">
          {FACILITY_ITEMS.map((item) => (
            <button
              key={item.key}
              type="button"
              className="inspect-toggle"
              aria-pressed={form.items.facilities[item.key]}
              data-testid={`facility-${item.key}`}
              onClick={() => setItems({ facilities: { ...form.items.facilities, [item.key]: !form.items.facilities[item.key] } })}
            >
              <span className="group">{FACILITY_GROUP_LABELS[item.group]}</span>
              {item.label}
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset className="inspect-section" disabled={!editable}>
        <legend>面积与亮灯</legend>
        <NumberField label="配套用房面积（m²）" testId="facility-area" value={form.items.facilityAreaM2 === null ? '' : String(form.items.facilityAreaM2)} parse={areaFromText} onValue={(value) => setItems({ facilityAreaM2: value })} />
        <NumberField label="楼道亮灯率（%）" testId="lighting-rate" value={percentText(form.items.lightingRate)} parse={rateFromPercent} onValue={(value) => setItems({ lightingRate: value })} />
      </fieldset>

      <fieldset className="inspect-section" disabled={!editable}>
        <legend>五乱（乱设摊、乱搭建、乱占道、乱堆放、乱停放）未整改</legend>
        <div className="inspect-stepper">
          <button type="button" aria-label="减少一处" onClick={() => setItems({ openDisorders: Math.max(0, form.items.openDisorders - 1) })} disabled={form.items.openDisorders === 0}>
            −
          </button>
          <output data-testid="open-disorders">{form.items.openDisorders} 处</output>
          <button type="button" aria-label="增加一处" onClick={() => setItems({ openDisorders: form.items.openDisorders + 1 })}>
            +
          </button>
        </div>
      </fieldset>

      <fieldset className="inspect-section" disabled={!editable}>
        <legend>治安</legend>
        <div className="inspect-segments" role="group" aria-label="警务模式">
          {POLICE_MODELS.map((model) => (
            <button key={model} type="button" aria-pressed={form.items.police === model} onClick={() => setItems({ police: model })}>
              {POLICE_MODEL_LABELS[model]}
            </button>
          ))}
        </div>
        <div className="inspect-toggles two">
          <button type="button" className="inspect-toggle" aria-pressed={form.items.drugFree} onClick={() => setItems({ drugFree: !form.items.drugFree })}>
            无毒社区
          </button>
          <button type="button" className="inspect-toggle" aria-pressed={form.items.safeEstate} onClick={() => setItems({ safeEstate: !form.items.safeEstate })}>
            安全小区
          </button>
        </div>
      </fieldset>

      <fieldset className="inspect-section" disabled={!editable}>
        <legend>现场照片</legend>
        <div className="inspect-photos">
          {form.photos.map((id) => (
            <PhotoThumb key={id} outbox={outbox} photo={entry.photos.find((photo) => photo.id === id) ?? null} onRemove={editable ? () => removePhoto(id) : undefined} />
          ))}
        </div>
        <label className="inspect-file">
          拍照或选择照片
          <input type="file" accept="image/*" capture="environment" multiple data-testid="inspection-photo" onChange={(event: ChangeEvent<HTMLInputElement>) => void addPhotos(event.target.files, (current, id) => ({ ...current, photos: [...current.photos, id] })).then(() => (event.target.value = ''))} />
        </label>
      </fieldset>

      <fieldset className="inspect-section" disabled={!editable}>
        <legend>发现的问题（每个问题立一个案件）</legend>
        {form.problems.map((problem, index) => (
          <ProblemCard
            key={problem.id}
            index={index}
            problem={problem}
            outbox={outbox}
            photo={entry.photos.find((photo) => photo.id === problem.photo) ?? null}
            categories={data.info.categories}
            place={place}
            editable={editable}
            onChange={(change) => updateProblem(problem.id, change)}
            onRemove={() => removeProblem(problem.id)}
            onPhoto={(files) => void addPhotos(files, (current, id) => ({ ...current, problems: current.problems.map((candidate) => (candidate.id === problem.id ? { ...candidate, photo: id } : candidate)) }))}
          />
        ))}
        <button type="button" className="inspect-secondary" data-testid="add-problem" onClick={() => void addProblem()}>
          ＋ 添加问题
        </button>
      </fieldset>

      <fieldset className="inspect-section" disabled={!editable}>
        <legend>备注</legend>
        <TextArea value={form.note} testId="inspection-note" placeholder="现场情况、整改要求等" onValue={(note) => void save((current) => ({ form: { ...current, note } }))} />
      </fieldset>

      {(busy || error) && (
        <p className={error ? 'inspect-failure' : 'muted'} role={error ? 'alert' : 'status'}>
          {error ?? busy}
        </p>
      )}
      <div className="inspect-submit-bar">
        <span className="muted" data-testid="draft-saved">
          {editable ? '每次修改都已保存在本机' : ENTRY_STATE_LABELS[entry.state]}
        </span>
        {editable && (
          <button type="button" className="inspect-primary" data-testid="submit-inspection" disabled={busy !== null} onClick={() => void submit()}>
            提交
          </button>
        )}
      </div>
    </main>
  );
}

/** A number typed as text (so "12." can be typed); the form keeps the last valid value. */
function NumberField({ label, value, parse, onValue, testId }: { label: string; value: string; parse: (text: string) => number | null | undefined; onValue: (value: number | null) => void; testId: string }) {
  const [text, setText] = useState(value);
  const invalid = parse(text) === undefined;
  return (
    <label className="inspect-number">
      {label}
      <input
        inputMode="decimal"
        value={text}
        data-testid={testId}
        aria-invalid={invalid}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parse(event.target.value);
          if (parsed !== undefined) onValue(parsed);
        }}
      />
      {invalid && <span className="form-error">请输入有效数字</span>}
    </label>
  );
}

