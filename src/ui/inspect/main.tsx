/**
 * The inspector's phone page (/inspect/, issue 20): its own entry, so the dashboard's first page
 * carries none of it, and the only page that registers the service worker (vite.pwa.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';

if (import.meta.env.PROD) registerSW({ immediate: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <p>督查填报</p>
  </StrictMode>,
);
