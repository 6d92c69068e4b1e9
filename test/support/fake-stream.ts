/**
 * What the in-memory fake servers share: a JSON response and an `EventStream` whose events the
 * test emits, with the browser's `readyState` (2 = closed, after which nothing arrives).
 */
import type { EventStream } from '../../src/app/effects/remote.ts';

/** A JSON response with `status`, as the real server sends it. */
export const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A live-event stream the fake server emits on; closed streams receive nothing. */
export class FakeStream implements EventStream {
  readyState = 1;
  private listeners = new Map<string, ((event: { data: string }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, data: unknown): void {
    if (this.readyState === 2) return;
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
  }
  close(): void {
    this.readyState = 2;
  }
}
