import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { setServerNotice } from '../../state/server.ts';

/** A write the server refused or could not take, in Chinese, until dismissed. */
export function ServerNotice({ store }: { store: AppStore }) {
  const notice = useAppStore(store, (state) => state.server.notice);
  if (!notice) return null;
  return (
    <div className="link-notice server-notice" role="alert" data-testid="server-notice">
      <span>{notice}</span>
      <button type="button" className="link-button" onClick={() => dispatch(store, setServerNotice, null)}>
        知道了
      </button>
    </div>
  );
}
