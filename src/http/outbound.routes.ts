/** The HTTP routes of outbound correspondence: name → method and path (see routes.ts). Imports nothing. */
export const OUTBOUND_ROUTES = {
  sendingSettings: {
    method: 'GET',
    path: '/api/sending',
    summary: 'The SMTP server vrm sends through (never its password: passwordSet says whether one is kept)',
  },
  setupSending: {
    method: 'PUT',
    path: '/api/sending',
    summary:
      'Set up the SMTP server to send through, after logging in to it; without a password, the kept one stays',
  },
  removeSending: {
    method: 'DELETE',
    path: '/api/sending',
    summary: 'Forget the SMTP server and its password',
  },
  testSending: {
    method: 'POST',
    path: '/api/sending/test',
    summary: "Send a short test message and give the server's answer",
  },
  listOutbox: {
    method: 'GET',
    path: '/api/outbox',
    summary: 'The outbox: drafts, queued, sent, failed and uncertain items',
  },
  addOutboxItem: {
    method: 'POST',
    path: '/api/outbox',
    summary: "A new draft to a provider (e-mail from the provider's alias, a letter, or a web form's text)",
  },
  sendOutbox: {
    method: 'POST',
    path: '/api/outbox/send',
    summary: 'Send the named e-mail items, or every draft and queued e-mail',
  },
  getOutboxItem: { method: 'GET', path: '/api/outbox/:id', summary: 'An outbox item with its full text' },
  editOutboxItem: { method: 'PATCH', path: '/api/outbox/:id', summary: "Change a draft's subject or text" },
  deleteOutboxItem: {
    method: 'DELETE',
    path: '/api/outbox/:id',
    summary: 'Delete an item that has not gone out',
  },
  sendOutboxItem: { method: 'POST', path: '/api/outbox/:id/send', summary: 'Send one e-mail item now' },
  sendOutboxItemAgain: {
    method: 'POST',
    path: '/api/outbox/:id/send-again',
    summary: 'Send an uncertain or failed e-mail again, with the same bytes and Message-ID',
  },
  markOutboxItemSent: {
    method: 'POST',
    path: '/api/outbox/:id/done',
    summary:
      'Mark an item sent: a posted letter, a filled-in web form, or an uncertain e-mail found in the sent mail',
  },
} as const;
