import { letterBody, letterPostedBody } from '../letters/schemas.js';
import { endpoint } from './endpoint.js';

/** What each JSON route of the letters area does; the PDF itself is a download (app/data.ts). */
export const LETTER_ENDPOINTS = {
  letterOptions: endpoint({ run: ({ services, id }) => services.letters.options(id) }),
  letterPosted: endpoint({
    body: letterBody.extend(letterPostedBody.pick({ postedOn: true, notes: true }).shape),
    label: 'letter',
    run: ({ services, id, body }) => services.letters.posted({ ...body, providerId: id }),
  }),
};
