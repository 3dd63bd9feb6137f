/**
 * Large, valid PDFs for the signing benchmark: one A4 page that paints one image XObject whose
 * data is incompressible (AES-CTR keystream from a fixed key, so every run writes the same
 * bytes). The image is written uncompressed (no filter), so the file is about `bytes` long.
 * Written to disk in chunks, so making a 100 MB file does not hold it in memory.
 */
import { createCipheriv } from 'node:crypto';
import fs from 'node:fs';

const CHUNK = 4 * 1024 * 1024;
const WIDTH = 1024;

/** Writes the PDF to `file`; returns its size in bytes. */
export function writeLargePdf(file: string, bytes: number): number {
  // RGB, 8 bits per component: each row is WIDTH * 3 bytes.
  const height = Math.max(1, Math.ceil(bytes / (WIDTH * 3)));
  const dataLength = WIDTH * height * 3;
  const content = 'q 595 0 0 842 0 0 cm /Im1 Do Q\nBT /F1 18 Tf 72 800 Td (VanThu benchmark) Tj ET';

  const fd = fs.openSync(file, 'w');
  let offset = 0;
  const offsets: number[] = [];
  const put = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    fs.writeSync(fd, b);
    offset += b.length;
  };
  const begin = (id: number) => {
    offsets[id] = offset;
    put(`${id} 0 obj\n`);
  };
  try {
    put('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n');
    begin(1);
    put('<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
    begin(2);
    put('<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
    begin(3);
    put(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ' +
        '/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>\nendobj\n',
    );
    begin(4);
    put(`<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`);
    begin(5);
    put('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n');
    begin(6);
    put(
      `<< /Type /XObject /Subtype /Image /Width ${WIDTH} /Height ${height} /ColorSpace /DeviceRGB ` +
        `/BitsPerComponent 8 /Length ${dataLength} >>\nstream\n`,
    );
    const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0));
    const zeros = Buffer.alloc(CHUNK);
    for (let left = dataLength; left > 0; left -= CHUNK) {
      put(cipher.update(left >= CHUNK ? zeros : zeros.subarray(0, left)));
    }
    put('\nendstream\nendobj\n');
    const xref = offset;
    let table = `xref\n0 7\n0000000000 65535 f \n`;
    for (let id = 1; id <= 6; id++) table += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
    put(table);
    put(`trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  } finally {
    fs.closeSync(fd);
  }
  return offset;
}
