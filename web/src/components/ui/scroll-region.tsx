import type { ReactNode } from 'react';

/**
 * A table wider than a phone screen scrolls sideways inside this named region; the region takes
 * the focus, or the keyboard could not scroll it (axe `scrollable-region-focusable`).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take the focus, or the keyboard cannot scroll it
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
