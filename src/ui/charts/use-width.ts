/**
 * The width in CSS pixels of a chart's container, followed with a ResizeObserver. Charts lay out
 * at this width and draw their SVG at 1:1 (no viewBox scaling), so a 12 px label is 12 px on
 * screen: scaled viewBoxes drew 10 px text at 6.6 px (issue 16). A callback ref, because a chart
 * renders nothing until its data is there and a mount-time effect would never see the element.
 */
import { useCallback, useEffect, useState } from 'react';

export function useWidth<E extends HTMLElement>(fallback: number): [(element: E | null) => void, number] {
  const [element, setElement] = useState<E | null>(null);
  const [width, setWidth] = useState(fallback);
  const ref = useCallback((node: E | null) => setElement(node), []);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const measured = Math.floor(element.clientWidth);
      if (measured > 0) setWidth(measured);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [ref, width];
}
