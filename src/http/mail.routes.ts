/** The HTTP routes of the mail area: name → method and path (see routes.ts). Imports nothing. */
export const MAIL_ROUTES = {
  mailCounts: {
    method: 'GET',
    path: '/api/mail/counts',
    summary: 'How many messages each attention level, folder and provider holds',
  },
  listMessages: {
    method: 'GET',
    path: '/api/mail/messages',
    summary: 'Messages, newest first, by attention, folder, provider, identity or leak event',
  },
  getMessage: {
    method: 'GET',
    path: '/api/mail/messages/:id',
    summary: 'A message: text, headers, attachments, who it reached, who sent it, and why it is where it is',
  },
  placeMessage: {
    method: 'PATCH',
    path: '/api/mail/messages/:id',
    summary: 'Move a message by hand (attention, folder, mute, flag); rules then leave it there',
  },
  searchMail: {
    method: 'GET',
    path: '/api/mail/search',
    summary: 'Full-text search with from: to: subject: provider: before: after: has:attachment is:leak',
  },
  listMailSources: { method: 'GET', path: '/api/mail/sources', summary: 'IMAP accounts and imported files' },
  addMailAccount: {
    method: 'POST',
    path: '/api/mail/accounts',
    summary: 'Add an IMAP account (it logs in first); the password stays in the encrypted store',
  },
  mailAccountFolders: {
    method: 'GET',
    path: '/api/mail/accounts/:id/folders',
    summary: "An account's folders",
  },
  setMailAccountFolders: {
    method: 'PUT',
    path: '/api/mail/accounts/:id/folders',
    summary: 'Choose the folders to fetch',
  },
  deleteMailSource: {
    method: 'DELETE',
    path: '/api/mail/sources/:id',
    summary: 'Forget a mail source (its messages stay)',
  },
  listMailImports: { method: 'GET', path: '/api/mail/imports', summary: 'Past and running imports' },
  startMailImport: {
    method: 'POST',
    path: '/api/mail/imports',
    summary: 'Start importing a file or folder on this machine, or fetching an IMAP account; answers at once',
  },
  uploadMailImport: {
    method: 'POST',
    path: '/api/mail/uploads',
    summary:
      'Upload an mbox or one .eml (the bytes as the body, at most 200 MB) and import it; answers at once, like startMailImport',
  },
  getMailImport: {
    method: 'GET',
    path: '/api/mail/imports/:id',
    summary: "An import's progress, then its summary with every skip and its reason",
  },
  mailLeaks: {
    method: 'GET',
    path: '/api/mail/leaks',
    summary: 'The leak report per provider, with the graph provider → third party',
  },
  getMailLeak: {
    method: 'GET',
    path: '/api/mail/leaks/:id',
    summary: 'A leak event and the messages that prove it',
  },
  markNotLeak: {
    method: 'POST',
    path: '/api/mail/leaks/:id/not-leak',
    summary: 'Mark a leak event "not a leak": the sender becomes an allowed sender of the provider',
  },
  listAllowedSenders: { method: 'GET', path: '/api/mail/allowed-senders', summary: 'Allowed senders' },
  addAllowedSender: {
    method: 'POST',
    path: '/api/mail/allowed-senders',
    summary: "Allow a sender (a provider's processor) to write to that provider's identity",
  },
  deleteAllowedSender: {
    method: 'DELETE',
    path: '/api/mail/allowed-senders/:id',
    summary: 'Remove an allowed sender',
  },
  listMailRules: {
    method: 'GET',
    path: '/api/mail/rules',
    summary: 'Your rules, in the order they are tried',
  },
  addMailRule: {
    method: 'POST',
    path: '/api/mail/rules',
    summary: 'Add a rule; the rules run again at once',
  },
  updateMailRule: {
    method: 'PUT',
    path: '/api/mail/rules/:id',
    summary: 'Replace a rule; the rules run again',
  },
  deleteMailRule: {
    method: 'DELETE',
    path: '/api/mail/rules/:id',
    summary: 'Delete a rule; the rules run again',
  },
  moveMailRule: {
    method: 'POST',
    path: '/api/mail/rules/:id/move',
    summary: 'Move a rule one place up (tried earlier) or down; the rules run again',
  },
  defaultMailRules: {
    method: 'GET',
    path: '/api/mail/rules/defaults',
    summary: 'The defaults that place mail no rule of yours matched, in words, in the order tried',
  },
  previewMailRule: {
    method: 'POST',
    path: '/api/mail/rules/preview',
    summary: 'How many stored messages these conditions match, with the newest',
  },
  runMailRules: { method: 'POST', path: '/api/mail/rules/run', summary: 'Run the rules again over all mail' },
} as const;
