/**
 * The inspector's phone page (/inspect/, issue 20): its own entry, so the dashboard's first page
 * carries none of it, and the only page that registers the service worker (vite.pwa.ts). The
 * outbox opens first: what was typed before a reload or a crash is there before anything else.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { browserEnvironment, idbOutboxStorage, openOutbox } from '../../app/effects/outbox.ts';
import type { InspectionForm } from './form.ts';
import { InspectApp } from './InspectApp.tsx';
import { inspectionSender } from './send-inspection.ts';
import './inspect.css';

// A build (mode production; `PROD` follows NODE_ENV, which is `test` under vitest) registers it; `npm start` does not.
if (import.meta.env.MODE === 'production') registerSW({ immediate: true });
// Ask the browser to keep the outbox under storage pressure.
void navigator.storage?.persist?.().catch(() => false);

const fetchApi = (url: string, init?: RequestInit) => fetch(url, { credentials: 'same-origin', ...init });
const outbox = await openOutbox<InspectionForm>({ storage: idbOutboxStorage(), send: inspectionSender(fetchApi), environment: browserEnvironment() });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <InspectApp fetch={fetchApi} outbox={outbox} campaign={new URLSearchParams(location.search).get('campaign')} />
  </StrictMode>,
);
