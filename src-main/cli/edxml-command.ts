/**
 * `vanthu edxml export ID --out FILE`: an issued document as an edXML package.
 * `vanthu edxml import FILE`: a package from another system, into "Chờ tiếp nhận".
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { VanThuError } from '../../src-shared/ipc/errors';
import { EdxmlError, readDocumentPackage, writeDocumentPackage } from '../core/sync/edxml';
import { UsageError, flagError } from './usage';
import { writeOutputFile } from './output-file';
import { openRegister } from './open-register';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };
const actor = `cli:${os.userInfo().username}`;

export async function edxmlCommand(args: string[], dataDir: string | undefined, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' } } });
  } catch (e) {
    throw flagError(e);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`edxml ${sub ?? ''} cần đúng một tham số`);
  const target = positionals[0]!;
  if (sub === 'export') {
    const id = Number(target);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('edxml export cần mã văn bản (số)');
    if (!values.out) throw new UsageError('edxml export cần --out FILE');
    const services = openRegister(dataDir);
    try {
      writeOutputFile(values.out, writeDocumentPackage(services.sync.exchange.exportPackage(id)));
      out.stdout(`Đã xuất gói edXML: ${values.out}\n`);
      return 0;
    } finally {
      services.close();
    }
  }
  if (sub === 'import') {
    if (!fs.existsSync(target)) throw new VanThuError('NOT_FOUND', `Không tìm thấy tệp ${target}.`);
    let pkg;
    try {
      pkg = readDocumentPackage(fs.readFileSync(target, 'utf8'));
    } catch (error) {
      if (error instanceof EdxmlError) throw new VanThuError('BAD_FILE', error.message);
      throw error;
    }
    const services = openRegister(dataDir);
    try {
      const files = [];
      for (const f of pkg.files) {
        const info = await services.files.putPdf(f.bytes);
        files.push({ sha256: info.sha256, name: f.name, size: info.size, mediaType: info.mediaType });
      }
      const id = services.sync.exchange.importPackage({ from: pkg.from, header: pkg.header, files }, actor);
      out.stdout(`Đã đưa "${pkg.header.subject}" của ${pkg.from.name} vào hộp Chờ tiếp nhận (mã ${id}).\n`);
      return 0;
    } finally {
      services.close();
    }
  }
  throw new UsageError('edxml cần export hoặc import');
}
