import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentFields } from '../../../src-shared/ipc/schemas';
import { DocumentQuery } from '../../../src-shared/ipc/schemas';
import type { Services } from '../../../src-main/core/services';
import { ftsQuery, RANK_POOL } from '../../../src-main/core/register/query';
import { importRecords } from '../../../src-main/core/register/import';
import { addIncoming, freshServices, STATE_SETUP } from './helpers';

let s: Services;

const add = (fields: Partial<DocumentFields>) => addIncoming(s, '2026-02-01', fields);

function search(text: string, extra: Partial<DocumentQuery> = {}) {
  return s.queries.list(DocumentQuery.parse({ text, ...extra })).items.map((d) => d.subject);
}

beforeAll(() => {
  s = freshServices(STATE_SETUP);
  add({
    subject: 'Về việc triển khai văn bản điện tử',
    organName: 'Đảng ủy xã Hòa Bình',
    codeNumber: 25,
    codeNotation: 'CV/ĐU',
  });
  add({ subject: 'Đơn đề nghị cấp giấy chứng nhận', organName: 'Ông Lê Văn Dũng', arrivalDate: '2025-06-01' });
  add({
    subject: 'Kế hoạch tổ chức Đại hội',
    organName: 'Huyện ủy Hòa Vang',
    urgency: 'hoa_toc',
    signerFullName: 'Phạm Đức Toàn',
  });
  add({ subject: 'Báo cáo tình hình kinh tế', organName: 'UBND huyện', description: 'đã chuyển văn phòng' });
  s.documents.create(
    DocumentFields.parse({ direction: 'out', typeName: 'Quyết định', subject: 'Quyết định về văn bản điện tử' }),
    [],
    'admin',
  );
});
afterAll(() => s.close());

describe('search ignoring diacritics and đ/d', () => {
  it('finds Vietnamese text typed without diacritics', () => {
    expect(search('dang uy xa')).toEqual(['Về việc triển khai văn bản điện tử']);
    expect(search('van ban dien tu', { direction: 'in' })).toEqual(['Về việc triển khai văn bản điện tử']);
    expect(search('DON')).toEqual(['Đơn đề nghị cấp giấy chứng nhận']);
    expect(search('đơn đề nghị')).toEqual(['Đơn đề nghị cấp giấy chứng nhận']);
  });

  it('searches notation, signer and notes, and matches the last word as a prefix', () => {
    expect(search('25-CV/ĐU')).toEqual(['Về việc triển khai văn bản điện tử']);
    expect(search('duc toan')).toEqual(['Kế hoạch tổ chức Đại hội']);
    expect(search('van phong')).toEqual(['Báo cáo tình hình kinh tế']);
    expect(search('ke hoach to chu')).toEqual(['Kế hoạch tổ chức Đại hội']);
  });

  it('filters by direction, year, urgency and date range', () => {
    expect(search('van ban dien tu').sort()).toEqual([
      'Quyết định về văn bản điện tử',
      'Về việc triển khai văn bản điện tử',
    ]);
    expect(search('', { year: 2025 })).toEqual(['Đơn đề nghị cấp giấy chứng nhận']);
    expect(search('', { urgency: 'hoa_toc' })).toEqual(['Kế hoạch tổ chức Đại hội']);
    expect(search('', { direction: 'in', from: '2026-01-01', to: '2026-12-31' })).toHaveLength(3);
    expect(search('', { status: 'draft' })).toEqual(['Quyết định về văn bản điện tử']);
  });

  it('pages newest first and counts all matches', () => {
    const page = s.queries.list(DocumentQuery.parse({ direction: 'in', limit: 2 }));
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    const rest = s.queries.list(DocumentQuery.parse({ direction: 'in', limit: 2, offset: 2 }));
    expect(rest.items.at(-1)?.subject).toBe('Đơn đề nghị cấp giấy chứng nhận');
  });

  it('puts urgent documents first when asked', () => {
    expect(search('', { direction: 'in', urgentFirst: true })[0]).toBe('Kế hoạch tổ chức Đại hội');
    expect(search('', { direction: 'in' })[0]).not.toBe('Kế hoạch tổ chức Đại hội');
  });

  it('ranks subject matches first when asked', () => {
    const ranked = search('van ban dien tu', { sort: 'ranked' });
    expect(ranked).toHaveLength(2);
  });

  it('turns any text into a safe FTS query', () => {
    expect(ftsQuery('  ')).toBeNull();
    expect(ftsQuery('"; DROP TABLE documents; --')).toBe('"drop" "table" "documents"*');
    expect(search('" OR * NEAR(')).toEqual([]);
  });

  it('re-indexes a changed document: the new words are found, the old ones no longer', () => {
    const draft = DocumentFields.parse({
      direction: 'out',
      typeName: 'Tờ trình',
      subject: 'Về việc sửa chữa cầu treo',
      issuedDate: '2026-03-01',
    });
    const d = s.documents.create(draft, [], 'admin').document;
    expect(search('cau treo')).toEqual(['Về việc sửa chữa cầu treo']);
    // A new subject and a new date, which moves the draft's key in the index.
    s.documents.update(d.id, { subject: 'Về việc nạo vét kênh mương', issuedDate: '2025-03-09' }, 'admin');
    expect(search('cau treo')).toEqual([]);
    expect(search('nao vet kenh')).toEqual(['Về việc nạo vét kênh mương']);
    expect(search('muong', { year: 2025 })).toEqual(['Về việc nạo vét kênh mương']);
    expect(search('muong', { year: 2026 })).toEqual([]);
  });
});

describe('ranked search', () => {
  let r: Services;
  const subjects = (extra: Partial<DocumentQuery>) =>
    r.queries.list(DocumentQuery.parse({ text: 'de an', sort: 'ranked', ...extra })).items.map((d) => d.subject);
  beforeAll(() => {
    r = freshServices(STATE_SETUP);
    const put = (direction: 'in' | 'out', subject: string, day: string, urgency = 'normal', description = '') =>
      r.documents.create(
        DocumentFields.parse(
          direction === 'in'
            ? { direction, typeName: 'Công văn', subject, arrivalDate: day, urgency, description }
            : { direction, typeName: 'Công văn', subject, issuedDate: day, urgency, description },
        ),
        [],
        'admin',
      );
    // Words in the subject count more than in the notes; newer first among equals.
    put('in', 'Đề án nhân sự, đề án đào tạo', '2026-01-05');
    put('in', 'Về việc góp ý', '2026-01-09', 'normal', 'Góp ý cho đề án');
    put('in', 'Đề án xây dựng trường học', '2026-01-07');
    put('out', 'Đề án chuyển đổi số', '2026-01-08');
    put('in', 'Đề án khẩn về phòng chống bão', '2026-01-03', 'khan');
  });
  afterAll(() => r.close());

  it('orders by score, then newest, whether the index alone or the documents too are read', () => {
    expect(subjects({})).toEqual([
      'Đề án chuyển đổi số',
      'Đề án xây dựng trường học',
      'Đề án nhân sự, đề án đào tạo',
      'Đề án khẩn về phòng chống bão',
      'Về việc góp ý',
    ]);
    expect(subjects({ direction: 'in' })).toEqual([
      'Đề án xây dựng trường học',
      'Đề án nhân sự, đề án đào tạo',
      'Đề án khẩn về phòng chống bão',
      'Về việc góp ý',
    ]);
    expect(subjects({ direction: 'in', urgentFirst: true })[0]).toBe('Đề án khẩn về phòng chống bão');
  });

  it('searches a box urgent first, then newest, page by page, from one walk of the index per urgency', () => {
    const newest = (extra: Partial<DocumentQuery>) => subjects({ sort: 'newest', urgentFirst: true, ...extra });
    expect(newest({})).toEqual([
      'Đề án khẩn về phòng chống bão',
      'Về việc góp ý',
      'Đề án chuyển đổi số',
      'Đề án xây dựng trường học',
      'Đề án nhân sự, đề án đào tạo',
    ]);
    expect(newest({ direction: 'in', limit: 2 })).toEqual(['Đề án khẩn về phòng chống bão', 'Về việc góp ý']);
    expect(newest({ direction: 'in', limit: 2, offset: 2 })).toEqual([
      'Đề án xây dựng trường học',
      'Đề án nhân sự, đề án đào tạo',
    ]);
    expect(newest({ orderBy: { column: 'registerDate', descending: false } })).toEqual([
      'Đề án khẩn về phòng chống bão',
      'Đề án nhân sự, đề án đào tạo',
      'Đề án xây dựng trường học',
      'Đề án chuyển đổi số',
      'Về việc góp ý',
    ]);
    // The urgency words are not text: typing one finds nothing.
    expect(r.queries.list(DocumentQuery.parse({ text: 'u4' })).items).toEqual([]);
  });

  it('pages through the ranking and counts with and without filters', () => {
    expect(subjects({ limit: 2, offset: 1 })).toEqual(['Đề án xây dựng trường học', 'Đề án nhân sự, đề án đào tạo']);
    const all = r.queries.list(DocumentQuery.parse({ text: 'de an', sort: 'ranked' }));
    const incoming = r.queries.list(DocumentQuery.parse({ text: 'de an', sort: 'ranked', direction: 'in' }));
    expect([all.total, all.totalExact, incoming.total]).toEqual([5, true, 4]);
  });

  it('moves an edited document to its new urgency', () => {
    const target = r.queries.list(DocumentQuery.parse({ text: 'chuyen doi so' })).items[0]!;
    r.documents.update(target.id, { urgency: 'hoa_toc' }, 'admin');
    expect(subjects({ sort: 'newest', urgentFirst: true, limit: 1 })).toEqual(['Đề án chuyển đổi số']);
  });
});

describe('ranked search past the pool of the newest matches', () => {
  let r: Services;
  // Matches beyond the ranked pool, some urgent, some with the words in their issuer's name too.
  const n = RANK_POOL + 300;
  beforeAll(() => {
    r = freshServices(STATE_SETUP);
    const report = importRecords(
      r,
      Array.from({ length: n }, (_, i) => ({
        direction: i % 5 === 0 ? 'out' : 'in',
        typeName: 'Công văn',
        codeNumber: i % 5 === 0 ? i + 1 : undefined,
        subject: `Kế hoạch công tác số ${i}`,
        organName: i % 50 === 0 ? 'Phòng Kế hoạch' : 'Sở Nội vụ',
        ...(i % 5 === 0 ? { issuedDate: dayOf(i) } : { arrivalDate: dayOf(i) }),
        urgency: i % 7 === 0 ? 'khan' : 'normal',
      })),
      'admin',
    );
    expect(report.refused).toEqual([]);
  });
  afterAll(() => r.close());

  /** Two documents a day from 2024-01-01, so the newest are the last imported. */
  function dayOf(i: number): string {
    return new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10);
  }
  function everyPage(extra: Partial<DocumentQuery>) {
    const ids: number[] = [];
    let page;
    do {
      page = r.queries.list(
        DocumentQuery.parse({ text: 'ke hoach', sort: 'ranked', limit: 120, offset: ids.length, ...extra }),
      );
      ids.push(...page.items.map((d) => d.id));
    } while (page.items.length > 0 && ids.length < page.total);
    return { ids, total: page.total, exact: page.totalExact };
  }
  function expected(urgentFirst: boolean, direction?: 'in' | 'out') {
    const rows = (
      r.sqlite
        .prepare(
          'SELECT id, register_date AS date, urgency_rank AS urgency, organ_name AS issuer, direction FROM documents',
        )
        .all() as { id: number; date: string; urgency: number; issuer: string; direction: string }[]
    ).filter((d) => direction === undefined || d.direction === direction);
    const newest = (a: (typeof rows)[0], b: (typeof rows)[0]) => b.date.localeCompare(a.date) || b.id - a.id;
    const urgency = (a: (typeof rows)[0], b: (typeof rows)[0]) => (urgentFirst ? a.urgency - b.urgency : 0);
    const score = (d: (typeof rows)[0]) => (d.issuer === 'Phòng Kế hoạch' ? 1 : 0);
    rows.sort(newest);
    const pool = rows.slice(0, RANK_POOL).sort((a, b) => urgency(a, b) || score(b) - score(a) || newest(a, b));
    const older = rows.slice(RANK_POOL).sort((a, b) => urgency(a, b) || newest(a, b));
    return [...pool, ...older].map((d) => d.id);
  }

  it('ranks the newest matches, then lists the older ones newest first, to the last match', () => {
    const { ids, total, exact } = everyPage({});
    expect([ids.length, new Set(ids).size, total, exact]).toEqual([n, n, n, true]);
    expect(ids).toEqual(expected(false));
  });

  it('keeps urgent documents first in each part, as the register screen asks', () => {
    expect(everyPage({ urgentFirst: true }).ids).toEqual(expected(true));
    const incoming = everyPage({ urgentFirst: true, direction: 'in' });
    expect(incoming.ids).toEqual(expected(true, 'in'));
  });

  it('serves a page that straddles the end of the pool', () => {
    const page = r.queries.list(
      DocumentQuery.parse({ text: 'ke hoach', sort: 'ranked', urgentFirst: true, offset: RANK_POOL - 30, limit: 60 }),
    );
    expect(page.items.map((d) => d.id)).toEqual(expected(true).slice(RANK_POOL - 30, RANK_POOL + 30));
  });
});
