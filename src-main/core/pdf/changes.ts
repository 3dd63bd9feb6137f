/**
 * What changed after a signature. Every incremental update after the signed revision is
 * compared object by object with the state before it; what a later signer or a clerk may add
 * (signatures, their fields and appearances, the DSS, annotations such as the arrival stamp,
 * form values under the DocMDP level) is permitted, anything that touches what was signed —
 * page content, the page tree, a replaced page, a deleted object — is not.
 */
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfFile, type PdfObject } from './syntax';

export interface RevisionChange {
  revision: number;
  permitted: boolean;
  description: string;
}

/** DocMDP level: 1 no changes, 2 form filling and signing, 3 also annotations; null = none set. */
export type MdpLevel = 1 | 2 | 3 | null;

export function sameObject(a: PdfObject | undefined, b: PdfObject | undefined, depth = 0): boolean {
  if (depth > 50) return false;
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfName) return b instanceof PdfName && a.value === b.value;
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameObject(x, b[i], depth + 1));
  if (a instanceof PdfStream) {
    return (
      b instanceof PdfStream &&
      a.rawStart === b.rawStart &&
      a.rawEnd === b.rawEnd &&
      sameObject(a.dict, b.dict, depth + 1)
    );
  }
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.entries.size !== b.entries.size) return false;
    for (const [k, v] of a.entries) if (!sameObject(v, b.entries.get(k), depth + 1)) return false;
    return true;
  }
  return false;
}

function nameOf(v: PdfObject | undefined): string {
  return v instanceof PdfName ? v.value : '';
}

/** Keys whose values differ between two dictionaries. */
function changedKeys(before: PdfDict, after: PdfDict): string[] {
  const keys = new Set([...before.entries.keys(), ...after.entries.keys()]);
  return [...keys].filter((k) => !sameObject(before.get(k), after.get(k)));
}

/** `after` keeps every element of `before`, in order, and only adds at the end. */
function onlyAppended(
  pdf: PdfFile,
  before: PdfObject | undefined,
  after: PdfObject | undefined,
  revision: number,
): boolean {
  const a = arrayIn(pdf, before, revision - 1);
  const b = arrayIn(pdf, after, revision);
  return a.length <= b.length && a.every((x, i) => sameObject(x, b[i]));
}

function arrayIn(pdf: PdfFile, value: PdfObject | undefined, revision: number): PdfObject[] {
  const v = value instanceof PdfRef ? pdf.resolveIn(revision, value) : value;
  return Array.isArray(v) ? v : [];
}

function dictOf(v: PdfObject): PdfDict | null {
  if (v instanceof PdfDict) return v;
  if (v instanceof PdfStream) return v.dict;
  return null;
}

/** New objects cannot change what was signed until an existing object points to them. */
function describeNew(value: PdfObject): string {
  const d = dictOf(value);
  if (!d) return 'đối tượng mới';
  const type = nameOf(d.get('Type'));
  const subtype = nameOf(d.get('Subtype'));
  if (type === 'Sig' || type === 'DocTimeStamp') return 'chữ ký số mới';
  if (nameOf(d.get('FT')) === 'Sig') return 'ô chữ ký mới';
  if (type === 'Annot' || d.has('Rect')) return `chú thích mới (${subtype || 'Annot'})`;
  if (type === 'DSS' || type === 'VRI') return 'dữ liệu kiểm tra chữ ký (DSS)';
  if (type === 'XObject' || subtype === 'Form' || subtype === 'Image') return 'hình thể hiện chữ ký';
  return 'đối tượng mới';
}

/**
 * Is the change of one existing object permitted? Returns a Vietnamese description of what
 * changed and whether it is allowed.
 */
function classifyChanged(
  pdf: PdfFile,
  ref: PdfRef,
  before: PdfObject,
  after: PdfObject,
  revision: number,
  roles: Roles,
  mdp: MdpLevel,
): { permitted: boolean; description: string } {
  const key = ref.key();
  const a = dictOf(before);
  const b = dictOf(after);
  if (Array.isArray(before) && Array.isArray(after)) {
    // An indirect /Annots or /Fields array that only grows.
    if ((roles.annotArrays.has(key) || roles.fieldArrays.has(key)) && onlyAppended(pdf, before, after, revision)) {
      const annots = roles.annotArrays.has(key);
      return {
        permitted: !annots || mdp !== 1,
        description: annots ? 'thêm chú thích vào trang' : 'thêm ô vào biểu mẫu',
      };
    }
    return { permitted: false, description: `mảng đối tượng ${ref.num} bị sửa` };
  }
  if (!a || !b || before instanceof PdfStream || after instanceof PdfStream) {
    return { permitted: false, description: `nội dung đối tượng ${ref.num} bị thay đổi` };
  }
  const keys = changedKeys(a, b);
  const type = nameOf(b.get('Type'));
  if (key === roles.catalog) {
    const ok = keys.every((k) => k === 'AcroForm' || k === 'DSS' || k === 'Extensions');
    return {
      permitted: ok,
      description: ok ? 'cập nhật biểu mẫu/DSS của tệp' : `mục lục tệp bị sửa (${keys.join(', ')})`,
    };
  }
  if (key === roles.acroForm) {
    const ok =
      keys.every((k) => ['Fields', 'SigFlags', 'DR', 'DA'].includes(k)) &&
      onlyAppended(pdf, a.get('Fields'), b.get('Fields'), revision);
    return { permitted: ok, description: ok ? 'thêm ô chữ ký vào biểu mẫu' : `biểu mẫu bị sửa (${keys.join(', ')})` };
  }
  if (type === 'Page' || roles.pages.has(key)) {
    const ok = keys.every((k) => k === 'Annots') && onlyAppended(pdf, a.get('Annots'), b.get('Annots'), revision);
    return {
      permitted: ok && mdp !== 1,
      description: ok ? 'thêm chú thích/ô chữ ký vào trang' : `trang văn bản bị sửa (${keys.join(', ')})`,
    };
  }
  if (nameOf(b.get('FT')) === 'Sig' || nameOf(a.get('FT')) === 'Sig') {
    // Signing a field that was left empty: the value and its appearance are filled in.
    const ok = !a.has('V') && keys.every((k) => ['V', 'AP', 'AS', 'F', 'MK'].includes(k));
    return { permitted: ok, description: ok ? 'ký vào ô chữ ký có sẵn' : 'ô chữ ký đã ký bị sửa' };
  }
  if (a.has('FT') || a.has('Parent')) {
    const ok = mdp !== 1 && keys.every((k) => ['V', 'AP', 'AS'].includes(k));
    return { permitted: ok, description: ok ? 'điền giá trị biểu mẫu' : `ô biểu mẫu bị sửa (${keys.join(', ')})` };
  }
  if (type === 'DSS' || type === 'VRI')
    return { permitted: true, description: 'cập nhật dữ liệu kiểm tra chữ ký (DSS)' };
  return { permitted: false, description: `đối tượng ${ref.num} (${type || 'không rõ loại'}) bị sửa` };
}

interface Roles {
  catalog: string;
  acroForm: string | null;
  pages: Set<string>;
  annotArrays: Set<string>;
  fieldArrays: Set<string>;
}

/** Which objects play which part, as of the signed revision. */
function rolesAt(pdf: PdfFile, revision: number): Roles {
  const root = pdf.revisions[revision]?.trailer.get('Root');
  const catalogRef = root instanceof PdfRef ? root : null;
  const catalog = catalogRef ? dictOf(pdf.resolveIn(revision, catalogRef)) : null;
  const acro = catalog?.get('AcroForm');
  const acroDict = acro instanceof PdfRef ? dictOf(pdf.resolveIn(revision, acro)) : (dictOf(acro ?? null) ?? null);
  const pages = new Set<string>();
  const annotArrays = new Set<string>();
  for (const p of pdf.pages()) {
    pages.add(p.key());
    const pd = dictOf(pdf.resolveIn(revision, p));
    const annots = pd?.get('Annots');
    if (annots instanceof PdfRef) annotArrays.add(annots.key());
  }
  const fields = acroDict?.get('Fields');
  return {
    catalog: catalogRef?.key() ?? '',
    acroForm: acro instanceof PdfRef ? acro.key() : null,
    pages,
    annotArrays,
    fieldArrays: new Set(fields instanceof PdfRef ? [fields.key()] : []),
  };
}

/** Every update after `signedRevision`, each with its verdict. */
export function changesAfter(pdf: PdfFile, signedRevision: number, mdp: MdpLevel): RevisionChange[] {
  const out: RevisionChange[] = [];
  for (let r = signedRevision + 1; r < pdf.revisions.length; r++) {
    const revision = pdf.revisions[r];
    if (!revision) continue;
    const roles = rolesAt(pdf, r - 1);
    const notes: string[] = [];
    let permitted = true;
    for (const num of revision.freed) {
      permitted = false;
      notes.push(`đối tượng ${num} bị xóa`);
    }
    for (const [num, entry] of revision.objects) {
      const ref = new PdfRef(num, entry.gen);
      const after = pdf.resolveIn(r, ref);
      const d = dictOf(after);
      const type = nameOf(d?.get('Type'));
      if (type === 'XRef' || type === 'ObjStm') continue; // containers, not content
      const before = pdf.resolveIn(r - 1, ref);
      if (before === null) {
        const description = describeNew(after);
        if (description.startsWith('chú thích') && mdp !== null && mdp < 3) {
          permitted = false;
          notes.push(`${description} — không được phép sau chữ ký chứng thực`);
        } else if (!notes.includes(description)) notes.push(description);
        continue;
      }
      if (sameObject(before, after)) continue;
      const verdict = classifyChanged(pdf, ref, before, after, r, roles, mdp);
      if (!verdict.permitted) permitted = false;
      if (!notes.includes(verdict.description)) notes.push(verdict.description);
    }
    out.push({ revision: r, permitted, description: notes.join('; ') || 'không thay đổi nội dung' });
  }
  return out;
}
