import { describe, expect, it } from 'vitest';
import type { AlertView, SubscriptionsOverview } from '../money/service.js';
import { useApiServer } from '../test/http.js';
import { fixedClock } from '../test/store.js';
import { seedSubscriptions } from '../test/subscriptions.js';

/** The alerts on My money over HTTP (issue 17, point 3): dismissing, restoring, a case from one. */
const PASSPHRASE = 'alerts on my money over http';

const api = useApiServer('alerts', PASSPHRASE, {
  seedClock: fixedClock(),
  seed: seedSubscriptions,
  clock: fixedClock(),
});

const overview = async (all = false): Promise<SubscriptionsOverview> =>
  (
    await api.browser.call('GET', `/api/money/subscriptions${all ? '?all=true' : ''}`)
  ).json<SubscriptionsOverview>();
const path = (alert: AlertView, action: string) =>
  `/api/money/alerts/${encodeURIComponent(alert.key)}/${action}`;

describe('the alerts on my money', () => {
  it('dismisses an alert by its key and shows it again', async () => {
    const rise = (await overview()).alerts.find((a) => a.kind === 'price-rise');
    expect(rise).toMatchObject({ state: 'open', title: 'Streamline TV' });
    if (!rise) return;
    const dismissed = await api.browser.call('POST', path(rise, 'dismiss'));
    expect(dismissed.status, dismissed.text).toBe(200);
    expect((await overview()).alerts.map((a) => a.key)).not.toContain(rise.key);
    expect((await overview()).dismissed).toBe(1);
    expect((await overview(true)).alerts.find((a) => a.key === rise.key)?.state).toBe('dismissed');
    const restored = await api.browser.call('POST', path(rise, 'restore'));
    expect(restored.status, restored.text).toBe(200);
    expect((await overview()).alerts.find((a) => a.key === rise.key)?.state).toBe('open');
  });

  it('opens a case once for a charge after the contract ended, by the number the overview gives', async () => {
    const still = (await overview()).alerts.find((a) => a.kind === 'still-charging');
    if (!still) throw new Error('no still-charging alert');
    const first = await api.browser.call('POST', `/api/money/alerts/${String(still.number)}/case`);
    expect(first.status, first.text).toBe(200);
    const opened = first.json<{
      created: boolean;
      case: { id: number; title: string; providerId: number };
    }>();
    expect(opened).toMatchObject({
      created: true,
      case: { title: 'Charged after the contract ended: Membership' },
    });
    const again = (await api.browser.call('POST', path(still, 'case'))).json<{
      created: boolean;
      case: { id: number };
    }>();
    expect(again).toMatchObject({ created: false, case: { id: opened.case.id } });
    const view = await api.browser.call('GET', `/api/providers/${String(opened.case.providerId)}`);
    const cases = view.json<{ cases: { title: string }[] }>().cases;
    expect(cases.filter((c) => c.title.startsWith('Charged after the contract ended'))).toHaveLength(1);
    expect((await overview()).alerts.find((a) => a.key === still.key)).toMatchObject({
      state: 'case',
      caseId: opened.case.id,
    });
  });

  it('answers bad input with what is wrong, never a stack trace', async () => {
    const rise = (await overview()).alerts.find((a) => a.kind === 'price-rise');
    if (!rise) throw new Error('no price-rise alert');
    const cases: [string, number, RegExp][] = [
      ['/api/money/alerts/999/dismiss', 404, /no alert is known by 999/u],
      [path(rise, 'case'), 400, /a case can be opened for a charge after a contract ended/u],
      [path(rise, 'restore'), 400, /is not dismissed: nothing to restore/u],
    ];
    for (const [url, status, message] of cases) {
      const answer = await api.browser.call('POST', url);
      expect.soft(answer.status, url).toBe(status);
      expect.soft(answer.text, url).toMatch(message);
    }
    const bad = await api.browser.call('GET', '/api/money/subscriptions?all=perhaps');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/all/u);
  });
});
