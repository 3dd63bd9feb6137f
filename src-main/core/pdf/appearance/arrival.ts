/**
 * The arrival stamp "ĐẾN" (Nghị định 30/2020, appendix IV), 50 × 35 mm, framed, in red:
 *     TÊN CƠ QUAN, TỔ CHỨC
 *     ĐẾN  Số: …
 *          Ngày: …
 *     Chuyển: …
 *     Số và ký hiệu hồ sơ: …
 */
import { VanThuError } from '../../../../src-shared/ipc/errors';
import { vietnamDate } from './dates';
import { normalizeText } from './font-embed';
import { chooseFamily } from './fonts';
import { BASELINE, faces, families, form, LINE, STAMP_RED, type Fonts } from './form';
import { Content, fitSize, wrap, wrapLabelled } from './layout';
import type { ObjectSink } from './objects';
import { MM } from './page-geometry';
import type { AppearanceSpec, BuiltAppearance } from './types';

export const ARRIVAL_SIZE_MM = { width: 50, height: 35 };

interface Row {
  text: string;
  indent: number;
}

export function buildArrival(
  spec: Extract<AppearanceSpec, { kind: 'arrival' }>,
  fonts: Fonts,
  sink: ObjectSink,
  matrix: number[],
): BuiltAppearance {
  const w = ARRIVAL_SIZE_MM.width * MM;
  const h = ARRIVAL_SIZE_MM.height * MM;
  const pad = 4;
  const inner = w - 2 * pad;
  // The model stamp prints the organisation in capitals ("TÊN CƠ QUAN, TỔ CHỨC").
  const organisation = normalizeText(spec.organisationName).trim().toLocaleUpperCase('vi-VN');
  if (!organisation) throw new VanThuError('VALIDATION', 'Dấu "ĐẾN" cần tên cơ quan, tổ chức.');
  const date = vietnamDate(spec.arrivalDate);
  // Empty fields keep a dotted line, to be filled in by hand on the printed copy.
  const value = (v: string | undefined) => (v && v.trim() ? normalizeText(v).trim() : '…………');
  const fields = {
    so: ['Số:', value(spec.arrivalNumber)],
    ngay: ['Ngày:', date],
    chuyen: ['Chuyển:', value(spec.routedTo)],
    hoSo: ['Số và ký hiệu hồ sơ:', value(spec.fileCode)],
  } as const;
  const word = 'ĐẾN';
  const f = faces(
    chooseFamily(families(fonts), {
      bold: [organisation, word],
      regular: Object.values(fields).map(([l, v]) => `${l} ${v}`),
    }),
  );

  // Lay out at a scale; shrink everything together until the rows fit the 35 mm height.
  for (let k = 1; ; k -= 0.04) {
    const bigSize = 15 * k;
    const small = 9.5 * k;
    const orgSize = fitSize(f.bold, organisation, 9 * k, 7 * k, inner);
    const orgLines = wrap(f.bold, organisation, orgSize, inner);
    const wordWidth = f.bold.width(word, bigSize);
    const beside = inner - wordWidth - 5 * k;
    const besideRows: Row[] = [
      ...wrapLabelled(f.regular, fields.so[0], fields.so[1], small, beside),
      ...wrapLabelled(f.regular, fields.ngay[0], fields.ngay[1], small, beside),
    ];
    const tail: Row[] = [
      ...wrapLabelled(f.regular, fields.chuyen[0], fields.chuyen[1], small, inner),
      ...wrapLabelled(f.regular, fields.hoSo[0], fields.hoSo[1], small, inner),
    ];
    const besideHeight = Math.max(besideRows.length * small * LINE, bigSize * 1.1);
    const total = orgLines.length * orgSize * LINE + besideHeight + tail.length * small * LINE;
    if (total > h - 2 * pad - 5 * k && k > 0.55) continue;

    const content = new Content();
    content.frame(0, 0, w, h, 1, STAMP_RED);
    // The spare height goes between the three groups and the frame, so the stamp looks even.
    const gap = Math.max(0, h - 2 * pad - total) / 4;
    let top = h - pad - gap;
    for (const text of orgLines) {
      top -= orgSize * LINE;
      content.text(
        'F2',
        f.bold,
        orgSize,
        (w - f.bold.width(text, orgSize)) / 2,
        top + orgSize * BASELINE,
        text,
        STAMP_RED,
      );
    }
    top -= gap;
    // "ĐẾN" large on the left, centred against the "Số" and "Ngày" rows beside it.
    const blockBottom = top - besideHeight;
    content.text('F2', f.bold, bigSize, pad, blockBottom + besideHeight / 2 - bigSize * 0.33, word, STAMP_RED);
    let rowTop = blockBottom + (besideHeight + besideRows.length * small * LINE) / 2;
    for (const r of besideRows) {
      rowTop -= small * LINE;
      content.text(
        'F1',
        f.regular,
        small,
        pad + wordWidth + 5 * k + r.indent,
        rowTop + small * BASELINE,
        r.text,
        STAMP_RED,
      );
    }
    top = blockBottom - gap;
    for (const r of tail) {
      top -= small * LINE;
      content.text('F1', f.regular, small, pad + r.indent, top + small * BASELINE, r.text, STAMP_RED);
    }
    return form(sink, content, w, h, { fonts: f }, matrix);
  }
}
