/**
 * The campaign timeline: deadlines (with the person responsible), inspection rounds (weekly,
 * monthly) and half-monthly bulletins, with the countdown to the next deadline as of a date.
 */
import { nextDeadline } from '../dataset.ts';
import type { CampaignConfig } from '../parse/campaign-config.ts';
import type { InspectionRound } from './rounds.ts';

export type TimelineKind = 'deadline' | 'weekly' | 'monthly' | 'bulletin';

export interface TimelineEvent {
  date: string;
  kind: TimelineKind;
  label: string;
  /** Responsible person or office (deadlines only). */
  responsible: string;
  /** Whether the event is on or before the as-of date. */
  past: boolean;
}

export interface CampaignTimeline {
  asOf: string | null;
  events: TimelineEvent[];
  /** First and last date of the events. */
  start: string | null;
  end: string | null;
  /** The next deadline on or after `asOf` with the days left; null when all passed or no date. */
  next: ReturnType<typeof nextDeadline>;
}

const KIND_LABELS: Readonly<Record<Exclude<TimelineKind, 'deadline'>, string>> = { weekly: '周查', monthly: '月查', bulletin: '半月通报' };

export function campaignTimeline(config: CampaignConfig, rounds: readonly InspectionRound[], asOf: string | null): CampaignTimeline {
  const events: TimelineEvent[] = [
    ...config.deadlines.map((deadline): TimelineEvent => ({ date: deadline.date, kind: 'deadline', label: deadline.label, responsible: deadline.responsible, past: asOf !== null && deadline.date <= asOf })),
    ...rounds.flatMap((round) =>
      round.kinds.map((kind): TimelineEvent => ({ date: round.date, kind, label: KIND_LABELS[kind], responsible: '', past: asOf !== null && round.date <= asOf })),
    ),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    asOf,
    events,
    start: events[0]?.date ?? null,
    end: events.at(-1)?.date ?? null,
    next: asOf === null ? null : nextDeadline(config, asOf),
  };
}
