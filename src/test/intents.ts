import { execFileSync } from 'node:child_process';
import type { Services } from '../app.js';
import { addPeriod } from '../platform/dates.js';

/** A vendor of the intent tests: its name, where quotes go, and the alias the person gave it. */
export interface TestVendor {
  readonly name: string;
  readonly quotes: string;
  /** The person's own alias for it: the persona's mail must never carry it. */
  readonly alias: string;
}

export const INSURERS: readonly TestVendor[] = [
  { name: 'Aegis Insurance', quotes: 'quotes@aegis.example', alias: 'alex+aegis@morgan-home.example' },
  {
    name: 'Harbour Mutual',
    quotes: 'sales@harbourmutual.example',
    alias: 'alex+harbour@morgan-home.example',
  },
  { name: 'Kestrel Direct', quotes: 'new@kestrel.example', alias: 'alex+kestrel@morgan-home.example' },
];

/** Every form in which the person could be given away, as plain strings a test looks for. */
export interface PersonSecrets {
  readonly strings: readonly string[];
  readonly phoneDigits: string;
}

/**
 * Alex, with everything a persona must never carry: a name, a main e-mail, a phone, a home and a
 * former home, an IBAN, a driving licence, the main signing key, and the aliases given to the
 * insurers (Aegis holds the car insurance, £612 a year). The catch-all domain for personas is one
 * that names no one. The intent is answered by 13 days after `today` (the store's by default). Returns the persona-relevant ids and the strings to look for.
 */
export async function alexShopping(s: Services, options: { readonly today?: string } = {}) {
  const name = await s.vault.add({
    kind: 'name',
    label: 'Name',
    value: { full: 'Alex Morgan', given: 'Alex', family: 'Morgan' },
  });
  await s.vault.add({ kind: 'email', label: 'Main', value: { address: 'alex.morgan@morgan-home.example' } });
  await s.vault.add({ kind: 'phone', label: 'Mobile', value: { number: '+447400123456' } });
  const home = await s.vault.add({
    kind: 'postal_address',
    label: 'Home',
    value: { lines: ['14 Quay Street'], locality: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
    validFrom: '2024-03-01',
  });
  await s.vault.add({ kind: 'bank_account', label: 'Current', value: { iban: 'GB33BUKB20201555555555' } });
  const licence = await s.vault.add({
    kind: 'identity_document',
    label: 'Licence',
    value: { document_type: 'driving_licence', number: 'MORGA801234AB9CD', issuer: 'DVLA' },
  });
  const mainKey = await s.keys.ensure();
  const vendorIds: number[] = [];
  for (const v of INSURERS) {
    // A country and a phone: what a consent receipt names of a vendor the person contracts with.
    const provider = await s.providers.add({
      name: v.name,
      supportEmail: v.quotes,
      category: 'insurance',
      country: 'GB',
      phone: '+44 20 7946 0000',
    });
    await s.identities.addEmail({ provider: provider.id, address: v.alias });
    vendorIds.push(provider.id);
  }
  await s.contracts.add({
    providerId: vendorIds[0] ?? 0,
    name: 'Car insurance',
    kind: 'contract',
    price: '612,00',
    currency: 'GBP',
    billingCycle: 'yearly',
    startDate: '2026-01-15',
    term: '1 year',
    renewsOn: '2027-01-15',
    noticePeriod: '14 days',
    autoRenews: true,
  });
  await s.identities.addStrategy({ kind: 'catchall', base: 'shop-17.example' });
  const persona = await s.personas.create({
    displayName: 'Quiet Harbour',
    states: [{ fact: home.id, form: 'postcode_area' }, { says: 'no claims for 6 years' }],
  });
  const intent = await s.intents.create({
    persona: persona.id,
    category: 'car insurance',
    description: 'Comprehensive cover for a 2019 hatchback, 8,000 miles a year.',
    where: 'postcode area BS1',
    from: '2027-01-15',
    budget: { amount: '600,00', currency: 'GBP', per: 'year' },
    // Thirteen days on: 2026-12-20 for the tests on a fixed clock; `today` for a command line
    // that runs on the real one.
    answerBy: addPeriod(options.today ?? s.today(), { count: 13, unit: 'D' }) ?? '',
  });
  const secrets: PersonSecrets = {
    strings: [
      'Alex Morgan',
      'Morgan',
      'alex.morgan@morgan-home.example',
      'morgan-home.example',
      ...INSURERS.map((v) => v.alias),
      '14 Quay Street',
      'BS1 4DJ',
      'BS14DJ',
      'GB33BUKB20201555555555',
      'GB33 BUKB 2020 1555 5555 55',
      'MORGA801234AB9CD',
      mainKey.kid,
      String(mainKey.jwk.x),
    ],
    phoneDigits: '7400123456',
  };
  return { persona, intent, vendorIds, name: name.id, home: home.id, licence: licence.id, secrets };
}

/**
 * A message decoded by an independent reader (Python's `email` package): every header decoded
 * (RFC 2047) and every part's content decoded (quoted-printable, base64), as one text. What a test
 * scans for the person's facts, so an encoding never hides one.
 */
export function decodedMime(raw: Buffer): string {
  const script = `
import sys, email
from email import policy
msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)
out = []
def walk(part):
    for name, value in part.items():
        out.append(f"{name}: {value}")
    if part.is_multipart():
        for sub in part.iter_parts():
            walk(sub)
    else:
        payload = part.get_payload(decode=True) or b""
        out.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
walk(msg)
sys.stdout.write("\\n".join(out))
`;
  return execFileSync('python3', ['-c', script], { input: raw, encoding: 'utf8' });
}

/** What of the person a text holds, in any of the forms listed, ignoring case and spacing of digits. */
export function personIn(text: string, secrets: PersonSecrets): string[] {
  const lower = text.toLowerCase();
  const found = secrets.strings.filter((s) => lower.includes(s.toLowerCase()));
  if (text.replace(/\D/g, '').includes(secrets.phoneDigits)) found.push(`phone ${secrets.phoneDigits}`);
  return found;
}
