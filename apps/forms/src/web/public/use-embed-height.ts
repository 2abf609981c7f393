import { useEffect } from 'react';
import type { RefObject } from 'react';
import { EMBED_HEIGHT_MESSAGE, postToParent } from './embed-messages.ts';

/** Embedded (`?embed=1`): tells the parent page the form's height whenever it changes, for auto-height. */
export function useEmbedHeight(ref: RefObject<HTMLElement | null>, slug: string, enabled: boolean): void {
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      postToParent({ type: EMBED_HEIGHT_MESSAGE, slug, height });
    };
    const observer = new ResizeObserver(report);
    observer.observe(element);
    report();
    return () => observer.disconnect();
  }, [ref, slug, enabled]);
}
