/** The register's small badge of a document's signature verdict. */
import type { Document } from '../../../src-shared/ipc/schemas';
import { useStrings } from '../../i18n';

export type SignatureVerdict = Document['signatureVerdict'];

export function SignatureBadge({ verdict }: { verdict: SignatureVerdict }) {
  const t = useStrings();
  if (verdict === null) {
    return (
      <span className="sig-badge sig-badge-none" title={t.signatures.badge.noneLabel}>
        <span aria-hidden="true">{t.signatures.badge.none}</span>
        <span className="visually-hidden">{t.signatures.badge.noneLabel}</span>
      </span>
    );
  }
  return <span className={`sig-badge sig-badge-${verdict}`}>{t.signatures.badge[verdict]}</span>;
}
