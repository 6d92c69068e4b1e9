/**
 * 检查轮次 (issue 20): the rounds scheduled so far and, for an account that may schedule them (区创建办),
 * a form for a new one: 周查/月查/抽查/暗访, its dates, the communities of a street and the inspectors.
 * The server checks the body, the codes and the accounts (its Chinese message is shown as it says it).
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { RoundBody } from '../../api/index.ts';
import { ROUND_KIND_LABELS, ROUND_KINDS, streetKey, type RoundKind } from '../../core/index.ts';
import type { CasesFlow } from '../../app/effects/cases.ts';
import { useCases, type CasesStore } from '../../state/cases-store.ts';
import { serverAllows } from '../../state/server.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

export function RoundsSection({ store, cases, flow }: { store: AppStore; cases: CasesStore; flow: CasesFlow }) {
  const rounds = useCases(cases, (state) => state.rounds);
  const maySchedule = useAppStore(store, (state) => serverAllows(state.server, 'round.schedule'));
  const latest = useMemo(() => [...rounds].sort((a, b) => (a.start === b.start ? Number(b.id) - Number(a.id) : b.start.localeCompare(a.start))).slice(0, 8), [rounds]);
  if (!maySchedule) return null;
  return (
    <section className="rounds-section" data-testid="rounds-section" aria-labelledby="rounds-title">
      <h3 id="rounds-title">检查轮次</h3>
      {latest.length === 0 ? (
        <p className="muted">尚未安排检查轮次。</p>
      ) : (
        <ol className="round-list" data-testid="round-list">
          {latest.map((round) => (
            <li key={round.id} data-testid="round-row" data-round={round.id}>
              {ROUND_KIND_LABELS[round.kind]} · {round.title} · {round.start === round.end ? round.start : `${round.start} 至 ${round.end}`} · {round.communities.length} 个社区 · 督查员 {round.inspectors.join('、')}
            </li>
          ))}
        </ol>
      )}
      <RoundForm store={store} cases={cases} flow={flow} />
    </section>
  );
}

function RoundForm({ store, cases, flow }: { store: AppStore; cases: CasesStore; flow: CasesFlow }) {
  const features = useAppStore(store, (state) => state.data?.dataset.boundaries.features ?? null);
  const today = useCases(cases, (state) => state.info?.today ?? null);
  const streets = useMemo(() => {
    const byStreet = new Map<string, { name: string; communities: { code: string; name: string }[] }>();
    for (const feature of features ?? []) {
      const key = streetKey(feature);
      const street = byStreet.get(key) ?? { name: feature.street || key, communities: [] };
      street.communities.push({ code: feature.id, name: feature.name });
      byStreet.set(key, street);
    }
    return [...byStreet].map(([code, street]) => ({ code, ...street }));
  }, [features]);
  const [kind, setKind] = useState<RoundKind>('weekly');
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [street, setStreet] = useState('');
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [inspectors, setInspectors] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  const chosen = streets.find((candidate) => candidate.code === street) ?? null;
  const communities = chosen ? chosen.communities.filter((community) => !unticked.has(community.code)).map((community) => community.code) : [];
  const names = inspectors.split(/[\s,，、]+/).filter(Boolean);
  const from = start || today || '';
  const to = end || from;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: RoundBody = { kind, title: title.trim() || `${chosen?.name ?? ''}${ROUND_KIND_LABELS[kind]}`, start: from, end: to, communities, inspectors: names };
    setSending(true);
    const answer = await flow.scheduleRound(body);
    setSending(false);
    if (answer.ok) {
      setMessage({ ok: true, text: `已安排「${answer.value.title}」：${answer.value.communities.length} 个社区，督查员 ${answer.value.inspectors.join('、')}` });
      setTitle('');
    } else setMessage({ ok: false, text: answer.error.message });
  };

  const missing = !from ? '请填写开始日期' : communities.length === 0 ? '请选择街道及其社区' : names.length === 0 ? '请填写督查员账号' : to < from ? '结束日期不能早于开始日期' : null;
  return (
    <form className="round-form" data-testid="round-form" onSubmit={submit} aria-label="安排检查轮次">
      <label>
        类型
        <select value={kind} onChange={(event) => setKind(event.target.value as RoundKind)} data-testid="round-kind">
          {ROUND_KINDS.map((value) => (
            <option key={value} value={value}>
              {ROUND_KIND_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label>
        名称
        <input value={title} onChange={(event) => setTitle(event.target.value)} placeholder={`${chosen?.name ?? '街道'}${ROUND_KIND_LABELS[kind]}`} data-testid="round-title" maxLength={200} />
      </label>
      <label>
        开始
        <input type="date" value={from} onChange={(event) => setStart(event.target.value)} data-testid="round-start" />
      </label>
      <label>
        结束
        <input type="date" value={to} onChange={(event) => setEnd(event.target.value)} data-testid="round-end" />
      </label>
      <label>
        街道
        <select
          value={street}
          onChange={(event) => {
            setStreet(event.target.value);
            setUnticked(new Set());
          }}
          data-testid="round-street"
        >
          <option value="">请选择</option>
          {streets.map((candidate) => (
            <option key={candidate.code} value={candidate.code}>
              {candidate.name}（{candidate.communities.length} 个社区）
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <fieldset className="round-communities" data-testid="round-communities">
          <legend>
            检查社区（已选 {communities.length} / {chosen.communities.length}）
          </legend>
          {chosen.communities.map((community) => (
            <label key={community.code}>
              <input
                type="checkbox"
                checked={!unticked.has(community.code)}
                onChange={(event) => {
                  const next = new Set(unticked);
                  if (event.target.checked) next.delete(community.code);
                  else next.add(community.code);
                  setUnticked(next);
                }}
                data-code={community.code}
              />
              {community.name}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        督查员账号（多个以逗号或空格分隔）
        <input value={inspectors} onChange={(event) => setInspectors(event.target.value)} data-testid="round-inspectors" />
      </label>
      <button type="submit" disabled={sending || missing !== null} data-testid="round-submit" title={missing ?? undefined}>
        安排检查
      </button>
      {missing && <p className="muted">{missing}</p>}
      {message && (
        <p className={message.ok ? 'muted' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="round-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
