/**
 * "Chờ gửi" and "Quá hạn gửi" (DOMAIN.md: an outgoing document goes the day it is issued or the
 * next working day, urgent ones at once): issued documents not yet sent to every recipient on
 * the network; secret ones go on paper and never appear.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../src-main/core/services';
import { DocumentFields, DocumentQuery } from '../../../src-shared/ipc/schemas';
import { makeTestPdf } from '../../fixtures/pdf';
import { freshServices, STATE_SETUP, tempDir } from './helpers';

// Tuesday 08/12/2026, 10:00 in Vietnam.
const NOW = new Date('2026-12-08T03:00:00Z');
let s: Services;
afterEach(() => s.close());

const HOA_LAC = { organId: '000.00.00.H43', organName: 'Ủy ban nhân dân xã Hòa Lạc' };

async function issued(issuedDate: string, extra: Partial<DocumentFields> = {}): Promise<number> {
  const file = await s.files.putPdf(makeTestPdf([['CONG VAN DI']]));
  const draft = s.documents.create(
    DocumentFields.parse({
      direction: 'out',
      typeName: 'Công văn',
      subject: `Về việc gửi ngày ${issuedDate}`,
      to: [HOA_LAC, { organId: '', organName: 'Lưu: VT' }],
      ...extra,
    }),
    [{ sha256: file.sha256, name: 'cv.pdf' }],
    'vanthu',
  ).document;
  return s.documents.issue(draft.id, issuedDate, 'vanthu').document.id;
}

const box = (sending: 'waiting' | 'late') =>
  s.queries
    .list(DocumentQuery.parse({ direction: 'out', sending }))
    .items.map((d) => d.subject.replace('Về việc gửi ngày ', ''))
    .sort();

describe('the sending boxes', () => {
  it('hold issued documents until they are sent, late after the same or the next working day', async () => {
    s = freshServices(STATE_SETUP, tempDir(), () => NOW);
    await issued('2026-12-08');
    await issued('2026-12-07');
    const friday = await issued('2026-12-04');
    await issued('2026-12-07', { urgency: 'khan', subject: 'Về việc gửi ngày khẩn' });
    await issued('2026-12-04', { secrecy: 'mat', subject: 'Về việc gửi ngày mật' });
    // Not on the network at all (no OrganId): sent on paper, not waited for here.
    await issued('2026-12-01', { to: [{ organId: '', organName: 'UBND huyện' }], subject: 'Về việc gửi ngày giấy' });

    expect(box('waiting')).toEqual(['2026-12-04', '2026-12-07', '2026-12-08', 'khẩn']);
    expect(box('late')).toEqual(['2026-12-04', 'khẩn']);

    // Queued is not sent: it still waits for the server. Once the server took it, it leaves.
    s.sync.send(friday, undefined, 'vanthu');
    expect(box('late')).toEqual(['2026-12-04', 'khẩn']);
    s.sqlite.prepare("UPDATE document_recipients SET status = 'sent' WHERE document_id = ?").run(friday);
    expect(box('waiting')).toEqual(['2026-12-07', '2026-12-08', 'khẩn']);
    expect(box('late')).toEqual(['khẩn']);
  });
});
