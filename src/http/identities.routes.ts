/** The HTTP routes of the identities area: name → method and path (see routes.ts). Imports nothing. */
export const IDENTITY_ROUTES = {
  listAliasStrategies: { method: 'GET', path: '/api/alias-strategies', summary: 'Alias strategies' },
  addAliasStrategy: {
    method: 'POST',
    path: '/api/alias-strategies',
    summary: 'Set up plus-addressing on a mailbox or a catch-all domain',
  },
  deleteAliasStrategy: {
    method: 'DELETE',
    path: '/api/alias-strategies/:id',
    summary: 'Remove an alias strategy that made no identities',
  },
  makeDefaultAliasStrategy: {
    method: 'POST',
    path: '/api/alias-strategies/:id/default',
    summary: 'Make an alias strategy the one new aliases use unless told otherwise',
  },
  listIdentities: { method: 'GET', path: '/api/identities', summary: 'Identities, with filters' },
  identityMailCounts: {
    method: 'GET',
    path: '/api/identity-mail',
    summary: 'How many messages reached each identity, from how many senders, and when last',
  },
  identityMail: {
    method: 'GET',
    path: '/api/identities/:id/mail',
    summary:
      "An identity's mail: how much, and its senders with counts and last date (top first, then how many more)",
  },
  switchIdentity: {
    method: 'POST',
    path: '/api/identities/:id/switch',
    summary:
      'Switch an identity off (its mail goes to the folder "switched off" as unwanted, from now on or with the mail already there) or on again',
  },
  getIdentity: { method: 'GET', path: '/api/identities/:id', summary: 'An identity' },
  addIdentity: {
    method: 'POST',
    path: '/api/identities',
    summary:
      'Give a provider an identity (a new alias, an address by hand, a tagged postal address or a phone); recorded as disclosed',
  },
  retireIdentity: { method: 'POST', path: '/api/identities/:id/retire', summary: 'Stop using an identity' },
  replaceIdentity: {
    method: 'POST',
    path: '/api/identities/:id/replace',
    summary: 'After a leak: retire an e-mail identity and give its provider a new alias; answers both',
  },
  deleteIdentity: {
    method: 'DELETE',
    path: '/api/identities/:id',
    summary: 'Delete an identity never recorded as disclosed',
  },
  importIdentities: {
    method: 'POST',
    path: '/api/identities/import',
    summary:
      "Import an alias service's CSV export (SimpleLogin, addy.io); bad lines are listed, matches wait for review",
  },
  identityReview: {
    method: 'GET',
    path: '/api/identities/review',
    summary: 'Imported aliases waiting for review, with the suggested provider and why',
  },
  confirmIdentity: {
    method: 'POST',
    path: '/api/identities/:id/confirm',
    summary: 'Confirm an imported alias for its suggested provider (or the one given); recorded as disclosed',
  },
  rejectIdentity: {
    method: 'POST',
    path: '/api/identities/:id/reject',
    summary: 'Reject the suggested provider of an imported alias',
  },
  recogniseAddress: {
    method: 'GET',
    path: '/api/identities/recognise',
    summary: 'Which identity an e-mail address is, and who it was given to',
  },
} as const;
