/**
 * The HTTP routes of who knows what: terms, policies, the disclosure ledger, agreements, consent
 * receipts, signed packages and keys (name → method and path; see routes.ts). Imports nothing.
 */
export const DISCLOSURE_ROUTES = {
  listTerms: {
    method: 'GET',
    path: '/api/terms',
    summary: 'The roster of standard agreements and your own terms',
  },
  addTerms: { method: 'POST', path: '/api/terms', summary: 'Write your own terms' },
  deleteTerms: {
    method: 'DELETE',
    path: '/api/terms',
    summary: 'Delete your own terms that nothing refers to (?code=)',
  },
  listPolicies: {
    method: 'GET',
    path: '/api/policies',
    summary: 'Disclosure policies (those that apply to one provider with ?provider=)',
  },
  addPolicy: {
    method: 'POST',
    path: '/api/policies',
    summary: 'Add a disclosure policy for a provider, a category or everyone; a contradictory one is refused',
  },
  checkPolicy: {
    method: 'POST',
    path: '/api/policies/check',
    summary:
      'A provider asks for these fields for these purposes: the allowed subset, with a reason for each',
  },
  deletePolicy: { method: 'DELETE', path: '/api/policies/:id', summary: 'Delete a disclosure policy' },
  disclosureMatrix: {
    method: 'GET',
    path: '/api/disclosures/matrix',
    summary: 'The who-knows-what grid: providers × facts, outdated cells marked',
  },
  listDisclosures: {
    method: 'GET',
    path: '/api/disclosures',
    summary: 'The disclosure ledger, with filters',
  },
  addDisclosure: {
    method: 'POST',
    path: '/api/disclosures',
    summary:
      'Record facts or identities already given to a provider; what the policy check would have said comes back with it',
  },
  shareDisclosure: {
    method: 'POST',
    path: '/api/disclosures/share',
    summary:
      'Share facts or identities with a provider today: the policy check governs it (override with a reason)',
  },
  previewDisclosure: {
    method: 'POST',
    path: '/api/disclosures/preview',
    summary: 'Run the checks of recording a disclosure without recording it',
  },
  withdrawDisclosure: {
    method: 'POST',
    path: '/api/disclosures/:id/withdraw',
    summary: 'Mark a disclosure withdrawn (the provider erased it, or was told to)',
  },
  factHolders: {
    method: 'GET',
    path: '/api/facts/:id/holders',
    summary: 'Who holds a fact, and who holds an outdated version',
  },
  providerKnows: {
    method: 'GET',
    path: '/api/providers/:id/knows',
    summary: 'Everything a provider knows about you, and since when',
  },
  listAgreements: {
    method: 'GET',
    path: '/api/agreements',
    summary: 'Agreements proffered, and the answers',
  },
  addAgreement: {
    method: 'POST',
    path: '/api/agreements',
    summary: 'Proffer terms to a provider (signed record)',
  },
  answerAgreement: {
    method: 'POST',
    path: '/api/agreements/:id/answer',
    summary: "Record the provider's answer: accepted, rejected or countered, with evidence (signed record)",
  },
  showAgreement: {
    method: 'GET',
    path: '/api/agreements/:id',
    summary: 'An agreement with every signed state (proffer, answer) and the countersignature',
  },
  verifyAgreement: {
    method: 'GET',
    path: '/api/agreements/:id/verify',
    summary:
      "Check every signed state of an agreement, the chain between them, the organisation's countersignature, and that the current record matches the store",
  },
  exportAgreement: {
    method: 'GET',
    path: '/api/agreements/:id/export',
    summary:
      'The record both sides keep: every signed state, the exact terms text, and what the organisation signs to countersign (docs/formats.md)',
  },
  countersignAgreement: {
    method: 'POST',
    path: '/api/agreements/:id/countersignature',
    summary:
      "Import the organisation's countersignature of the current record, checked with its public key (a JWK; nothing is fetched)",
  },
  verifyAgreementRecord: {
    method: 'POST',
    path: '/api/agreements/verify-record',
    summary:
      "Verify an exported agreement record: your signatures, the chain, the terms text and the organisation's countersignature",
  },
  listReceipts: { method: 'GET', path: '/api/receipts', summary: 'Consent receipts (Kantara CR v1.1)' },
  getReceipt: {
    method: 'GET',
    path: '/api/receipts/:id',
    summary: 'A consent receipt: the signed JWS, the Kantara JSON and the ISO/IEC TS 27560 record',
  },
  verifyReceipt: {
    method: 'POST',
    path: '/api/receipts/verify',
    summary:
      'Verify a consent receipt JWS: signature, type, the fields Kantara CR v1.1 requires, and its key',
  },
  listPackages: { method: 'GET', path: '/api/packages', summary: 'Signed disclosure packages (SD-JWT VC)' },
  addPackage: {
    method: 'POST',
    path: '/api/packages',
    summary:
      'Sign a package of facts for a provider under your terms; recorded in the ledger, with a receipt',
  },
  presentPackage: {
    method: 'POST',
    path: '/api/packages/:id/present',
    summary: 'A presentation disclosing the chosen claims, with its QR code (SVG and PNG) and JSON bundle',
  },
  verifyPresentation: {
    method: 'POST',
    path: '/api/verify',
    summary:
      'Verify an SD-JWT presentation (RFC 9901): signature, disclosures, dates and key binding; trusted says whether the signer is yours or the key given',
  },
  listKeys: { method: 'GET', path: '/api/keys', summary: 'Your signing keys, current and retired' },
  exportKeys: { method: 'GET', path: '/api/keys/jwks', summary: 'Your public keys as a JWK set' },
  rotateKeys: {
    method: 'POST',
    path: '/api/keys/rotate',
    summary: 'Make a new signing key; the old ones stay for verification',
  },
} as const;
