import { useEffect, useState } from 'react';
import { api, ApiError, type ApiOutput } from '../../api';
import { dateText } from '../../format';
import { ATTENTION_LABEL, errorText, type Attention } from './common';

export type Rule = ApiOutput<'listMailRules'>[number];
export type Conditions = Rule['conditions'];
export type Actions = Rule['actions'];
export type Preview = ApiOutput<'previewMailRule'>;
export type Tri = '' | 'yes' | 'no';
export type Status = 'active' | 'former' | 'prospect';

export const TRI: readonly (readonly [Tri, string])[] = [
  ['', 'Any'],
  ['yes', 'Yes'],
  ['no', 'No'],
];
/** The yes / no / any conditions, each one select in the editor. */
export const TRI_CONDITIONS = [
  ['activeContract', 'Active contract'],
  ['openCase', 'Open case'],
  ['leak', 'Suspected leak'],
  ['unknownSender', 'From no known provider'],
  ['list', 'Mailing-list or bulk mail'],
] as const satisfies readonly (readonly [keyof Draft, string])[];
export const STATUSES: readonly (readonly [Status, string])[] = [
  ['active', 'active'],
  ['former', 'former'],
  ['prospect', 'prospect'],
];

/** The editor's fields, as strings and lists, turned into the API's conditions and actions on the way out. */
export interface Draft {
  name: string;
  enabled: boolean;
  providers: number[];
  senders: string;
  senderDomains: string;
  categories: string;
  providerStatus: Status[];
  activeContract: Tri;
  openCase: Tri;
  identities: number[];
  leak: Tri;
  unknownSender: Tri;
  list: Tri;
  keywords: string;
  after: string;
  before: string;
  folder: string;
  attention: '' | Attention;
  mute: boolean;
  flag: boolean;
  caseId: string;
}

export const EMPTY: Draft = {
  name: '',
  enabled: true,
  providers: [],
  senders: '',
  senderDomains: '',
  categories: '',
  providerStatus: [],
  activeContract: '',
  openCase: '',
  identities: [],
  leak: '',
  unknownSender: '',
  list: '',
  keywords: '',
  after: '',
  before: '',
  folder: '',
  attention: '',
  mute: false,
  flag: false,
  caseId: '',
};

export const tri = (value: boolean | undefined): Tri => (value === undefined ? '' : value ? 'yes' : 'no');
export const fromTri = (value: Tri): boolean | undefined => (value === '' ? undefined : value === 'yes');
export const words = (text: string): string[] | undefined => {
  const list = text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
};
export const some = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);
export const blank = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

export function draftOf(rule: Rule): Draft {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    name: rule.name,
    enabled: rule.enabled,
    providers: c.providers ?? [],
    senders: (c.senders ?? []).join(', '),
    senderDomains: (c.senderDomains ?? []).join(', '),
    categories: (c.categories ?? []).join(', '),
    providerStatus: c.providerStatus ?? [],
    activeContract: tri(c.activeContract),
    openCase: tri(c.openCase),
    identities: c.identities ?? [],
    leak: tri(c.leak),
    unknownSender: tri(c.unknownSender),
    list: tri(c.list),
    keywords: (c.keywords ?? []).join(', '),
    after: c.after ?? '',
    before: c.before ?? '',
    folder: a.folder ?? '',
    attention: a.attention ?? '',
    mute: a.mute ?? false,
    flag: a.flag ?? false,
    caseId: a.caseId === undefined ? '' : String(a.caseId),
  };
}

export function conditionsOf(d: Draft): Conditions {
  return {
    providers: some(d.providers),
    senders: words(d.senders),
    senderDomains: words(d.senderDomains),
    categories: words(d.categories),
    providerStatus: some(d.providerStatus),
    activeContract: fromTri(d.activeContract),
    openCase: fromTri(d.openCase),
    identities: some(d.identities),
    leak: fromTri(d.leak),
    unknownSender: fromTri(d.unknownSender),
    list: fromTri(d.list),
    keywords: words(d.keywords),
    after: blank(d.after),
    before: blank(d.before),
  };
}

export function actionsOf(d: Draft): Actions {
  return {
    folder: blank(d.folder),
    attention: d.attention === '' ? undefined : d.attention,
    mute: d.mute || undefined,
    flag: d.flag || undefined,
    caseId: d.caseId === '' ? undefined : Number(d.caseId),
  };
}

export const or = (list: readonly string[]): string =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} or ${list.at(-1) ?? ''}`;

/** A rule's conditions in words: "sent by Acme and mentioning “invoice”". */
export function conditionWords(
  c: Conditions,
  names: { providers: ReadonlyMap<number, string>; identities: ReadonlyMap<number, string> },
): string {
  const parts: string[] = [];
  const yesNo = (v: boolean | undefined, yes: string, no: string) => {
    if (v !== undefined) parts.push(v ? yes : no);
  };
  if (c.providers)
    parts.push(`sent by ${or(c.providers.map((p) => names.providers.get(p) ?? `provider ${p}`))}`);
  if (c.senders) parts.push(`sent from ${or(c.senders)}`);
  if (c.senderDomains) parts.push(`sent from an address at ${or(c.senderDomains)}`);
  if (c.categories) parts.push(`from a provider in category ${or(c.categories)}`);
  if (c.providerStatus) parts.push(`from a provider that is ${or(c.providerStatus)}`);
  yesNo(c.activeContract, 'with an active contract', 'with no active contract');
  yesNo(c.openCase, 'with an open case', 'with no open case');
  if (c.identities)
    parts.push(`sent to ${or(c.identities.map((i) => names.identities.get(i) ?? `identity ${i}`))}`);
  yesNo(c.leak, 'a suspected leak', 'not a suspected leak');
  yesNo(c.unknownSender, 'from no known provider', 'from one of your providers');
  yesNo(c.list, 'list or bulk mail', 'not list mail');
  if (c.keywords) parts.push(`mentioning ${or(c.keywords.map((k) => `“${k}”`))}`);
  if (c.after) parts.push(`sent on or after ${dateText(c.after)}`);
  if (c.before) parts.push(`sent before ${dateText(c.before)}`);
  return parts.length > 0 ? parts.join(' and ') : 'every message';
}

export function actionWords(a: Actions): string {
  const parts: string[] = [];
  if (a.attention) parts.push(`attention ${ATTENTION_LABEL[a.attention].toLowerCase()}`);
  parts.push(`folder ${a.folder ?? 'inbox'}`);
  if (a.mute) parts.push('muted');
  if (a.flag) parts.push('flagged');
  if (a.caseId !== undefined) parts.push(`linked to case ${a.caseId}`);
  return parts.join(', ');
}

/** The first error whose path is this field or inside it (`conditions.keywords[0]`). */
export const errorAt = (errors: Record<string, string>, path: string): string | undefined =>
  Object.entries(errors).find(
    ([k]) => k === path || k.startsWith(`${path}.`) || k.startsWith(`${path}[`),
  )?.[1];

/** Shows how many stored messages the conditions match, asking again 400 ms after the last edit. */
export function usePreview(conditions: Conditions) {
  const key = JSON.stringify(conditions);
  const [preview, setPreview] = useState<Preview | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      api('previewMailRule', { body: { conditions } })
        .then((p) => {
          if (!live) return;
          setPreview(p);
          setErrors({});
          setMessage('');
        })
        .catch((e: unknown) => {
          if (!live) return;
          setPreview(undefined);
          setErrors(e instanceof ApiError ? e.fieldErrors() : {});
          setMessage(errorText(e));
        })
        .finally(() => {
          if (live) setBusy(false);
        });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { preview, errors, message, busy };
}
