/**
 * An .xlsx workbook with one printable sheet (Office Open XML, ECMA-376): title lines merged
 * across the table, ruled and wrapped cells, header rows frozen on screen and repeated on every
 * printed page, A4 landscape fitted to the page width, "Trang N/M" in the footer. Inline
 * strings and a fixed set of styles keep it small enough to write without a library.
 */
import { zip } from './zip';

export interface SheetColumn {
  header: string;
  /** Characters. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface SheetSpec {
  /** The tab's name: up to 31 characters, none of []:*?/\ */
  sheetName: string;
  /** Lines above the table, each merged across all columns: the first bold and large. */
  titleLines: string[];
  columns: SheetColumn[];
  /** A second header row with the columns' numbers 1, 2, … as the paper registers have. */
  numberColumns?: boolean;
  rows: Iterable<(string | number)[]>;
  /** Left part of the printed footer. */
  footer?: string;
  landscape?: boolean;
  /** The document properties. */
  title: string;
  creator: string;
  created: Date;
}

// cellXfs indexes, in the order styles.xml lists them.
const STYLE = { title: 1, subtitle: 2, header: 3, left: 4, center: 5, right: 6 } as const;

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="4">
<font><sz val="11"/><name val="Times New Roman"/><family val="1"/></font>
<font><b/><sz val="11"/><name val="Times New Roman"/><family val="1"/></font>
<font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font>
<font><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>
</fonts>
<fills count="3">
<fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFE6E6E6"/><bgColor indexed="64"/></patternFill></fill>
</fills>
<borders count="2">
<border><left/><right/><top/><bottom/><diagonal/></border>
<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>
</borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** Text as XML character data; characters XML 1.0 cannot carry (control codes) are dropped. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function cell(ref: string, value: string | number, style: number): string {
  if (typeof value === 'number') return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  if (value === '') return `<c r="${ref}" s="${style}"/>`;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function sheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean || 'Sheet1';
}

// The sheet is handed to the zip in pieces of about this many characters.
const PIECE = 256 * 1024;

/** The worksheet's XML, in pieces: a sheet of 100,000 rows is never one string. */
function* worksheet(spec: SheetPart): Generator<Buffer> {
  const width = spec.columns.length;
  const last = columnLetter(width - 1);
  const merges: string[] = [];
  const head: string[] = [];
  let r = 0;
  for (const [i, line] of spec.titleLines.entries()) {
    r++;
    head.push(
      `<row r="${r}" ht="${i === 0 ? 24 : 18}" customHeight="1">${cell(`A${r}`, line, i === 0 ? STYLE.title : STYLE.subtitle)}</row>`,
    );
    merges.push(`A${r}:${last}${r}`);
  }
  if (spec.titleLines.length > 0) {
    r++;
    head.push(`<row r="${r}"/>`);
  }
  r++;
  head.push(
    `<row r="${r}">${spec.columns.map((c, i) => cell(`${columnLetter(i)}${r}`, c.header, STYLE.header)).join('')}</row>`,
  );
  if (spec.numberColumns) {
    r++;
    head.push(
      `<row r="${r}">${spec.columns.map((_, i) => cell(`${columnLetter(i)}${r}`, i + 1, STYLE.header)).join('')}</row>`,
    );
  }
  const lastHeader = r;
  const cols = spec.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(2, c.width)}" customWidth="1"/>`)
    .join('');
  // The dimension (the used range) is optional and would need the row count first: left out.
  yield Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${lastHeader}" topLeftCell="A${lastHeader + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`,
      '<sheetFormatPr defaultRowHeight="15"/>',
      `<cols>${cols}</cols>`,
      `<sheetData>${head.join('')}`,
    ].join('\n'),
    'utf8',
  );
  let piece = '';
  for (const values of spec.rows) {
    r++;
    piece += `<row r="${r}">`;
    for (let i = 0; i < width; i++)
      piece += cell(`${columnLetter(i)}${r}`, values[i] ?? '', STYLE[spec.columns[i]?.align ?? 'left']);
    piece += '</row>';
    if (piece.length >= PIECE) {
      yield Buffer.from(piece, 'utf8');
      piece = '';
    }
  }
  const footer = `&amp;L${xmlText((spec.footer ?? '').replace(/&/g, '&&'))}&amp;RTrang &amp;P/&amp;N`;
  yield Buffer.from(
    [
      `${piece}</sheetData>`,
      merges.length
        ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
        : '',
      '<pageMargins left="0.6" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>',
      `<pageSetup paperSize="9" orientation="${spec.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>`,
      `<headerFooter><oddFooter>${footer}</oddFooter></headerFooter>`,
      '</worksheet>',
    ]
      .filter(Boolean)
      .join('\n'),
    'utf8',
  );
}

function printTitles(spec: SheetPart, name: string): string {
  const first = spec.titleLines.length > 0 ? spec.titleLines.length + 2 : 1;
  const last = first + (spec.numberColumns ? 1 : 0);
  return `'${name.replace(/'/g, "''")}'!$${first}:$${last}`;
}

/** The sheet's own part of a spec: what a workbook of several sheets gives each of them. */
export type SheetPart = Omit<SheetSpec, 'title' | 'creator' | 'created'>;

export function writeXlsx(spec: SheetSpec): Buffer {
  return writeWorkbook({ sheets: [spec], title: spec.title, creator: spec.creator, created: spec.created });
}

/** A workbook of one or more sheets (a report's tables, each on its own tab). */
export function writeWorkbook(book: { sheets: SheetPart[]; title: string; creator: string; created: Date }): Buffer {
  if (book.sheets.length === 0) throw new RangeError('a workbook needs a sheet');
  const names = uniqueNames(book.sheets.map((sh) => sheetName(sh.sheetName)));
  const created = book.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const n = book.sheets.length;
  const each = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  const files: Record<string, string | Iterable<Buffer>> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
${each((i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('\n')}
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`,
    'docProps/core.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>${xmlText(book.title)}</dc:title><dc:creator>${xmlText(book.creator)}</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>
</cp:coreProperties>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>${each((i) => `<sheet name="${xmlText(names[i] as string)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>
<definedNames>${each((i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(printTitles(book.sheets[i] as SheetPart, names[i] as string))}</definedName>`).join('')}</definedNames>
</workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
${each((i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('\n')}
<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`,
    'xl/styles.xml': STYLES_XML,
  };
  for (const [i, sheet] of book.sheets.entries()) files[`xl/worksheets/sheet${i + 1}.xml`] = worksheet(sheet);
  return zip(
    Object.entries(files).map(([entryName, data]) => ({
      name: entryName,
      data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
    })),
  );
}

/** Excel refuses two tabs of the same name (case-insensitive): later ones get " (2)", … */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let k = 2; seen.has(candidate.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      candidate = name.slice(0, 31 - suffix.length) + suffix;
    }
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}
