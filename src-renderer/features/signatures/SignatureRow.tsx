/**
 * One signature of the report: coloured by its verdict, the signer, the organisation, when it was
 * signed (and how that time is known), the explanation; every check and the technical evidence
 * behind a <details>.
 */
import type { CertificateSummary, Reason, SignatureReport } from '../../../src-shared/pdf/report';
import { algorithmsText, signingTimeText } from '../../../src-shared/pdf/report-words';
import { useStrings, type Strings } from '../../i18n';

const SEVERITY_ICON: Record<Reason['severity'], string> = { ok: '✓', warning: '!', unknown: '?', error: '✗' };

function certificateLine(c: CertificateSummary, t: Strings): string {
  const name = c.commonName || c.subject;
  return `${name} — ${t.signatures.validity(t.formats.dayOf(c.notBefore), t.formats.dayOf(c.notAfter))}`;
}

export function SignatureRow({ signature: s, number }: { signature: SignatureReport; number: number }) {
  const t = useStrings();
  const signer = s.signer;
  return (
    <li className={`sig-row sig-${s.verdict}`} data-verdict={s.verdict}>
      <div className="sig-row-head">
        <span className="sig-field">{t.signatures.signatureN(number)}</span>
        <span className={`sig-badge sig-badge-${s.verdict}`}>{t.signatures.badge[s.verdict]}</span>
      </div>
      <dl className="sig-facts">
        <div>
          <dt>{t.signatures.signer}</dt>
          <dd className="sig-signer">{signer ? signer.commonName || signer.subject : t.signatures.unknownSigner}</dd>
        </div>
        {signer?.organisation && (
          <div>
            <dt>{t.signatures.organisation}</dt>
            <dd>{signer.organisation}</dd>
          </div>
        )}
        <div>
          <dt>{t.signatures.signingTime}</dt>
          <dd>{signingTimeText(s.signingTime, t.signatures, t.formats.dateTime)}</dd>
        </div>
      </dl>
      <p className="sig-explanation">{s.explanation}</p>
      <details className="sig-details">
        <summary>{t.signatures.details}</summary>
        <h4>{t.signatures.steps}</h4>
        <ul className="sig-reasons">
          {s.reasons.map((r, i) => (
            <li key={`${r.code}-${i}`} className={`sig-reason sev-${r.severity}`} data-code={r.code}>
              <span className="sev-icon" aria-hidden="true">
                {SEVERITY_ICON[r.severity]}
              </span>
              <span className="visually-hidden">{t.signatures.severity[r.severity]}: </span>
              <span>{r.message}</span>
            </li>
          ))}
        </ul>
        <dl className="sig-evidence">
          {signer && (
            <>
              <dt>{t.signatures.certificate}</dt>
              <dd>
                {signer.subject}
                <br />
                <span className="muted">
                  {t.signatures.validity(t.formats.dayOf(signer.notBefore), t.formats.dayOf(signer.notAfter))} ·{' '}
                  {t.signatures.serial} {signer.serialNumber}
                </span>
              </dd>
              <dt>{t.signatures.issuer}</dt>
              <dd>{signer.issuer}</dd>
            </>
          )}
          <dt>{t.signatures.chain}</dt>
          <dd>
            {s.chain.length === 0 ? (
              t.signatures.noChain
            ) : (
              <ol className="sig-chain">
                {s.chain.map((c) => (
                  <li key={c.sha256}>{certificateLine(c, t)}</li>
                ))}
              </ol>
            )}
          </dd>
          <dt>{t.signatures.revocation}</dt>
          <dd>{t.signatures.revocationState[s.revocation]}</dd>
          <dt>{t.signatures.fieldName}</dt>
          <dd>{s.fieldName || '—'}</dd>
          <dt>{t.signatures.byteRange}</dt>
          <dd>
            <code>[{s.byteRange.join(' ')}]</code>
          </dd>
          <dt>{t.signatures.revision}</dt>
          <dd>{s.revision === null ? '—' : t.signatures.revisionValue(s.revision)}</dd>
          <dt>{t.signatures.algorithms}</dt>
          <dd>{algorithmsText(s, t.signatures.algorithmWith)}</dd>
          <dt>{t.signatures.changesAfter}</dt>
          <dd>
            {s.changesAfter.length === 0 ? (
              t.signatures.noChanges
            ) : (
              <ul className="sig-changes">
                {s.changesAfter.map((c) => (
                  <li key={c.revision} className={c.permitted ? 'permitted' : 'not-permitted'}>
                    {t.signatures.revisionValue(c.revision)}: {c.description} (
                    {c.permitted ? t.signatures.permitted : t.signatures.notPermitted})
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </details>
    </li>
  );
}
