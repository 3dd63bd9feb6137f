/**
 * Báo cáo: a year's figures of one organisation (figures.ts), on screen and as files to send
 * up — a PDF with the organ's header and every table, or a workbook with a sheet per table.
 */
import { capitalise } from '../../../src-shared/domain/printed-text';
import { formatLongDateVi, todayInVietnam } from '../../../src-shared/domain/dates';
import type { Regime } from '../../../src-shared/domain/enums';
import type { Report, ReportFormat, ReportQuery } from '../../../src-shared/ipc/reports';
import { renderPdf, type Block } from '../pdf/writer';
import { organTitleBlock } from '../pdf/writer/organ-title';
import { writeWorkbook } from '../xlsx/sheet';
import type { Sqlite } from '../db/open';
import { createReportFigures, type FigureDeps } from './figures';
import { reportTables } from './tables';

export function createReports(
  sqlite: Sqlite,
  deps: FigureDeps & { organisationOf: (id: number) => { name: string; regime: Regime } },
) {
  const figures = createReportFigures(sqlite, deps);

  function title(r: Report): string {
    return `BÁO CÁO TÌNH HÌNH TIẾP NHẬN, XỬ LÝ VĂN BẢN NĂM ${r.year}`;
  }

  return {
    overview(q: ReportQuery): Report {
      return figures.compute(q, deps.organisationOf(q.organisationId).name);
    },

    export(q: ReportQuery, format: ReportFormat, meta: { by: string; now: Date }) {
      const org = deps.organisationOf(q.organisationId);
      const report = figures.compute(q, org.name);
      const tables = reportTables(report);
      const name = `bao-cao-xu-ly-van-ban-${q.year}.${format}`;
      const asOf = `Số liệu đến ${formatLongDateVi(report.today)}`;
      if (format === 'xlsx') {
        const bytes = writeWorkbook({
          sheets: tables.map((t) => ({
            sheetName: t.sheetName,
            titleLines: [org.name.toLocaleUpperCase('vi'), t.title.toLocaleUpperCase('vi'), `Năm ${q.year} — ${asOf}`],
            columns: t.columns,
            rows: t.rows,
            footer: `${capitalise(title(report).toLocaleLowerCase('vi'))} · ${org.name}`,
            landscape: true,
          })),
          title: capitalise(title(report).toLocaleLowerCase('vi')),
          creator: org.name,
          created: meta.now,
        });
        return { bytes, name, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
      }
      const blocks: Block[] = [
        organTitleBlock({
          organisation: org.name,
          regime: org.regime,
          placeDate: capitalise(formatLongDateVi(todayInVietnam(meta.now))),
        }),
        { kind: 'spacer', mm: 6 },
        { kind: 'heading', level: 1, text: title(report) },
        { kind: 'paragraph', text: asOf, align: 'center' },
        ...tables.flatMap((t, i): Block[] => [
          { kind: 'heading', level: 2, text: `${i + 1}. ${t.title}` },
          t.rows.length === 0
            ? { kind: 'paragraph', text: 'Chưa có số liệu.' }
            : { kind: 'table', columns: t.columns, rows: t.rows.map((r) => r.map(String)), size: 9.5 },
        ]),
        { kind: 'signature', title: 'NGƯỜI LẬP BÁO CÁO', note: '(Ký, ghi rõ họ tên)', name: meta.by },
      ];
      const bytes = renderPdf({
        info: {
          title: capitalise(title(report).toLocaleLowerCase('vi')),
          author: org.name,
          subject: title(report),
          date: meta.now,
        },
        page: { orientation: 'landscape', marginsMm: { top: 15, bottom: 15, left: 25, right: 12 } },
        fontSize: 11,
        footer: `${capitalise(title(report).toLocaleLowerCase('vi'))} · ${org.name}`,
        blocks,
      });
      return { bytes, name, mediaType: 'application/pdf' };
    },
  };
}

export type Reports = ReturnType<typeof createReports>;
