/**
 * Scrolls `element` into view inside its nearest scrolling ancestor only (the builder's preview pane),
 * never the page around it, as `scrollIntoView` would.
 */
export function scrollWithin(element: HTMLElement): void {
  let container = element.parentElement;
  while (container && !/(auto|scroll)/.test(getComputedStyle(container).overflowY)) {
    container = container.parentElement;
  }
  if (!container) return;
  const box = element.getBoundingClientRect();
  const frame = container.getBoundingClientRect();
  const margin = 16;
  if (box.top < frame.top + margin) {
    container.scrollBy({ top: box.top - frame.top - margin, behavior: 'smooth' });
  } else if (box.bottom > frame.bottom - margin) {
    const overflow = box.bottom - frame.bottom + margin;
    // A question taller than the pane shows its top.
    container.scrollBy({ top: Math.min(overflow, box.top - frame.top - margin), behavior: 'smooth' });
  }
}
