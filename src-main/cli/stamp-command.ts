/**
 * `vanthu stamp-arrival IN.pdf --out OUT.pdf --organisation TÊN --number N --date NGÀY
 * [--routed-to TEXT] [--file-code TEXT] [--page N] [--rect x,y,w,h]`: the "ĐẾN" stamp as an
 * incremental update, so the sender's signatures stay valid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDateInput } from '../../src-shared/domain/dates';
import { VanThuError } from '../../src-shared/ipc/errors';
import { stampArrival } from '../core/pdf/stamp';
import { UsageError, flagError } from './usage';
import { writeOutputFile } from './output-file';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/** "x,y,w,h" in points from the bottom-left of the page. */
export function parseRect(text: string | undefined): [number, number, number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (
    parts.length !== 4 ||
    parts.some((n) => !Number.isFinite(n)) ||
    (parts[2] as number) <= 0 ||
    (parts[3] as number) <= 0
  ) {
    throw new UsageError('--rect cần x,y,rộng,cao (điểm, tính từ góc dưới trái trang)');
  }
  return parts as [number, number, number, number];
}

export function parsePage(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const page = Number(text);
  if (!Number.isInteger(page) || page < 1) throw new UsageError('--page cần số trang từ 1');
  return page;
}

/** Writes beside the target and renames: a reader never sees half a file, the input is never overwritten. */
export function writeOutput(input: string, output: string, bytes: Uint8Array): void {
  const target = path.resolve(output);
  if (path.resolve(input) === target) throw new UsageError('--out phải khác tệp gốc: bản gốc không bao giờ bị ghi đè');
  writeOutputFile(target, bytes);
}

export function stampArrivalCommand(args: string[], out: Out): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        organisation: { type: 'string' },
        number: { type: 'string' },
        date: { type: 'string' },
        'routed-to': { type: 'string' },
        'file-code': { type: 'string' },
        page: { type: 'string' },
        rect: { type: 'string' },
      },
    });
  } catch (e) {
    throw flagError(e);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.out) throw new UsageError('stamp-arrival cần IN.pdf --out OUT.pdf');
  if (!values.organisation || !values.number || !values.date) {
    throw new UsageError('stamp-arrival cần --organisation, --number và --date');
  }
  const date = parseDateInput(values.date);
  if (!date) throw new UsageError('--date cần một ngày (yyyy-mm-dd hoặc dd/mm/yyyy)');
  const input = positionals[0] as string;
  if (!fs.statSync(input, { throwIfNoEntry: false })?.isFile())
    throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp ${input}.`);
  const stamped = stampArrival(fs.readFileSync(input), {
    organisationName: values.organisation,
    arrivalNumber: values.number,
    arrivalDate: date,
    routedTo: values['routed-to'],
    fileCode: values['file-code'],
    page: parsePage(values.page),
    rect: parseRect(values.rect),
  });
  writeOutput(input, values.out, stamped);
  out.stdout(`Đã đóng dấu ĐẾN: ${values.out}\n`);
  return 0;
}
