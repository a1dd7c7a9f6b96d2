/**
 * Every address of the web app, in one table: the app's navigation, its page titles and its
 * "nothing here" check read it, and the end-to-end tests (phone width, accessibility) visit each
 * entry, so a page added here is checked without another list to keep.
 *
 * A pattern is the hash path's segments; `:name` stands for one segment (an id), `:name*` for the
 * rest of the path (a folder or a search may hold a slash).
 * More specific patterns come first: `mail/leaks/all` before `mail/leaks/:leak`.
 *
 * This file holds data only (no `window`), so Node tests can import it.
 */
export interface RouteEntry {
  /** `providers/:provider`: the segments after `#/`. */
  pattern: string;
  /** The page's name in the document title: "Providers" → "Providers · vrm". */
  title: string;
}

/** The areas of the top navigation, in their order. */
export const AREAS = [
  { path: '', label: 'Dashboard' },
  { path: 'providers', label: 'Providers' },
  { path: 'discover', label: 'Who else has my data' },
  { path: 'agenda', label: 'Agenda' },
  { path: 'vault', label: 'Vault' },
  { path: 'identities', label: 'Identities' },
  { path: 'knows', label: 'Who knows what' },
  { path: 'changes', label: 'Changes' },
  { path: 'requests', label: 'Requests' },
  { path: 'money', label: 'My money' },
  { path: 'intents', label: 'Intents' },
  { path: 'mail', label: 'Mail' },
  { path: 'outbox', label: 'Outbox' },
  { path: 'terms', label: 'Terms' },
  { path: 'signed', label: 'Signed' },
  { path: 'settings', label: 'Settings' },
] as const;

export const ROUTES: readonly RouteEntry[] = [
  { pattern: '', title: 'Dashboard' },
  { pattern: 'providers', title: 'Providers' },
  { pattern: 'providers/:provider', title: 'Provider' },
  { pattern: 'providers/:provider/fact/:fact', title: 'Provider' },
  { pattern: 'vault', title: 'Vault' },
  { pattern: 'identities', title: 'Identities' },
  { pattern: 'knows', title: 'Who knows what' },
  { pattern: 'changes', title: 'Changes' },
  { pattern: 'changes/start/:fact', title: 'Tell providers · Changes' },
  { pattern: 'changes/:campaign', title: 'Campaign · Changes' },
  { pattern: 'mail', title: 'Inbox · Mail' },
  { pattern: 'mail/in/:attention', title: 'Inbox · Mail' },
  { pattern: 'mail/folder/:folder*', title: 'Folder · Mail' },
  { pattern: 'mail/provider/:provider', title: 'Provider’s mail · Mail' },
  { pattern: 'mail/search/:query*', title: 'Search · Mail' },
  { pattern: 'mail/message/:message', title: 'Message · Mail' },
  { pattern: 'mail/leaks', title: 'Leaks · Mail' },
  { pattern: 'mail/leaks/all', title: 'Leaks · Mail' },
  { pattern: 'mail/leaks/:leak', title: 'Leak · Mail' },
  { pattern: 'mail/rules', title: 'Rules · Mail' },
  { pattern: 'mail/import', title: 'Import · Mail' },
  { pattern: 'outbox', title: 'Outbox' },
  { pattern: 'outbox/:item', title: 'Outbox item · Outbox' },
  { pattern: 'terms', title: 'Terms' },
  { pattern: 'signed', title: 'Signed' },
  { pattern: 'settings', title: 'Settings' },
  { pattern: 'agenda', title: 'Agenda' },
  { pattern: 'discover', title: 'Who else has my data' },
  { pattern: 'requests', title: 'Requests' },
  { pattern: 'requests/campaigns/:requestCampaign', title: 'Request campaign · Requests' },
  { pattern: 'requests/:request', title: 'Request · Requests' },
  // My money (issue 17): the overview, the import page, the bookings and the rules.
  { pattern: 'money', title: 'My money' },
  { pattern: 'money/import', title: 'Import · My money' },
  { pattern: 'money/bookings', title: 'Bookings · My money' },
  { pattern: 'money/rules', title: 'Rules · My money' },
  // My money: spend over time (issue 17, point 4).
  { pattern: 'money/spend', title: 'Spend · My money' },
  // My money → Subscriptions (issue 17): recurring payments, their alerts, one of them.
  { pattern: 'money/subscriptions', title: 'Subscriptions · My money' },
  { pattern: 'money/subscriptions/:series', title: 'Subscriptions · My money' },
  // Intents (issue 18): what the person shops for under a persona, and the offers.
  { pattern: 'intents', title: 'Intents' },
  { pattern: 'intents/:intent', title: 'Intent · Intents' },
];

/**
 * The route a hash path's segments belong to, or undefined for an address the app does not have.
 *
 * @example matchRoute(['providers', '3'])?.pattern === 'providers/:provider'
 */
export function matchRoute(segments: readonly string[]): RouteEntry | undefined {
  return ROUTES.find((route) => {
    const parts = route.pattern === '' ? [] : route.pattern.split('/');
    const rest = parts.at(-1)?.endsWith('*') === true;
    if (rest ? segments.length < parts.length : segments.length !== parts.length) return false;
    return parts.every((part, i) => (part.startsWith(':') ? Boolean(segments[i]) : part === segments[i]));
  });
}

/** The document title for a route: "Providers · vrm", or "Nothing here · vrm". */
export const documentTitle = (segments: readonly string[]): string =>
  `${matchRoute(segments)?.title ?? 'Nothing here'} · vrm`;
