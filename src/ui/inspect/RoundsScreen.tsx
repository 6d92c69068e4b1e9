import { ROUND_KIND_LABELS } from '../../core/index.ts';
import type { OutboxEntry } from '../../app/effects/outbox.ts';
import type { InspectData } from './data.ts';
import type { InspectionForm } from './form.ts';
import { ENTRY_STATE_LABELS } from './labels.ts';

/** 今日任务: the rounds running today that send this inspector, each with its communities. */
export function RoundsScreen({ data, entries, onOpen }: { data: InspectData; entries: OutboxEntry<InspectionForm>[]; onOpen: (roundId: string | null, code: string) => void }) {
  const { today } = data;
  const stateOf = (roundId: string, code: string) => entries.find((entry) => entry.community === code && entry.body.roundId === roundId)?.state ?? null;
  return (
    <main className="inspect-rounds" aria-label="今日任务">
      <h2>
        今日任务 <time dateTime={today.date}>{today.date}</time>
      </h2>
      {today.rounds.length === 0 && <p className="muted">今天没有安排给您的检查。</p>}
      {today.rounds.map(({ round, communities }) => (
        <section key={round.id} className="inspect-round" data-testid="round" data-round={round.id}>
          <h3>
            <span className={`kind kind-${round.kind}`}>{ROUND_KIND_LABELS[round.kind]}</span> {round.title}
          </h3>
          <p className="muted">
            {round.start} 至 {round.end}
          </p>
          <ul>
            {communities.map((community) => {
              const state = stateOf(round.id, community.code);
              return (
                <li key={community.code}>
                  <button type="button" className="inspect-community" data-testid="round-community" data-code={community.code} onClick={() => onOpen(round.id, community.code)}>
                    <span className="name">{community.name}</span>
                    <span className="street">{community.streetName}</span>
                    <span className={`badge ${state ?? (community.inspected ? 'sent' : 'todo')}`}>{state ? ENTRY_STATE_LABELS[state] : community.inspected ? '已检查' : '待检查'}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </main>
  );
}
