/**
 * Presentation keys, as presenters and clickers send them: clickers send PageDown/PageUp (some
 * send arrows, `b` or `.` for a black screen). Pure, so it is tested without a browser.
 */
export type SlideAction = { kind: 'next' } | { kind: 'prev' } | { kind: 'goto'; slide: number } | { kind: 'first' } | { kind: 'last' } | { kind: 'fullscreen' } | { kind: 'exit' } | { kind: 'blank' };

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter', 'n', 'N']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace', 'p', 'P']);

/** The action for a key press, or null for keys the presentation leaves alone (and modified keys). */
export function slideAction(event: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): SlideAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const { key } = event;
  if (NEXT.has(key)) return { kind: 'next' };
  if (PREV.has(key)) return { kind: 'prev' };
  if (/^[1-9]$/.test(key)) return { kind: 'goto', slide: Number(key) };
  if (key === 'Home') return { kind: 'first' };
  if (key === 'End') return { kind: 'last' };
  if (key === 'f' || key === 'F') return { kind: 'fullscreen' };
  if (key === 'Escape') return { kind: 'exit' };
  if (key === 'b' || key === 'B' || key === '.') return { kind: 'blank' };
  return null;
}
