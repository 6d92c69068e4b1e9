/**
 * The case page (issue 20): details, photos, the location on a small map, the timeline of every
 * event (actor, time, note, unit, deadline) and the transitions the signed-in role may make (the
 * core's `allowedTransitions`; the server checks again). A refusal (403) or a state that moved
 * meanwhile (409) shows the server's Chinese message and keeps what was typed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { allowedTransitions, CASE_STATE_LABELS, type CaseTransition, type ResponsibleUnit } from '../../core/index.ts';
import type { SupervisionInfo } from '../../api/index.ts';
import type { CasesFlow, TransitionRequest } from '../../app/effects/cases.ts';
import { openCase, selectOpenCase, unitKey, type CaseItem } from '../../state/cases.ts';
import { dispatchCases, useCases, type CasesStore } from '../../state/cases-store.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { CaseBadge } from './CaseBadge.tsx';
import { CaseMiniMap } from './CaseMiniMap.tsx';
import { EVENT_LABELS, formatDateTime, formatDeadline, TRANSITION_LABELS, unitLabel } from './labels.ts';
import './cases.css';

/** The open case as a dialog (full screen on a phone); nothing when none is open. */
export function CasePage({ store, cases, flow }: { store: AppStore; cases: CasesStore; flow: CasesFlow }) {
  const item = useCases(cases, selectOpenCase);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (item && !dialog.open) dialog.showModal?.();
    if (!item && dialog.open) dialog.close();
  }, [item]);
  return (
    <dialog ref={dialogRef} className="case-page" data-testid="case-page" aria-labelledby="case-title" onClose={() => dispatchCases(cases, openCase, null)}>
      {item && <CaseContent key={item.id} store={store} cases={cases} item={item} flow={flow} onClose={() => dispatchCases(cases, openCase, null)} />}
    </dialog>
  );
}

function CaseContent({ store, cases, item, flow, onClose }: { store: AppStore; cases: CasesStore; item: CaseItem; flow: CasesFlow; onClose: () => void }) {
  const info = useCases(cases, (state) => state.info);
  const geometry = useAppStore(store, (state) => state.data?.dataset.boundaries.features.find((f) => f.id === item.community)?.geometry ?? null);
  const community = item.communityName || item.community;
  return (
    <article className="case-content" data-testid="case-content" data-case={item.id} data-state={item.state} data-colour={item.colour ?? ''}>
      <header className="case-head">
        <h2 id="case-title">
          第 {item.number} 号问题 · {community}
        </h2>
        <button type="button" className="close-button" onClick={onClose} aria-label="关闭问题页">
          ×
        </button>
      </header>
      <p className="case-status-line">
        <span className="case-state-tag" data-testid="case-page-state">
          {CASE_STATE_LABELS[item.state]}
        </span>
        <CaseBadge colour={item.colour} />
        {item.reopenings > 0 && <span className="tag bad">退回整改 {item.reopenings} 次</span>}
      </p>
      <div className="case-layout">
        <dl className="facts case-facts">
          <dt>社区</dt>
          <dd>
            {community}（{item.streetName || item.street}）
          </dd>
          <dt>类别</dt>
          <dd>{item.categoryLabel || item.category}</dd>
          <dt>责任单位</dt>
          <dd data-testid="case-unit">{unitLabel(item.unit, item, info)}</dd>
          {item.referral && (
            <>
              <dt>抄告单</dt>
              <dd data-testid="case-referral">{item.referral}</dd>
            </>
          )}
          <dt>整改期限</dt>
          <dd data-testid="case-deadline">{formatDeadline(item.deadline)}</dd>
          <dt>上报时间</dt>
          <dd>{formatDateTime(item.reportedAt)}</dd>
          {item.closedAt && (
            <>
              <dt>销号时间</dt>
              <dd>{formatDateTime(item.closedAt)}</dd>
            </>
          )}
          <dt>问题描述</dt>
          <dd className="case-note">{item.note || '（无）'}</dd>
        </dl>
        <CaseMiniMap geometry={geometry} lon={item.lon} lat={item.lat} colour={item.colour} label={`问题位置：${community}`} />
      </div>
      {item.photos.length > 0 && <Photos ids={item.photos} flow={flow} label="现场照片" />}
      {item.referral && (
        <p>
          <a href={flow.referralUrl(item.id)} target="_blank" rel="noopener" data-testid="case-referral-pdf">
            打印抄告单（PDF，一式三份）
          </a>
        </p>
      )}
      <Transitions store={store} item={item} flow={flow} info={info} />
      <Timeline item={item} info={info} flow={flow} />
    </article>
  );
}

function Photos({ ids, flow, label }: { ids: readonly string[]; flow: CasesFlow; label: string }) {
  return (
    <ul className="case-photos" aria-label={label}>
      {ids.map((id) => (
        <li key={id}>
          <a href={flow.photoUrl(id)} target="_blank" rel="noopener">
            <img src={flow.photoUrl(id)} alt={label} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}

function Timeline({ item, info, flow }: { item: CaseItem; info: SupervisionInfo | null; flow: CasesFlow }) {
  return (
    <section aria-labelledby="timeline-title">
      <h3 id="timeline-title">处理经过</h3>
      <ol className="case-timeline" data-testid="case-timeline">
        {item.history.map((event, index) => (
          <li key={index} data-testid="case-event" data-transition={event.transition} data-to={event.to}>
            <p className="event-head">
              <strong>{EVENT_LABELS[event.transition]}</strong>
              {EVENT_LABELS[event.transition] !== CASE_STATE_LABELS[event.to] && ` → ${CASE_STATE_LABELS[event.to]}`}
              <span className="muted">
                {' '}
                · {event.actor} · <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              </span>
            </p>
            {event.unit && <p className="muted">责任单位：{unitLabel(event.unit, item, info)}</p>}
            {event.deadline && <p className="muted">整改期限：{formatDeadline(event.deadline)}</p>}
            {event.note && <p className="event-note">{event.note}</p>}
            {event.photos && event.photos.length > 0 && <Photos ids={event.photos} flow={flow} label="整改照片" />}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The buttons of the transitions the user's role may make now, with a note (and the unit and deadline of a 交办, the proof of a 反馈). */
function Transitions({ store, item, flow, info }: { store: AppStore; item: CaseItem; flow: CasesFlow; info: SupervisionInfo | null }) {
  const me = useAppStore(store, (state) => state.server.me);
  const [note, setNote] = useState('');
  const [unit, setUnit] = useState(unitKey(item.unit));
  const [deadline, setDeadline] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState<CaseTransition | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const allowed = me ? allowedTransitions(item, { username: me.username, role: me.role, scope: me.scope }) : [];
  if (!me) return null;
  // Without a step to make, the form stays while it holds a note or an answer (nothing typed is lost).
  if (allowed.length === 0 && note === '' && message === null)
    return (
      <p className="muted" data-testid="case-no-transitions">
        您的角色在此状态下无需操作。
      </p>
    );

  const units: ResponsibleUnit[] = [{ kind: 'street', id: item.street }, ...(info?.departments ?? []).map((department) => ({ kind: 'department' as const, id: department.id }))];
  if (!units.some((u) => unitKey(u) === unitKey(item.unit))) units.unshift(item.unit);

  const send = async (to: CaseTransition) => {
    setBusy(to);
    setMessage(null);
    const request: TransitionRequest = { to, note: note.trim() };
    if (to === 'assigned') {
      request.unit = units.find((u) => unitKey(u) === unit) ?? item.unit;
      if (deadline) request.deadline = deadline;
    }
    if (to === 'fixed' && photos.length > 0) {
      try {
        request.photos = await Promise.all(photos.map((photo) => flow.preparePhoto(photo)));
      } catch {
        setBusy(null);
        setMessage({ error: true, text: '照片无法读取：请选择 JPEG、PNG 或 WebP 图片' });
        return;
      }
    }
    const answer = await flow.transition(item.id, request);
    setBusy(null);
    if (answer.ok) {
      setNote('');
      setPhotos([]);
      setMessage({ error: false, text: `已${TRANSITION_LABELS[to]}：现为「${CASE_STATE_LABELS[answer.value.state]}」` });
    } else setMessage({ error: true, text: answer.error.message });
  };
  const submit = (event: FormEvent) => event.preventDefault();

  return (
    <form className="case-transitions" data-testid="case-transitions" onSubmit={submit} aria-label="办理">
      <h3>办理</h3>
      <label className="field-block">
        说明
        <textarea name="note" rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} data-testid="transition-note" placeholder="办理意见、整改情况或复查结论" />
      </label>
      {allowed.includes('assigned') && (
        <div className="case-assign">
          <label>
            交办给
            <select value={unit} onChange={(event) => setUnit(event.target.value)} data-testid="transition-unit">
              {units.map((u) => (
                <option key={unitKey(u)} value={unitKey(u)}>
                  {unitLabel(u, item, info)}
                </option>
              ))}
            </select>
          </label>
          <label>
            整改期限（不填按工作日规则）
            <input type="date" value={deadline} onChange={(event) => setDeadline(event.target.value)} data-testid="transition-deadline" />
          </label>
        </div>
      )}
      {allowed.includes('fixed') && (
        <label className="field-block">
          整改照片（证明材料）
          <input type="file" accept="image/*" multiple onChange={(event) => setPhotos([...(event.target.files ?? [])])} data-testid="transition-photos" />
        </label>
      )}
      {allowed.length === 0 && message?.error && <p className="muted">此问题已变化，您在当前状态下无可办理的操作。</p>}
      <div className="button-row">
        {allowed.map((to) => (
          <button key={to} type="button" className={to === 'reopened' ? 'danger' : ''} disabled={busy !== null} onClick={() => void send(to)} data-testid={`transition-${to}`}>
            {TRANSITION_LABELS[to]}
          </button>
        ))}
      </div>
      {message && (
        <p className={message.error ? 'form-error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="transition-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
