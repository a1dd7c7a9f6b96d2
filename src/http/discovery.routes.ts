/** The HTTP routes of the discovery of organisations: name → method and path (see routes.ts). Imports nothing. */
export const DISCOVERY_ROUTES = {
  listDiscoveries: {
    method: 'GET',
    path: '/api/discoveries',
    summary:
      'Organisations that wrote to your addresses in imported mail but are not among your providers, most messages first (all=true: the dismissed too)',
  },
  addDiscovery: {
    method: 'POST',
    path: '/api/discoveries/:domain/add',
    summary:
      'Add one to your providers (from the directory when it is there) and give it its past mail; answers the provider',
  },
  dismissDiscovery: {
    method: 'POST',
    path: '/api/discoveries/:domain/dismiss',
    summary: 'Hide one from the list',
  },
  undismissDiscovery: {
    method: 'DELETE',
    path: '/api/discoveries/:domain/dismiss',
    summary: 'Show a dismissed one in the list again',
  },
} as const;
