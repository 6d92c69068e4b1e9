/**
 * Scrolls `element` to the top of the nearest scrolling panel, and only that panel:
 * `scrollIntoView` also scrolls the page, which pushed the header off the top (issue 16).
 */
export function scrollIntoPanel(element: HTMLElement): void {
  let panel = element.parentElement;
  while (panel && !/(auto|scroll)/.test(getComputedStyle(panel).overflowY)) panel = panel.parentElement;
  if (!panel || panel === document.documentElement || panel === document.body) return;
  const top = element.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
  panel.scrollTo?.({ top, behavior: 'smooth' });
}
