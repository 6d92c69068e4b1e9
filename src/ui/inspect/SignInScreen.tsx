import { useState, type FormEvent } from 'react';
import type { Fetch } from '../../app/effects/server-api.ts';
import { signIn } from './data.ts';

/** 督查员登录: the campaign server's account (the same as on the dashboard). */
export function SignInScreen({ fetch, onSignedIn }: { fetch: Fetch; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await signIn(fetch, username.trim(), password);
    setBusy(false);
    if (answer.ok) onSignedIn();
    else setError(answer.status === 0 ? '无法连接服务器：登录需要网络，请联网后再试' : answer.error.message);
  };
  return (
    <form className="inspect-sign-in" data-testid="inspect-sign-in" onSubmit={(event) => void submit(event)} aria-label="督查员登录">
      <h1>
        <span className="inspect-logo" aria-hidden="true">
          连片
        </span>
        督查填报
      </h1>
      <p className="muted">用活动服务器的账号登录。登录后，今日任务和填写的记录在没有网络时也能使用。</p>
      <label>
        用户名
        <input name="username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required autoCapitalize="off" />
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
      <button type="submit" className="inspect-primary" disabled={busy} data-testid="inspect-sign-in-submit">
        {busy ? '正在登录…' : '登录'}
      </button>
      <a className="inspect-link" href="/">
        打开看板
      </a>
    </form>
  );
}
