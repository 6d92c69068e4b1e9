/**
 * Live updates: one channel per campaign. A write publishes its event after its transaction
 * committed (campaign/service.ts); every open Server-Sent Events stream of that campaign
 * (routes/events.ts) receives it.
 */
import type { CampaignEvent } from '../api/index.ts';

export type Listener = (event: CampaignEvent) => void;

export class EventBus {
  private channels = new Map<string, Set<Listener>>();

  /** Subscribes; returns the unsubscribe function. */
  subscribe(campaignId: string, listener: Listener): () => void {
    let channel = this.channels.get(campaignId);
    if (!channel) this.channels.set(campaignId, (channel = new Set()));
    channel.add(listener);
    return () => {
      channel.delete(listener);
      if (channel.size === 0) this.channels.delete(campaignId);
    };
  }

  publish(campaignId: string, event: CampaignEvent): void {
    for (const listener of this.channels.get(campaignId) ?? []) listener(event);
  }

  /** Open streams of a campaign. */
  listeners(campaignId: string): number {
    return this.channels.get(campaignId)?.size ?? 0;
  }
}
