/** `vrm policy …`: which facts may go to whom, for which purposes, under which terms. */
import { parseId } from '../../../platform/validation.js';
import type { JsonOption } from '../../options.js';
import { printJson, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { items } from './input.js';

export async function listPolicies(
  { services }: Session,
  o: JsonOption & { provider?: string },
): Promise<void> {
  const rows = await services.policies.list({ provider: o.provider });
  if (o.json) {
    printJson(rows);
    return;
  }
  const names = new Map((await services.providers.list()).map((p) => [p.id, p.name]));
  printTable(
    rows,
    [
      { header: 'id', value: (p) => p.id, align: 'right' },
      {
        header: 'scope',
        value: (p) =>
          p.providerId !== null
            ? (names.get(p.providerId) ?? `provider ${p.providerId}`)
            : p.category !== null
              ? `category ${p.category}`
              : 'everyone',
      },
      { header: 'facts', value: (p) => p.factNames.join(', '), maxWidth: 40 },
      { header: 'allow', value: (p) => p.allowPurposes.join(',') },
      { header: 'deny', value: (p) => p.denyPurposes.join(',') },
      { header: 'terms', value: (p) => p.termsCode ?? '' },
      { header: 'note', value: (p) => p.note ?? '' },
    ],
    'No policy yet: nothing may go anywhere until one allows it. `vrm policy add --facts "*" --allow service` is a start.',
  );
}

export async function addPolicy(
  { services }: Session,
  o: {
    facts: string;
    provider?: string;
    category?: string;
    allow?: string;
    deny?: string;
    terms?: string;
    note?: string;
  },
): Promise<void> {
  const p = await services.policies.add({
    provider: o.provider ?? null,
    category: o.category ?? null,
    facts: items(o.facts),
    allow: items(o.allow) as never,
    deny: items(o.deny) as never,
    terms: o.terms ?? null,
    note: o.note ?? null,
  });
  say(
    `Policy ${p.id}: ${p.factNames.join(', ')}${p.allowPurposes.length ? `; allows ${p.allowPurposes.join(', ')}` : ''}${p.denyPurposes.length ? `; denies ${p.denyPurposes.join(', ')}` : ''}${p.termsCode ? ` under ${p.termsCode}` : ''}`,
  );
}

export async function deletePolicy({ services }: Session, id: string): Promise<void> {
  const policyId = parseId(id, 'policy');
  await services.policies.delete(policyId);
  say(`Deleted policy ${policyId}`);
}

export async function checkPolicy(
  { services }: Session,
  provider: string,
  o: JsonOption & { fields?: string; purpose?: string; terms?: string },
): Promise<void> {
  await services.providers.get(provider);
  const answer = await services.policies.evaluate({
    provider,
    fields: items(o.fields),
    purposes: items(o.purpose),
    terms: o.terms ?? null,
  });
  if (o.json) {
    printJson(answer);
    return;
  }
  say(
    `${answer.provider} asks for ${answer.decisions.length} field(s) for ${answer.purposes.join(', ')}${answer.termsCode ? ` under ${answer.termsCode}` : ''}: ${answer.allowed.length} may go.`,
  );
  printTable(answer.decisions, [
    { header: 'field', value: (d) => d.label },
    { header: 'allowed', value: (d) => (d.allowed ? 'yes' : 'NO') },
    { header: 'reason', value: (d) => d.reason, maxWidth: 90 },
  ]);
}
