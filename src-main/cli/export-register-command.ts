/**
 * `vanthu export-register`: a register for a year (or dates within it) as PDF or .xlsx, the
 * same file the app's "Xuất PDF" / "Xuất Excel" gives, written whole or not at all (output-file.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BookExportInput } from '../../src-shared/ipc/books';
import { VanThuError, issuesFromZod } from '../../src-shared/ipc/errors';
import { parseDateInput } from '../../src-shared/domain/dates';
import { groupDigits } from '../../src-shared/domain/printed-text';
import { UsageError, flagError } from './usage';
import { openRegister } from './open-register';
import { requireFileTarget, writeOutputFile } from './output-file';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/** The flag each field of BookExportInput comes from. */
const FLAGS: Record<string, string> = {
  direction: '--direction',
  followUp: '--follow-up',
  year: '--year',
  from: '--from',
  to: '--to',
  format: '--format',
};

function dateFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const iso = parseDateInput(value);
  if (!iso) throw new UsageError(`${flag} cần một ngày (yyyy-mm-dd hoặc dd/mm/yyyy)`);
  return iso;
}

export function exportRegisterCommand(args: string[], dataDir: string | undefined, out: Out): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      options: {
        direction: { type: 'string' },
        'follow-up': { type: 'boolean' },
        year: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'organ-id': { type: 'string' },
        clerk: { type: 'string' },
      },
    });
  } catch (e) {
    throw flagError(e);
  }
  const v = parsed.values;
  if (v.direction !== 'in' && v.direction !== 'out')
    throw new UsageError('--direction cần in (sổ đến) hoặc out (sổ đi)');
  if (!v.year || !/^\d{4}$/.test(v.year)) throw new UsageError('--year cần năm 4 chữ số');
  if (!v.out) throw new UsageError('export-register cần --out FILE');
  requireFileTarget(v.out);
  const extension = path.extname(v.out).slice(1).toLowerCase();
  const format = v.format ?? extension;
  if (format !== 'pdf' && format !== 'xlsx') throw new UsageError('--format cần pdf hoặc xlsx');
  // A PDF under an .xlsx or .xls name would not open where the clerk expects (a name without
  // an extension is the clerk's choice).
  if (extension && extension !== format)
    throw new UsageError(`--format ${format} nhưng tệp --out có đuôi .${extension}: hãy cho hai thứ khớp nhau`);

  const services = openRegister(dataDir);
  try {
    const organisations = services.organisations.list();
    const organisation = v['organ-id']
      ? organisations.find((o) => o.organId === v['organ-id'])
      : (organisations.find((o) => o.numbersHere) ?? organisations[0]);
    if (!organisation) {
      throw new VanThuError(
        'NOT_FOUND',
        v['organ-id']
          ? `Không có cơ quan mã ${v['organ-id']}.`
          : 'Chưa thiết lập cơ quan nào: hãy chạy "vanthu setup".',
      );
    }
    const input = BookExportInput.safeParse({
      organisationId: organisation.id,
      direction: v.direction,
      followUp: v['follow-up'] ?? false,
      year: Number(v.year),
      from: dateFlag(v.from, '--from'),
      to: dateFlag(v.to, '--to'),
      format,
    });
    // Refused values are the flags' own: said as flags, with the usage, like the checks above.
    if (!input.success)
      throw new UsageError(
        issuesFromZod(input.error)
          .map((i) => (i.path ? `${FLAGS[i.path] ?? i.path}: ${i.message}` : i.message))
          .join('; '),
      );
    const { format: chosen, ...query } = input.data;
    const made = services.books.export(query, chosen, { clerk: v.clerk ?? '', now: new Date() });
    writeOutputFile(v.out, made.bytes);
    const h = made.header;
    out.stdout(
      `Đã xuất ${h.title.toLocaleLowerCase('vi')} của ${h.organisation}, ${h.periodText.toLocaleLowerCase('vi')}` +
        ` (${groupDigits(h.count)} văn bản) vào ${v.out}.\n`,
    );
    return 0;
  } finally {
    services.close();
  }
}
