import { CLASSIFICATION_FIELDS, type Classification } from '../classify.js';
import { flag, type MessageRow } from './columns.js';

// Apart from columns.ts, which the search worker loads: it has no need of classify.ts.

/**
 * A classification as the columns of `messages` hold it: the return type names every field of
 * the one list, and fails to compile if one is not a message column of the same name.
 */
export const classificationColumns = (
  c: Classification,
): Pick<MessageRow, (typeof CLASSIFICATION_FIELDS)[number]> => ({
  identityId: c.identityId,
  identityProviderId: c.identityProviderId,
  identityAddress: c.identityAddress,
  identityHeader: c.identityHeader,
  identityHow: c.identityHow,
  senderKey: c.senderKey,
  senderProviderId: c.senderProviderId,
  senderLabel: c.senderLabel,
  senderEvidence: c.senderEvidence,
  leak: flag(c.leak),
  isList: flag(c.isList),
});
