/** The HTTP routes of intents (issue 18): name → method and path (see routes.ts). Imports nothing. */
export const INTENT_ROUTES = {
  listPersonas: {
    method: 'GET',
    path: '/api/personas',
    summary: 'The personas: pseudonyms with an alias and a key of their own, with whom each was shown to',
  },
  addPersona: {
    method: 'POST',
    path: '/api/personas',
    summary:
      'Make a persona: its alias (on a catch-all domain), a display name, a key of its own, and what it says of you, generalised',
  },
  getPersona: { method: 'GET', path: '/api/personas/:id', summary: 'A persona' },
  retirePersona: {
    method: 'POST',
    path: '/api/personas/:id/retire',
    summary: 'Retire a persona: no new intent uses it; its alias stays watched',
  },
  personaLeaks: {
    method: 'GET',
    path: '/api/personas/:id/leaks',
    summary:
      "Who wrote to a persona's alias without having been shown it, once its intents are closed or it is retired",
  },
  listIntents: {
    method: 'GET',
    path: '/api/intents',
    summary: 'The intents: what you want to buy, each under a persona',
  },
  addIntent: {
    method: 'POST',
    path: '/api/intents',
    summary:
      'Make an intent under a persona, as a draft: what, where, when, budget, terms and the answer-by day',
  },
  getIntent: { method: 'GET', path: '/api/intents/:id', summary: 'An intent' },
  intentDocument: {
    method: 'GET',
    path: '/api/intents/:id/document',
    summary:
      "An intent as published: the schema.org Demand, signed by its persona's key (compact JWS), the key, the text for a web form, and the JWS as a QR code",
  },
  intentVendors: {
    method: 'GET',
    path: '/api/intents/:id/vendors',
    summary:
      "The vendors an intent goes to, with where it is with each, and those it could go to: the ledger's and the directory's of its category",
  },
  changeIntentVendors: {
    method: 'POST',
    path: '/api/intents/:id/vendors',
    summary:
      'Add vendors to an intent (providers by name or id, directory organisations as `directory:slug`) or take them off',
  },
  sendIntent: {
    method: 'POST',
    path: '/api/intents/:id/send',
    summary:
      "Send the intent to each vendor it has not gone to, from the persona's alias, through the outbox",
  },
  compareOffers: {
    method: 'GET',
    path: '/api/intents/:id/offers',
    summary:
      'The offers for an intent side by side as yearly costs, against the current contract, and the vendors still to answer',
  },
  addOffer: {
    method: 'POST',
    path: '/api/offers',
    summary: 'Enter an offer by hand: the intent, the vendor, and what it offers',
  },
  importOffer: {
    method: 'POST',
    path: '/api/intents/:id/offers/import',
    summary: 'Import an offer sent as a schema.org Offer in JSON-LD',
  },
  getOffer: { method: 'GET', path: '/api/offers/:id', summary: 'An offer' },
  acceptOffer: {
    method: 'POST',
    path: '/api/offers/:id/accept',
    summary:
      "Accept an offer: reveal to that vendor only the facts chosen, signed (SD-JWT), from the persona's alias; optionally decline the others",
  },
  rateOffer: {
    method: 'POST',
    path: '/api/offers/:id/rate',
    summary: 'Compare an offer in another currency at your rate: what one unit of its currency is worth',
  },
} as const;
