/**
 * The words of data-subject requests (GDPR Art. 7(3), 15–21), their admonitions and complaints,
 * in English and German, written in our own words and citing the article each rests on. Pure
 * functions: the request proceedings (service.ts) choose what to say; these say it.
 */
export {
  ACCESS_ITEMS,
  cite,
  citeLaw,
  dayIn,
  KIND_LABELS,
  LANGUAGES,
  LAW,
  REQUEST_KINDS,
  type AccessItem,
  type AccessItemKey,
  type Language,
  type RequestKind,
} from './texts/kinds.js';
export { TEXT_WORDS, type Channel, type Identification, type TextParts } from './texts/common.js';
export { requestParts, requestText, type RectifyFact, type RequestTextInput } from './texts/request.js';
export {
  admonitionParts,
  admonitionText,
  complaintParts,
  complaintText,
  type AdmonitionInput,
  type AdmonitionReason,
  type ComplaintInput,
} from './texts/escalation.js';
