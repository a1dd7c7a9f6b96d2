import { useState } from 'react';
import { api, type ApiBody, type ApiOutput } from '../api';
import { Field, FormShell, opt, useSubmit } from '../components/Form';
import { dateText } from '../format';
import { useLoad } from '../useLoad';
import { Ticks } from './WhoKnows';
import { PURPOSE_OPTIONS, providerOptions, useProviders } from '../choices';
import { claimText, claimWords, readableClaims } from '../../../src/disclosures/claim-text';

type Presented = ApiOutput<'presentPackage'>;
type Verified = ApiOutput<'verifyPresentation'>;
type Package = ApiOutput<'listPackages'>[number];

/** Saves text as a file through the browser's download. */
function saveAs(name: string, content: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([content], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function NewPackage({ done, onCancel }: { done: (pkg: { id: number }) => void; onCancel: () => void }) {
  const providers = useProviders();
  const facts = useLoad(() => api('listFacts', { query: {} }), []);
  const terms = useLoad(() => api('listTerms'), []);
  const [provider, setProvider] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [code, setCode] = useState('SD-BASE');
  const [purposes, setPurposes] = useState<string[]>(['service']);
  const [days, setDays] = useState('30');
  const [override, setOverride] = useState('');
  const [binding, setBinding] = useState<string[]>([]);
  const form = useSubmit(
    () =>
      api('addPackage', {
        body: {
          provider: Number(provider),
          facts: chosen,
          terms: code,
          // The ticks offer only the purposes the API accepts.
          purposes: purposes as ApiBody<'addPackage'>['purposes'],
          validDays: Number(days),
          override: opt(override) ?? null,
          holderBinding: binding.includes('bind'),
        },
      }),
    done,
  );
  return (
    <FormShell
      title="Sign a disclosure"
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel="Sign"
      onCancel={onCancel}
    >
      <Field
        label="For"
        name="provider"
        value={provider}
        onChange={setProvider}
        required
        options={providerOptions(providers, 'Choose a provider…')}
      />
      <Ticks
        legend="Facts, each a claim you can show or withhold"
        options={(facts.data ?? []).map((f) => [f.id, `${f.label}: ${f.current.summary}`] as const)}
        value={chosen}
        onChange={setChosen}
      />
      <Field
        label="Under terms"
        name="terms"
        value={code}
        onChange={setCode}
        options={(terms.data ?? []).map((t) => [t.code, `${t.code}: ${t.name}`] as const)}
      />
      <Ticks legend="Purposes" options={PURPOSE_OPTIONS} value={purposes} onChange={setPurposes} />
      <Field label="Valid for (days)" name="days" type="number" value={days} onChange={setDays} />
      <Ticks
        legend="Holder binding"
        options={[['bind', 'Bind it to a key of mine, so a presentation can prove it is me presenting']]}
        value={binding}
        onChange={setBinding}
      />
      {form.message.includes('policy check') ? (
        <Field
          label="Why sign it anyway"
          name="override"
          value={override}
          onChange={setOverride}
          hint="Kept with the record"
        />
      ) : null}
    </FormShell>
  );
}

function Presentation({ pkg }: { pkg: Package }) {
  const [claims, setClaims] = useState<string[]>(pkg.claims.map((c) => c.claim));
  const [shown, setShown] = useState<Presented | undefined>();
  const [error, setError] = useState('');
  const [nonce, setNonce] = useState('');
  const [audience, setAudience] = useState('');
  const make = () => {
    setError('');
    const binding = opt(nonce) && opt(audience) ? { nonce, audience } : {};
    api('presentPackage', { id: pkg.id, body: { claims, ...binding } })
      .then(setShown)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <section className="card" aria-label={`Package ${pkg.id}`}>
      <h3>
        Package {pkg.id} for {pkg.provider}{' '}
        <small>
          under {pkg.termsCode}, valid until {dateText(pkg.expiresAt)}
        </small>
      </h3>
      <Ticks
        legend="Show"
        options={pkg.claims.map((c) => [c.claim, `${c.label}: ${claimText(c.value)}`] as const)}
        value={claims}
        onChange={setClaims}
      />
      {pkg.holderBinding ? (
        <>
          <Field
            label="Nonce"
            name="nonce"
            value={nonce}
            onChange={setNonce}
            hint="The challenge the provider gave, for key binding"
          />
          <Field
            label="Audience"
            name="audience"
            value={audience}
            onChange={setAudience}
            hint="Who it is for, as the provider names itself (its web address)"
          />
        </>
      ) : null}
      <div className="actions">
        <button type="button" onClick={make}>
          Make presentation
        </button>
      </div>
      {error ? <p className="error">{error}</p> : null}
      {shown ? (
        <div className="presentation">
          {shown.qrSvg ? (
            // Drawn at its own size (3 CSS px a module), so a phone camera can read it.
            <div
              className="qr-shown"
              role="img"
              aria-label="QR code of the presentation"
              dangerouslySetInnerHTML={{ __html: shown.qrSvg }}
            />
          ) : (
            <p className="notice" role="status">
              {shown.qrNote ?? 'Too long for a QR code.'}{' '}
              <button
                type="button"
                className="small"
                onClick={() => saveAs(`vrm-package-${pkg.id}.sdjwt`, shown.sdJwt, 'application/dc+sd-jwt')}
              >
                Save as a file
              </button>
            </p>
          )}
          <div>
            <label htmlFor={`sd-${pkg.id}`}>SD-JWT</label>
            <textarea id={`sd-${pkg.id}`} readOnly rows={5} value={shown.sdJwt} />
            <p className="actions">
              <button
                type="button"
                className="small"
                onClick={() => void navigator.clipboard.writeText(shown.sdJwt)}
              >
                Copy
              </button>
              <button
                type="button"
                className="small secondary"
                onClick={() => saveAs(`vrm-package-${pkg.id}.sdjwt`, shown.sdJwt, 'application/dc+sd-jwt')}
              >
                File
              </button>
              {shown.qrPng ? (
                <a href={shown.qrPng} download={`vrm-package-${pkg.id}.png`}>
                  QR (PNG)
                </a>
              ) : null}
              <button
                type="button"
                className="small secondary"
                onClick={() =>
                  saveAs(
                    `vrm-package-${pkg.id}.json`,
                    JSON.stringify(shown.bundle, null, 2),
                    'application/json',
                  )
                }
              >
                JSON bundle
              </button>
            </p>
            <dl className="facts claims">
              {readableClaims(shown.bundle.fields).map(([k, v]) => (
                <div key={k}>
                  <dt>
                    {pkg.claims
                      .find((c) => c.claim === k || c.claim.startsWith(`${k}.`))
                      ?.label.split(':')[0] ?? k}
                  </dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function VerifyForm() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<Verified | undefined>();
  const form = useSubmit(() => api('verifyPresentation', { body: { sdJwt: text } }), setResult);
  return (
    <div>
      <FormShell
        title="Verify a presentation"
        onSubmit={(e) => {
          setResult(undefined);
          form.submit(e);
        }}
        message={form.message}
        problems={form.problems}
        busy={form.busy}
        submitLabel="Verify"
      >
        <Field label="SD-JWT" name="sdJwt" value={text} onChange={setText} multiline required />
      </FormShell>
      {result ? (
        <div className="card" role="status">
          <p>
            {result.trusted ? (
              <>
                <strong>Valid.</strong> Signed by one of your keys
              </>
            ) : (
              <>
                <strong>Intact, signer unknown.</strong> Signed by a key that is not yours: this proves only
                that it was not changed after signing, not who signed it
              </>
            )}
            ; issued {result.issuedAt?.slice(0, 10)}, expires {result.expiresAt?.slice(0, 10)};{' '}
            {result.withheld} digest(s) hidden: withheld claims and decoys, which no one can tell apart.
          </p>
          <dl className="facts">
            {readableClaims(result.disclosed).map(([k, v]) => (
              <div key={k}>
                <dt>{claimWords(k)}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}

export function Signed() {
  const packages = useLoad(() => api('listPackages', { query: {} }), []);
  const receipts = useLoad(() => api('listReceipts', { query: {} }), []);
  const keys = useLoad(() => api('listKeys'), []);
  const [making, setMaking] = useState(false);
  const [open, setOpen] = useState<number | undefined>();
  const [receipt, setReceipt] = useState<ApiOutput<'getReceipt'> | undefined>();
  return (
    <div>
      <div className="page-head">
        <h1>Signed disclosures</h1>
        <button type="button" onClick={() => setMaking(true)}>
          Sign a disclosure
        </button>
      </div>
      <p>
        Give a provider your details once, signed with your key and under your terms, as an SD-JWT verifiable
        credential: it can check each field is yours, and you choose which fields to show.
      </p>
      {making ? (
        <NewPackage
          onCancel={() => setMaking(false)}
          done={(pkg) => {
            setMaking(false);
            setOpen(pkg.id);
            packages.reload();
            receipts.reload();
          }}
        />
      ) : null}
      <section>
        <h2>Packages</h2>
        {packages.data?.length === 0 ? <p className="empty">None yet.</p> : null}
        <ul className="list">
          {(packages.data ?? []).map((p) => (
            <li key={p.id}>
              <span className="what">
                {p.provider} · {p.termsCode} ·{' '}
                {[...new Set(p.claims.map((c) => c.label.split(':')[0]))].join(', ')}
              </span>
              <span className="when">{dateText(p.issuedAt)}</span>
              <button
                type="button"
                className="small secondary"
                aria-expanded={open === p.id}
                onClick={() => setOpen(open === p.id ? undefined : p.id)}
              >
                Present
              </button>
            </li>
          ))}
        </ul>
        {(packages.data ?? [])
          .filter((p) => p.id === open)
          .map((p) => (
            <Presentation key={p.id} pkg={p} />
          ))}
      </section>
      <section>
        <h2>Verify</h2>
        <VerifyForm />
      </section>
      <section>
        <h2>Consent receipts</h2>
        {receipts.data?.length === 0 ? (
          <p className="empty">One is issued for each disclosure made under terms.</p>
        ) : null}
        <table>
          <tbody>
            {(receipts.data ?? []).map((r) => (
              <tr key={r.id}>
                <td>{dateText(r.issuedAt)}</td>
                <td>{r.receipt.piiControllers[0]?.piiController}</td>
                <td>{(r.receipt.services[0]?.purposes ?? []).map((p) => p.purpose).join(', ')}</td>
                <td>
                  <code>{r.receiptId}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => void api('getReceipt', { id: r.id }).then(setReceipt)}
                  >
                    Export
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {receipt ? (
          <p className="actions" role="status">
            Receipt {receipt.receiptId}:{' '}
            <button
              type="button"
              className="small secondary"
              onClick={() =>
                saveAs(
                  `receipt-${receipt.receiptId}.json`,
                  JSON.stringify(receipt.receipt, null, 2),
                  'application/json',
                )
              }
            >
              Kantara CR v1.1
            </button>
            <button
              type="button"
              className="small secondary"
              onClick={() => saveAs(`receipt-${receipt.receiptId}.jwt`, receipt.jws, 'application/jwt')}
            >
              Signed (JWS)
            </button>
            <button
              type="button"
              className="small secondary"
              onClick={() =>
                saveAs(
                  `receipt-${receipt.receiptId}-iso27560.json`,
                  JSON.stringify(receipt.iso27560, null, 2),
                  'application/json',
                )
              }
            >
              ISO/IEC TS 27560
            </button>
          </p>
        ) : null}
      </section>
      <section>
        <h2>Your keys</h2>
        <table>
          <tbody>
            {(keys.data ?? []).map((k) => (
              <tr key={k.kid}>
                <td>
                  <code>{k.kid}</code>
                </td>
                <td>{k.alg}</td>
                <td>{dateText(k.createdAt)}</td>
                <td>{k.current ? 'signs' : `retired ${dateText(k.retiredAt)}; still verifies`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="actions">
          <button
            type="button"
            className="small secondary"
            onClick={() =>
              void api('exportKeys').then((jwks) =>
                saveAs('vrm-public-keys.json', JSON.stringify(jwks, null, 2), 'application/jwk-set+json'),
              )
            }
          >
            Export public keys (JWK set)
          </button>
          <button
            type="button"
            className="small secondary"
            onClick={() => void api('rotateKeys', { body: {} }).then(keys.reload)}
          >
            Rotate key
          </button>
        </p>
      </section>
    </div>
  );
}
