/** `vrm verify`: checks an SD-JWT presentation, from whoever it came. */
import { existsSync, statSync } from 'node:fs';
import { SD_JWT_LIMITS, type SdJwtProfile } from '../../../disclosures/sd-jwt.js';
import { VrmError } from '../../../platform/errors.js';
import { CliOutcome } from '../../exit.js';
import { readText } from '../../files.js';
import type { JsonOption } from '../../options.js';
import { heading, printJson, printRecord, say } from '../../output.js';
import type { Session } from '../../session.js';
import { readPublicJwk } from './input.js';

const UNKNOWN_SIGNER =
  'signed by a key that is not yours and was not given with --key: this proves only that the token was not changed after signing, not who signed it';

/**
 * `vrm verify`: the SD-JWT from a file, standard input or the argument. The file is sized before
 * it is read, and the key file is checked here, so that a mistake names the file.
 */
export async function verify(
  { services }: Session,
  input: string,
  o: JsonOption & { key?: string; nonce?: string; audience?: string; profile?: SdJwtProfile },
): Promise<void> {
  const isFile = input === '-' || (input.length < 4096 && existsSync(input));
  if (isFile && input !== '-') {
    const { size } = statSync(input);
    if (size > SD_JWT_LIMITS.maxLength + 1024) {
      throw new VrmError(
        'invalid_input',
        `the SD-JWT is not valid: too large: ${input} is ${size.toLocaleString('en')} bytes, more than the ${SD_JWT_LIMITS.maxLength.toLocaleString('en')} vrm accepts`,
      );
    }
  }
  const text = isFile ? readText(input, 'the SD-JWT') : input;
  const key = o.key ? readPublicJwk(o.key) : undefined;
  const v = await services.packages.verify(text, {
    ...(key ? { key } : {}),
    profile: o.profile,
    nonce: o.nonce,
    audience: o.audience,
  });
  if (o.json) printJson(v);
  else {
    say(
      v.trusted
        ? `Valid: signed by ${v.keySource === 'given' ? `the key in ${o.key ?? 'the file given'}` : 'one of your keys'}`
        : 'Intact, but the signer is unknown (see the note below)',
    );
    printRecord([
      ['type', v.vct || null],
      ['issuer', v.issuer.length > 80 ? `${v.issuer.slice(0, 77)}...` : v.issuer],
      ['issued', v.issuedAt],
      ['expires', v.expiresAt],
      ['recipient', v.recipient ? JSON.stringify(v.recipient) : null],
      ['terms', v.terms ? JSON.stringify(v.terms) : null],
      ['purposes', Array.isArray(v.purposes) ? v.purposes.join(', ') : null],
      ['consent receipt', typeof v.receipt === 'string' ? v.receipt : null],
      ['key binding', v.keyBinding ? `for ${v.keyBinding.audience}, made ${v.keyBinding.issuedAt}` : null],
      ['hidden', `${String(v.withheld)} digests: withheld claims and decoys, which no one can tell apart`],
    ]);
    heading('Disclosed');
    for (const [name, value] of Object.entries(v.disclosed)) {
      say(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  }
  if (!v.trusted) throw new CliOutcome('unknown_signer', UNKNOWN_SIGNER);
}
