/**
 * "Ký số": choose the key and certificate, choose how the signature shows (hidden, the person's
 * signature placed on the page, or the organisation's seal over it), give the password or PIN,
 * sign. Steps show on a progress bar; the result is the fresh verification of the signed file.
 */
import { useCallback, useId, useState } from 'react';
import type { Document } from '../../../src-shared/ipc/schemas';
import type { SignAppearanceInput } from '../../../src-shared/ipc/signing';
import type { DocumentReport } from '../../../src-shared/pdf/report';
import { useApi, usePlatform } from '../../app/services';
import { messageOf } from '../../app/errors';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { FilePickField } from '../../components/FilePickField';
import { Notice } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { useStrings, type Strings } from '../../i18n';
import { fileToBase64 } from '../signatures/format';
import { KeyChooser, type KeyChoice } from './KeyChooser';
import { defaultRect, PlacementPreview, type PageSize, type Rect } from './PlacementPreview';

type Kind = SignAppearanceInput['kind'];
const SIGNER_BOX = { width: 180, height: 90 };
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export interface SignDialogProps {
  document: Document;
  onSigned: (document: Document, report: DocumentReport) => void;
  onClose: () => void;
}

async function pngBase64(file: File | null, t: Strings): Promise<string | undefined> {
  if (!file) return undefined;
  if (file.size > MAX_IMAGE_BYTES) throw new Error(t.signing.fileTooLarge);
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (head[0] !== 0x89 || head[1] !== 0x50 || head[2] !== 0x4e || head[3] !== 0x47) throw new Error(t.signing.needPng);
  return fileToBase64(file);
}

export function SignDialog({ document: d, onSigned, onClose }: SignDialogProps) {
  const t = useStrings();
  const steps = [t.signing.stepRead, t.signing.stepSign];
  const api = useApi();
  const platform = usePlatform();
  const uid = useId();
  const main = d.files.find((f) => f.role === 'main');
  const [key, setKey] = useState<KeyChoice>({ use: null, missing: t.signing.needFile });
  const [kind, setKind] = useState<Kind>('signer');
  const [pageNumber, setPageNumber] = useState(1);
  const [pageCount, setPageCount] = useState(1);
  const [rect, setRect] = useState<Rect | null>(null);
  const [image, setImage] = useState<File | null>(null);
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState('');
  const [step, setStep] = useState(-1);
  const [failure, setFailure] = useState('');
  const busy = step >= 0;

  const onKey = useCallback((choice: KeyChoice) => setKey(choice), []);
  const onPageSize = useCallback((size: PageSize) => setRect((r) => r ?? defaultRect(size, SIGNER_BOX)), []);

  async function sign() {
    if (busy) return;
    if (!key.use) return setFailure(key.missing);
    if (kind === 'seal' && !image) return setFailure(t.signing.needSealImage);
    if (kind === 'signer' && !rect) return setFailure(t.signing.previewLoading);
    setFailure('');
    setStep(0);
    try {
      let imageBase64: string | undefined;
      try {
        imageBase64 = await pngBase64(image, t);
      } catch (e) {
        throw new Error(e instanceof Error && e.message ? e.message : t.signing.readFailed);
      }
      const appearance: SignAppearanceInput =
        kind === 'invisible'
          ? { kind }
          : kind === 'seal'
            ? { kind, imageBase64: imageBase64 ?? '' }
            : {
                kind,
                page: pageNumber,
                rect: rect!,
                lines: [fullName.trim(), position.trim()].filter(Boolean),
                ...(imageBase64 ? { imageBase64 } : {}),
              };
      setStep(1);
      // One call signs, stores and checks the result, so nothing half-done is left behind.
      const { document, report } = await api.call('document.sign', { id: d.id, use: key.use, appearance });
      onSigned(document, report);
    } catch (e) {
      setFailure(messageOf(e));
      setStep(-1);
    }
  }

  return (
    <Dialog
      title={t.signing.title}
      confirmLabel={t.signing.sign}
      busy={busy}
      onConfirm={() => void sign()}
      onClose={onClose}
      wide
    >
      <p>{t.signing.intro}</p>
      <div className="sign-layout">
        <KeyChooser idPrefix={`${uid}-key`} onChange={onKey} />
        <fieldset className="appearance-chooser">
          <legend>{t.signing.appearanceSection}</legend>
          <div className="radio-column" role="radiogroup" aria-label={t.signing.appearance}>
            {(
              [
                ['signer', t.signing.appearanceSigner],
                ['seal', t.signing.appearanceSeal],
                ['invisible', t.signing.appearanceInvisible],
              ] as const
            ).map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${uid}-kind`}
                  checked={kind === value}
                  onChange={() => {
                    setKind(value);
                    setImage(null);
                  }}
                />
                {label}
              </label>
            ))}
          </div>
          {kind !== 'invisible' && (
            <FilePickField
              key={kind}
              id={`${uid}-image`}
              label={kind === 'seal' ? t.signing.sealImage : t.signing.signatureImage}
              hint={kind === 'seal' ? t.signing.sealHint : t.signing.signatureImageHint}
              accept="image/png"
              file={image}
              onChange={setImage}
              required={kind === 'seal'}
            />
          )}
          {kind === 'signer' && (
            <>
              <TextField
                id={`${uid}-name`}
                label={t.signing.fullName}
                hint={t.signing.fullNameHint}
                value={fullName}
                onChange={setFullName}
              />
              <TextField id={`${uid}-position`} label={t.signing.position} value={position} onChange={setPosition} />
              {pageCount > 1 && (
                <SelectField
                  id={`${uid}-page`}
                  label={t.signing.page}
                  value={String(pageNumber)}
                  onChange={(v) => setPageNumber(Number(v))}
                  options={Array.from({ length: pageCount }, (_, i) => ({
                    value: String(i + 1),
                    label: t.pdf.page(i + 1, pageCount),
                  }))}
                />
              )}
            </>
          )}
        </fieldset>
        {kind === 'signer' && main && (
          <div className="sign-preview">
            <p className="label">{t.signing.placement}</p>
            <PlacementPreview
              url={platform.blobUrl(main.sha256)}
              pageNumber={pageNumber}
              rect={rect}
              onPageCount={setPageCount}
              onPageSize={onPageSize}
              onMove={setRect}
              caption={[fullName.trim(), position.trim()].filter(Boolean)}
            />
            <p className="field-hint">{t.signing.placementHint}</p>
          </div>
        )}
      </div>
      {busy && (
        <div className="sign-progress" aria-live="polite">
          <ProgressBar label={steps[step] ?? ''} value={step + 1} max={steps.length + 1} />
          <p>{steps[step]}</p>
        </div>
      )}
      {failure && <Notice kind="error">{failure}</Notice>}
    </Dialog>
  );
}
