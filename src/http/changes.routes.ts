/** The HTTP routes of change campaigns: name → method and path (see routes.ts). Imports nothing. */
export const CHANGE_ROUTES = {
  listCampaigns: {
    method: 'GET',
    path: '/api/campaigns',
    summary: 'Change campaigns, newest first, each with how many providers confirmed',
  },
  startCampaign: {
    method: 'POST',
    path: '/api/campaigns',
    summary: 'Start a campaign for the current version of a fact, to every provider that holds an older one',
  },
  getCampaign: {
    method: 'GET',
    path: '/api/campaigns/:id',
    summary: "A campaign with each provider's channel, identity, notice and state",
  },
  sendCampaign: {
    method: 'POST',
    path: '/api/campaigns/:id/send',
    summary: "Send a campaign's e-mail notices through the outbox (all that are ready, or the items named)",
  },
  followUpCampaign: {
    method: 'POST',
    path: '/api/campaigns/:id/follow-up',
    summary:
      'Draft a follow-up to each provider whose answer is late (or to the sent items named), saying when the first notice went',
  },
  addCampaignProvider: {
    method: 'POST',
    path: '/api/campaigns/:id/providers',
    summary: 'Add a provider to a campaign, with a drafted notice',
  },
  editCampaignItem: {
    method: 'PATCH',
    path: '/api/campaign-items/:id',
    summary: 'Change a notice before it is sent: subject, text or channel',
  },
  dropCampaignItem: {
    method: 'POST',
    path: '/api/campaign-items/:id/drop',
    summary: 'Take a provider off a campaign',
  },
  campaignItemLetter: {
    method: 'POST',
    path: '/api/campaign-items/:id/letter',
    summary:
      "The PDF of a letter notice, for a window envelope, dated the body's `date` (answers application/pdf, as an attachment)",
  },
  markCampaignItemSent: {
    method: 'POST',
    path: '/api/campaign-items/:id/sent',
    summary:
      "Mark a notice sent: a letter posted (its PDF kept as the provider's document), a web form filled in, an e-mail sent by hand",
  },
  acknowledgeCampaignItem: {
    method: 'POST',
    path: '/api/campaign-items/:id/acknowledged',
    summary: 'A reply arrived: the provider has the notice',
  },
  failCampaignItem: {
    method: 'POST',
    path: '/api/campaign-items/:id/failed',
    summary: 'The notice bounced or was refused, with the reason',
  },
  confirmCampaignItem: {
    method: 'POST',
    path: '/api/campaign-items/:id/confirm',
    summary: 'The provider holds the new version: recorded in Who knows what',
  },
} as const;
