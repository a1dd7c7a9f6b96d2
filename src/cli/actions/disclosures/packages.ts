/** `vrm package …`: signed disclosures (SD-JWT VC) of the person's facts for a provider. */
import type { KeyBindingRequest } from '../../../disclosures/packages.js';
import { VrmError } from '../../../platform/errors.js';
import { parseId } from '../../../platform/validation.js';
import type { JsonOption } from '../../options.js';
import { note, printJson, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { ids, items, writeOut } from './input.js';

async function emit(
  session: Session,
  presentation: string,
  packageId: number,
  o: { out?: string; qr?: string; bundle?: string; claims?: string },
  binding?: KeyBindingRequest,
): Promise<void> {
  const { packages } = session.services;
  if (o.out) writeOut(o.out, `${presentation}\n`, 'the SD-JWT');
  if (o.qr) {
    const format = o.qr.toLowerCase().endsWith('.png')
      ? 'png'
      : o.qr.toLowerCase().endsWith('.svg')
        ? 'svg'
        : null;
    if (!format) throw new VrmError('invalid_input', `--qr: ${o.qr}: name the file .svg or .png`);
    writeOut(o.qr, await packages.qr(presentation, format), `a QR code (${format.toUpperCase()})`);
  }
  if (o.bundle) {
    const bundle = await packages.bundle(packageId, o.claims ? items(o.claims) : undefined, binding);
    writeOut(o.bundle, `${JSON.stringify(bundle, null, 2)}\n`, 'the JSON bundle');
  }
  if (!o.out) say(presentation);
}

export async function newPackage(
  session: Session,
  provider: string,
  o: {
    terms?: string;
    purpose?: string;
    facts?: string;
    identities?: string;
    days: string;
    override?: string;
    holderBinding?: boolean;
    out?: string;
    qr?: string;
    bundle?: string;
  },
): Promise<void> {
  await session.services.providers.get(provider);
  if (!o.terms)
    throw new VrmError(
      'invalid_input',
      'package: --terms: name the terms it is given under, such as SD-BASE',
    );
  const validDays = Number(o.days);
  if (!Number.isInteger(validDays) || validDays < 1) {
    throw new VrmError('invalid_input', `--days: expected a positive whole number, got "${o.days}"`);
  }
  const pkg = await session.services.packages.issue({
    provider,
    terms: o.terms,
    purposes: items(o.purpose) as never,
    facts: ids(o.facts, 'fact'),
    identities: ids(o.identities, 'identity'),
    validDays,
    override: o.override ?? null,
    holderBinding: o.holderBinding ?? false,
  });
  note(
    `Package ${pkg.id} for ${pkg.provider} under ${pkg.termsCode}: claims ${pkg.claims.map((c) => c.claim).join(', ')}; valid until ${pkg.expiresAt?.slice(0, 10) ?? '?'}; consent receipt ${pkg.receiptId ?? 'none'}`,
  );
  await emit(session, pkg.sdJwt, pkg.id, o);
}

export async function listPackages(
  { services }: Session,
  o: JsonOption & { provider?: string },
): Promise<void> {
  const rows = await services.packages.list({ provider: o.provider });
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (p) => p.id, align: 'right' },
      { header: 'provider', value: (p) => p.provider },
      { header: 'terms', value: (p) => p.termsCode },
      { header: 'claims', value: (p) => p.claims.map((c) => c.claim).join(','), maxWidth: 40 },
      { header: 'issued', value: (p) => p.issuedAt.slice(0, 10) },
      { header: 'expires', value: (p) => p.expiresAt?.slice(0, 10) ?? '' },
    ],
    'No package yet: `vrm package new PROVIDER --facts 1,2 --terms SD-BASE --purpose service`.',
  );
}

export async function presentPackage(
  session: Session,
  id: string,
  o: { claims?: string; out?: string; qr?: string; bundle?: string; nonce?: string; audience?: string },
): Promise<void> {
  const packageId = parseId(id, 'package');
  if ((o.nonce === undefined) !== (o.audience === undefined)) {
    throw new VrmError(
      'invalid_input',
      'key binding needs both --nonce and --audience: the nonce and the identifier the provider gave',
    );
  }
  const binding =
    o.nonce !== undefined && o.audience !== undefined ? { nonce: o.nonce, audience: o.audience } : undefined;
  const presentation = await session.services.packages.present(
    packageId,
    o.claims ? items(o.claims) : undefined,
    binding,
  );
  await emit(session, presentation, packageId, o, binding);
}
