/** The HTTP routes of the identities area: name → method and path (see routes.ts). Imports nothing. */
export const IDENTITY_ROUTES = {} as const;
