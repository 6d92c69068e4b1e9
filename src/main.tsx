import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createAppStore, initialState } from './state/store.ts';
import { syncHashFromStore, syncStoreFromHash } from './state/url-sync.ts';
import './ui/styles.css';

const store = createAppStore(initialState());
syncStoreFromHash(store);
syncHashFromStore(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
