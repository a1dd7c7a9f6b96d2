import { useMemo, useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/providers/3`): the server serves one page, and links work without it.
 *
 * The route is an external store read from `location.hash`. `go` tells the subscribers at once
 * instead of waiting for `hashchange`, which the browser fires later, in another task: a control
 * whose state is the route (a checkbox that switches `mail/leaks` and `mail/leaks/all`) would
 * otherwise snap back when React restores it after its change event, and change only afterwards.
 */
const listeners = new Set<() => void>();
let shown = window.location.hash;

function changed(): void {
  if (window.location.hash === shown) return;
  shown = window.location.hash;
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

window.addEventListener('hashchange', changed);

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // A filter after `?` (`#/money/bookings?provider=3`) is not part of the route: see useHashQuery.
  return useMemo(() => hash.replace(/^#\/?/, '').split('?')[0]?.split('/').filter(Boolean) ?? [], [hash]);
}

/**
 * The filters a link passes after the route, `#/money/bookings?provider=3`: what a page reads to
 * open already filtered. Route segments never hold a raw `?` (search text is encoded).
 */
export function useHashQuery(): URLSearchParams {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => new URLSearchParams(hash.split('?')[1] ?? ''), [hash]);
}

export const go = (path: string): void => {
  window.location.hash = `#/${path}`;
  changed();
};
