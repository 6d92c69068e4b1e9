import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../api/index.ts';
import { ROLE_LABELS } from '../../api/roles.ts';
import type { Fetch } from '../../app/effects/server-api.ts';
import type { OutboxEntry } from '../../app/effects/outbox.ts';
import { loadInspectData, readMe, signOut, type InspectData } from './data.ts';
import { itemsFromStatus, type InspectionForm } from './form.ts';
import { InspectionScreen } from './InspectionScreen.tsx';
import { OutboxScreen } from './OutboxScreen.tsx';
import { RoundsScreen } from './RoundsScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useOutboxEntries, type InspectOutbox } from './use-outbox.ts';

type Screen = { kind: 'rounds' } | { kind: 'form'; clientId: string } | { kind: 'outbox' };

/** The cache the service worker keeps API reads in (vite.pwa.ts): emptied on sign-out. */
const API_CACHE = 'lianpian-inspect-api';

/** The inspector's phone: sign-in, today's rounds, the form, the outbox. */
export function InspectApp({ fetch, outbox, campaign }: { fetch: Fetch; outbox: InspectOutbox; campaign: string | null }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [data, setData] = useState<InspectData | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'rounds' });
  const entries = useOutboxEntries(outbox);

  const load = useCallback(async () => {
    const who = await readMe(fetch);
    if (!who.ok) {
      setFailure(who.status === 0 ? '无法连接服务器，且本机尚无离线数据：请联网后打开一次本页' : who.error.message);
      setMe(null);
      return;
    }
    setMe(who.value);
    if (!who.value) return;
    // Read while the service worker controls the page: its answers are kept for offline use.
    const kept = Boolean(navigator.serviceWorker?.controller);
    const loaded = await loadInspectData(fetch, campaign);
    if (loaded.ok) {
      setData(loaded.value);
      if (kept) document.documentElement.setAttribute('data-offline-ready', 'true');
      setFailure(null);
      // Signed in again after a 401: what waits in the outbox goes now.
      void outbox.flush();
    } else setFailure(loaded.status === 0 ? '无法连接服务器，且本机尚无离线数据：请联网后打开一次本页' : loaded.error.message);
  }, [fetch, campaign, outbox]);

  useEffect(() => {
    void load();
    // The service worker took over: read again so that it keeps the answers for offline use.
    const onController = () => void load();
    navigator.serviceWorker?.addEventListener('controllerchange', onController);
    return () => navigator.serviceWorker?.removeEventListener('controllerchange', onController);
  }, [load]);

  const open = async (roundId: string | null, code: string) => {
    if (!data || !me) return;
    const existing = entries.find((entry) => entry.community === code && entry.body.roundId === roundId && entry.state !== 'sent');
    if (existing) return setScreen({ kind: 'form', clientId: existing.clientId });
    const round = data.today.rounds.find((candidate) => candidate.round.id === roundId);
    const listed = round?.communities.find((community) => community.code === code);
    const row = data.status.get(code) ?? null;
    const form: InspectionForm = {
      communityName: listed?.name ?? row?.name ?? code,
      streetName: listed?.streetName ?? '',
      date: data.today.date,
      kind: round?.round.kind ?? 'spot',
      roundId,
      items: itemsFromStatus(row),
      note: '',
      photos: [],
      problems: [],
    };
    const entry = await outbox.saveDraft({ clientId: crypto.randomUUID(), campaign: data.campaign.id, community: code, baseVersion: row?.version ?? null, body: form, photos: [] });
    setScreen({ kind: 'form', clientId: entry.clientId });
  };

  if (me === undefined) return <p className="inspect-loading">正在加载…</p>;
  if (me === null)
    return (
      <div className="inspect-app">
        {failure && (
          <p className="inspect-failure" role="alert">
            {failure}
          </p>
        )}
        <SignInScreen fetch={fetch} onSignedIn={() => void load()} />
      </div>
    );

  const current: OutboxEntry<InspectionForm> | undefined = screen.kind === 'form' ? entries.find((entry) => entry.clientId === screen.clientId) : undefined;
  return (
    <div className="inspect-app" data-testid="inspect-app" data-user={me.username}>
      <header className="inspect-header">
        <span className="inspect-logo" aria-hidden="true">
          连片
        </span>
        <span className="inspect-title">{data?.campaign.title ?? '督查填报'}</span>
        <span className="inspect-user">
          {me.username}
          <span className="visually-hidden">（{ROLE_LABELS[me.role]}）</span>
        </span>
        <button
          type="button"
          className="inspect-link"
          onClick={() =>
            void signOut(fetch).then(async () => {
              await globalThis.caches?.delete(API_CACHE);
              setData(null);
              setMe(null);
            })
          }
        >
          退出
        </button>
      </header>
      <StatusBar outbox={outbox} onOpen={() => setScreen({ kind: 'outbox' })} />
      {failure && (
        <p className="inspect-failure" role="alert">
          {failure}
        </p>
      )}
      {me.role !== 'inspector' && me.role !== 'admin' && (
        <p className="inspect-failure" role="alert">
          {ROLE_LABELS[me.role]}账号不能提交检查：请用督查员账号登录。<a href="/">打开看板</a>
        </p>
      )}
      {screen.kind === 'form' && current && data ? (
        <InspectionScreen key={current.clientId} outbox={outbox} entry={current} data={data} onDone={(next) => setScreen(next === 'outbox' ? { kind: 'outbox' } : { kind: 'rounds' })} />
      ) : screen.kind === 'outbox' ? (
        <OutboxScreen outbox={outbox} entries={entries} onOpen={(clientId) => setScreen({ kind: 'form', clientId })} onBack={() => setScreen({ kind: 'rounds' })} />
      ) : data ? (
        <RoundsScreen data={data} entries={entries} onOpen={(roundId, code) => void open(roundId, code)} />
      ) : (
        !failure && <p className="inspect-loading">正在加载今日任务…</p>
      )}
    </div>
  );
}
