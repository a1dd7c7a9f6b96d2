/** The HTTP routes of data-subject requests (issue 16): name → method and path (see routes.ts). Imports nothing. */
export const REQUEST_ROUTES = {
  listRequests: {
    method: 'GET',
    path: '/api/requests',
    summary:
      "Data-subject requests, each with its status, deadlines and next step (provider=one provider's, status=overdue…)",
  },
  draftRequest: {
    method: 'POST',
    path: '/api/requests',
    summary:
      'Draft a request to a provider (access, rectification, erasure…), to its privacy contact, identified only by what it holds',
  },
  getRequest: {
    method: 'GET',
    path: '/api/requests/:id',
    summary: 'A request: status, deadlines with how each was counted, messages, answers, next step',
  },
  editRequest: {
    method: 'PATCH',
    path: '/api/requests/:id',
    summary: 'Change a drafted request: subject, text, channel, country of the holidays, delivery days',
  },
  sendRequest: {
    method: 'POST',
    path: '/api/requests/:id/send',
    summary: 'Send the drafted e-mail (request or admonition) through the outbox, once',
  },
  markRequestSent: {
    method: 'POST',
    path: '/api/requests/:id/sent',
    summary:
      'The drafted letter, web-form text or complaint went out by hand on `on` (a letter with the days the post takes)',
  },
  requestLetter: {
    method: 'GET',
    path: '/api/requests/:id/letter.pdf',
    summary:
      "The drafted letter's PDF, for a window envelope, dated `date` (answers application/pdf, as an attachment)",
  },
  requestBundle: {
    method: 'GET',
    path: '/api/requests/:id/bundle.pdf',
    summary:
      "The complaint's PDF: the complaint, then the request's whole history and its deadlines (answers application/pdf, as an attachment)",
  },
  requestExtension: {
    method: 'POST',
    path: '/api/requests/:id/extension',
    summary: 'The controller said it needs longer (Art. 12(3)): when, and its reasons',
  },
  requestReceived: {
    method: 'POST',
    path: '/api/requests/:id/received',
    summary: 'A message from the controller recorded by hand: a letter that came, a call written down',
  },
  requestAnswered: {
    method: 'POST',
    path: '/api/requests/:id/answered',
    summary: 'An answer came: complete, or with the Art. 15 items it left out',
  },
  importRequestAnswer: {
    method: 'POST',
    path: '/api/requests/:id/answers',
    summary:
      "Import their answer: the file's bytes as the body (a ZIP of JSON, CSV, HTML, PDF and text, or one file), its name in `name`",
  },
  importRequestAnswerFromMail: {
    method: 'POST',
    path: '/api/requests/:id/answers/from-message',
    summary: 'Import the answer attached to a stored mail message',
  },
  requestComparison: {
    method: 'GET',
    path: '/api/requests/:id/comparison',
    summary:
      'What the answers hold against what you gave: never given, outdated, left out, passed on, unknown (null before an answer)',
  },
  admonishRequest: {
    method: 'POST',
    path: '/api/requests/:id/admonish',
    summary: 'Draft an admonition from the facts: overdue, items missing, left out, more ID than needed…',
  },
  complainRequest: {
    method: 'POST',
    path: '/api/requests/:id/complain',
    summary: 'Draft a complaint to the competent supervisory authority (by residence or the controller)',
  },
  requestDone: {
    method: 'POST',
    path: '/api/requests/:id/done',
    summary: 'Close a request: dealt with',
  },
  withdrawRequest: {
    method: 'POST',
    path: '/api/requests/:id/withdraw',
    summary: 'Withdraw a request',
  },
  listAuthorities: {
    method: 'GET',
    path: '/api/authorities',
    summary: 'The supervisory authorities of the directory (57), of one country when asked (country=DE-BY)',
  },
  startRequestCampaign: {
    method: 'POST',
    path: '/api/request-campaigns',
    summary: 'Ask many providers in one step: everyone who holds a fact, or every provider of a category',
  },
  listRequestCampaigns: {
    method: 'GET',
    path: '/api/request-campaigns',
    summary: 'Request campaigns, each with its requests and how many are at each status',
  },
  getRequestCampaign: {
    method: 'GET',
    path: '/api/request-campaigns/:id',
    summary: "A request campaign: counts per status and each provider's request",
  },
  sendRequestCampaign: {
    method: 'POST',
    path: '/api/request-campaigns/:id/send',
    summary: 'Send every drafted e-mail of a request campaign through the outbox',
  },
} as const;
