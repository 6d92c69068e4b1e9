/**
 * Optional auto-advance with a visible countdown. Any key or pointer input pauses it (the
 * presentation passes `mode` down and sets `paused` on input); its own buttons resume or stop it.
 * Mounted afresh per step (keyed by the step), so each step gets the full time.
 */
import { useEffect, useState } from 'react';

export type AutoMode = 'off' | 'running' | 'paused';

/** Seconds per step when auto-advancing. */
export const AUTO_SECONDS = 20;

export function AutoAdvance({ mode, setMode, onAdvance, atEnd }: { mode: AutoMode; setMode: (mode: AutoMode) => void; onAdvance: () => void; atEnd: boolean }) {
  const [left, setLeft] = useState(AUTO_SECONDS);
  const running = mode === 'running' && !atEnd;

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setLeft((seconds) => Math.max(0, seconds - 1)), 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  useEffect(() => {
    if (running && left === 0) onAdvance();
  }, [running, left, onAdvance]);

  // Its own buttons are not "input that pauses".
  const keep = (event: React.PointerEvent) => event.stopPropagation();
  if (mode === 'off') {
    return (
      <button type="button" className="auto" onPointerDown={keep} onClick={() => setMode('running')} data-testid="auto-advance" data-mode={mode}>
        ▶ 自动播放（每页 {AUTO_SECONDS} 秒）
      </button>
    );
  }
  return (
    <span className="auto-group" data-testid="auto-advance" data-mode={atEnd ? 'off' : mode} data-seconds-left={left}>
      <button type="button" className="auto" onPointerDown={keep} onClick={() => setMode(mode === 'running' ? 'paused' : 'running')}>
        {atEnd ? '已到最后一页' : mode === 'running' ? `❚❚ ${left} 秒后翻页` : `▶ 继续（已暂停，剩 ${left} 秒）`}
      </button>
      <span className="auto-bar" aria-hidden="true">
        <span style={{ width: `${(100 * left) / AUTO_SECONDS}%` }} />
      </span>
      <button type="button" onPointerDown={keep} onClick={() => setMode('off')} aria-label="停止自动播放">
        ✕
      </button>
    </span>
  );
}
