import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '../../api/roles.ts';
import type { RemoteFlow } from '../../app/effects/remote.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

const LIVE_LABELS = { open: '实时同步中', connecting: '正在连接…', closed: '实时同步已断开' } as const;

/** The header's mode line: 服务器模式 (campaign, user and role, 登录/退出) or 单机模式. */
export function ServerBar({ store, remote }: { store: AppStore; remote?: RemoteFlow }) {
  const server = useAppStore(store, (state) => state.server);
  const [open, setOpen] = useState(false);
  if (server.mode === 'standalone' || !remote) {
    return (
      <span className="mode-badge" data-testid="server-mode" data-mode="standalone" title="未连接活动服务器：数据只保存在本浏览器中（IndexedDB），可导入、导出项目文件">
        单机模式
      </span>
    );
  }
  const me = server.me;
  return (
    <span className="server-bar" data-testid="server-mode" data-mode="server" data-user={me?.username ?? ''} data-role={me?.role ?? ''} data-live={server.live}>
      {/* The campaign's title is the page's heading; the badge names it for screen readers and on hover. */}
      <span className="mode-badge" data-testid="server-campaign" title={`已连接活动服务器：${server.campaign?.title ?? '（无活动）'} · ${LIVE_LABELS[server.live]}`}>
        服务器模式<span className="visually-hidden">：{server.campaign?.title ?? '（无活动）'}</span>
        <span className={`live-dot ${server.live}`} role="img" aria-label={LIVE_LABELS[server.live]} />
      </span>
      {me ? (
        <>
          <span data-testid="server-user">
            {me.username}（{ROLE_LABELS[me.role]}）
          </span>
          <button type="button" className="header-button" data-testid="sign-out" onClick={() => void remote.signOut()}>
            退出
          </button>
        </>
      ) : (
        <>
          <span className="muted-on-accent">未登录 · 只读</span>
          <button type="button" className="header-button" data-testid="sign-in" onClick={() => setOpen(true)}>
            登录
          </button>
        </>
      )}
      {open && !me && <SignInForm remote={remote} onDone={() => setOpen(false)} />}
    </span>
  );
}

function SignInForm({ remote, onDone }: { remote: RemoteFlow; onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const failure = await remote.signIn(username.trim(), password);
    setBusy(false);
    if (failure) setError(failure);
    else onDone();
  };
  return (
    <form className="sign-in" data-testid="sign-in-form" onSubmit={(event) => void submit(event)} aria-label="登录">
      <label>
        用户名
        <input name="username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required autoFocus />
      </label>
      <label>
        密码
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" disabled={busy} data-testid="sign-in-submit">
          登录
        </button>
        <button type="button" onClick={onDone}>
          取消
        </button>
      </div>
    </form>
  );
}
