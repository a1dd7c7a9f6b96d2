/** `vrm receipt …`: consent receipts (Kantara CR v1.1, signed as JWS). */
import { existsSync } from 'node:fs';
import { readText } from '../../files.js';
import type { JsonOption } from '../../options.js';
import { heading, printJson, printRecord, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { readPublicJwk, writeOut } from './input.js';

export async function listReceipts(
  { services }: Session,
  o: JsonOption & { provider?: string },
): Promise<void> {
  const rows = await services.disclosures.receipts({ provider: o.provider });
  if (o.json) {
    printJson(rows.map(({ jws: _jws, ...r }) => r));
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (r) => r.id, align: 'right' },
      { header: 'receipt', value: (r) => r.receiptId },
      { header: 'issued', value: (r) => r.issuedAt.slice(0, 10) },
      { header: 'controller', value: (r) => r.receipt.piiControllers[0]?.piiController ?? '' },
      {
        header: 'purposes',
        value: (r) => (r.receipt.services[0]?.purposes ?? []).map((p) => p.purpose).join(','),
      },
      { header: 'policy', value: (r) => r.receipt.policyUrl, maxWidth: 36 },
    ],
    'No receipt yet: one is issued for each disclosure recorded under terms.',
  );
}

export async function exportReceipt(
  { services }: Session,
  ref: string,
  o: { format: 'jws' | 'kantara' | 'iso27560'; out?: string },
): Promise<void> {
  const r = await services.disclosures.receipt(ref.trim());
  const content =
    o.format === 'jws'
      ? `${r.jws}\n`
      : `${JSON.stringify(o.format === 'kantara' ? r.receipt : r.iso27560, null, 2)}\n`;
  if (o.out) writeOut(o.out, content, `receipt ${r.receiptId}`);
  else process.stdout.write(content);
}

/**
 * `vrm receipt verify FILE|-`: checks a consent receipt someone holds (a JWS file, standard input,
 * or the JWS itself) and prints what it says.
 */
export async function verifyReceipt(
  { services }: Session,
  input: string,
  o: JsonOption & { key?: string },
): Promise<void> {
  const text = input === '-' || existsSync(input) ? readText(input, 'the receipt') : input;
  const key = o.key ? readPublicJwk(o.key) : undefined;
  const v = await services.disclosures.verifyReceipt(text, key ? { key } : {});
  if (o.json) {
    printJson(v);
    return;
  }
  const r = v.receipt;
  const controller = r.piiControllers[0];
  say(
    `Valid consent receipt (Kantara CR v1.1): signed by ${v.knownKey ? 'one of your keys' : 'the key given'}, issued by ${v.issuedBy === 'PII Principal' ? 'the person (PII principal)' : 'its PII controller'}`,
  );
  printRecord([
    ['receipt', r.consentReceiptID],
    ['given', new Date(r.consentTimestamp * 1000).toISOString()],
    ['by (PII principal)', r.piiPrincipalId],
    ['to (PII controller)', controller?.piiController ?? null],
    ['controller contact', controller ? `${controller.email}, ${controller.phone}` : null],
    ['jurisdiction', r.jurisdiction],
    ['how', r.collectionMethod],
    ['policy', r.policyUrl],
    ['signing key', v.signer],
  ]);
  heading('Purposes');
  for (const service of r.services) {
    for (const p of service.purposes) {
      const shared = p.thirdPartyDisclosure ? `; shared with ${p.thirdPartyName ?? '?'}` : '';
      say(
        `${p.purpose ?? '(unnamed)'} [${p.purposeCategory.join(', ')}]: ${p.piiCategory.join(', ')}; ${p.termination}${shared}`,
      );
    }
  }
}
