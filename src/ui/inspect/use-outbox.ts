import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Outbox, OutboxCounts, OutboxEntry } from '../../app/effects/outbox.ts';
import type { InspectionForm } from './form.ts';

export type InspectOutbox = Outbox<InspectionForm>;

/** The outbox's entries, re-read on every change. */
export function useOutboxEntries(outbox: InspectOutbox): OutboxEntry<InspectionForm>[] {
  const [entries, setEntries] = useState(() => outbox.entries());
  useEffect(() => {
    setEntries(outbox.entries());
    return outbox.subscribe(() => setEntries(outbox.entries()));
  }, [outbox]);
  return entries;
}

/** The counts the status bar shows. */
export function useOutboxCounts(outbox: InspectOutbox): OutboxCounts & { sending: boolean } {
  // Re-rendered on every outbox change.
  useOutboxEntries(outbox);
  return { ...outbox.counts(), sending: outbox.sending() };
}

/** The browser's network state (`online`/`offline` events). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}

/** An object URL for a stored photo (revoked when the component lets go of it). */
export function usePhotoUrl(outbox: InspectOutbox, id: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    let made: string | null = null;
    let live = true;
    void outbox.photo(id).then((blob) => {
      if (!live || !blob) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [outbox, id]);
  return url;
}
