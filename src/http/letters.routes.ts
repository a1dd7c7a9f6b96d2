/** The HTTP routes of the letters area: name → method and path (see routes.ts). Imports nothing. */
export const LETTER_ROUTES = {
  letterOptions: {
    method: 'GET',
    path: '/api/providers/:id/letter',
    summary:
      'What a letter to a provider would use: its window lines (or why there are none), your postal addresses, the name, customer number, layout and language',
  },
  writeLetter: {
    method: 'POST',
    path: '/api/providers/:id/letter',
    summary:
      'The PDF of a letter to a provider, for a window envelope (answers application/pdf, as an attachment)',
  },
  letterPosted: {
    method: 'POST',
    path: '/api/providers/:id/letter/posted',
    summary:
      "Record that a letter was posted: an outbound letter on the provider's timeline, its PDF kept as a document",
  },
} as const;
