import { dispatch, useAppStore, type AppStore } from '../state/store.ts';
import { dismissLinkNotice } from '../state/updaters.ts';

/** What of a shared link could not be applied (unknown codes or street), until dismissed. */
export function LinkNotice({ store }: { store: AppStore }) {
  const notice = useAppStore(store, (state) => state.linkNotice);
  if (!notice) return null;
  return (
    <div className="link-notice" role="status" data-testid="link-notice">
      <span>{notice}</span>
      <button type="button" className="link-button" onClick={() => dispatch(store, dismissLinkNotice)}>
        知道了
      </button>
    </div>
  );
}
