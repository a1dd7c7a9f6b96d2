/** `vrm keys …`: the person's signing keys. */
import type { JsonOption } from '../../options.js';
import { printJson, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { writeOut } from './input.js';

export async function listKeys({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.keys.list();
  if (o.json) {
    printJson(rows);
    return;
  }
  const names = new Map<number, string>();
  for (const id of new Set(rows.flatMap((k) => (k.providerId === null ? [] : [k.providerId])))) {
    names.set(id, (await services.providers.get(id)).name);
  }
  printTable(rows, [
    { header: 'id', value: (k) => k.id, align: 'right' },
    { header: 'kid (RFC 7638 thumbprint)', value: (k) => k.kid, maxWidth: 50 },
    { header: 'alg', value: (k) => k.alg },
    {
      header: 'for',
      value: (k) =>
        k.providerId === null ? 'you (published)' : `${names.get(k.providerId) ?? k.providerId} only`,
      maxWidth: 30,
    },
    { header: 'created', value: (k) => k.createdAt.slice(0, 10) },
    {
      header: 'status',
      value: (k) =>
        k.retiredAt !== null
          ? `retired ${k.retiredAt.slice(0, 10)}, verifies only`
          : k.current
            ? 'signs'
            : 'no private half, verifies only',
    },
  ]);
}

export async function exportKeys({ services }: Session, o: { out?: string }): Promise<void> {
  const jwks = `${JSON.stringify(await services.keys.jwks(), null, 2)}\n`;
  if (o.out) writeOut(o.out, jwks, 'the public keys (JWK set)');
  else process.stdout.write(jwks);
}

export async function rotateKeys({ services }: Session): Promise<void> {
  const { current, retired } = await services.keys.rotate();
  say(
    `New signing key ${current.kid}; ${retired.length} older key(s) retired: their private half ` +
      'is destroyed, their public half kept to verify what they signed before',
  );
}
