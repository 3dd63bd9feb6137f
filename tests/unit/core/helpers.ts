import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../../src-main/core/services';
import type { SetupInputRaw } from '../../../src-shared/ipc/schemas';
import { DocumentFields, SetupInput } from '../../../src-shared/ipc/schemas';

export const APP_ROOT = path.resolve(__dirname, '../../..');

export function tempDir(prefix = 'vanthu-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const STATE_SETUP: SetupInputRaw = {
  organisation: {
    name: 'Ủy ban nhân dân xã Hòa Bình',
    organId: '000.00.00.H41',
    abbreviation: 'UBND',
    regime: 'state',
  },
  term: { name: '2021-2026', startDate: '2021-07-01', endDate: null },
  admin: { username: 'admin', fullName: 'Nguyễn Văn An', password: 'matkhau123' },
};

export const PARTY_SETUP: SetupInputRaw = {
  organisation: { name: 'Đảng ủy xã Hòa Bình', organId: '000.00.00.H42', abbreviation: 'ĐU', regime: 'party' },
  term: { name: '2020-2025', startDate: '2020-10-01', endDate: '2025-09-30' },
  sharedCounters: [['QĐ', 'QĐi']],
  admin: { username: 'admin', fullName: 'Trần Thị Bình', password: 'matkhau123' },
};

/** A fresh register in a temporary folder, set up with `setup` (none when null). */
export function freshServices(
  setup: SetupInputRaw | null = STATE_SETUP,
  dataDir = tempDir(),
  now?: () => Date,
): Services {
  const services = createServices({ dataDir, appRoot: APP_ROOT, ...(now ? { now } : {}) });
  if (setup) services.setup(SetupInput.parse(setup));
  return services;
}

/** Registers an incoming Công văn (subject "x", arrived `arrivalDate`) with `fields` on top. */
export function addIncoming(services: Services, arrivalDate: string, fields: Partial<DocumentFields>) {
  return services.documents.create(
    DocumentFields.parse({ direction: 'in', typeName: 'Công văn', subject: 'x', arrivalDate, ...fields }),
    [],
    'admin',
  ).document;
}
