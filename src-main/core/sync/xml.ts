/**
 * Just enough XML for edXML packages: a writer that escapes everything, and a strict reader of
 * elements, attributes, text and CDATA. The reader refuses DOCTYPE and entity declarations
 * (no XXE, no "billion laughs") and limits depth and size, so a hostile package gets a clear
 * error, never a hang.
 */

export interface XmlElement {
  /** Local name, without the namespace prefix ("edXML:Subject" -> "Subject"). */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const MAX_DEPTH = 64;
const MAX_BYTES = 300 * 1024 * 1024;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than written broken.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A tree to write: [name, children or text]; null/undefined children are skipped. */
export type XmlNode = [string, string | number | (XmlNode | null | undefined)[]];

export function writeXml(root: XmlNode, namespaces: Record<string, string>): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (node: XmlNode, depth: number, isRoot: boolean) => {
    const [name, content] = node;
    const indent = '  '.repeat(depth);
    const ns = isRoot
      ? Object.entries(namespaces)
          .map(([prefix, uri]) => ` xmlns:${prefix}="${escapeXml(uri)}"`)
          .join('')
      : '';
    if (Array.isArray(content)) {
      const kids = content.filter((c): c is XmlNode => !!c);
      if (kids.length === 0) {
        out.push(`${indent}<${name}${ns}/>\n`);
        return;
      }
      out.push(`${indent}<${name}${ns}>\n`);
      for (const kid of kids) write(kid, depth + 1, false);
      out.push(`${indent}</${name}>\n`);
    } else {
      const text = escapeXml(String(content));
      out.push(text ? `${indent}<${name}${ns}>${text}</${name}>\n` : `${indent}<${name}${ns}/>\n`);
    }
  };
  write(root, 0, true);
  return out.join('');
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(Number.parseInt(ref.slice(2), 16), whole);
    if (ref.startsWith('#')) return safeCodePoint(Number.parseInt(ref.slice(1), 10), whole);
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlError(`Thực thể XML không được hỗ trợ: ${whole}`);
    return value;
  });
}

function safeCodePoint(n: number, whole: string): string {
  if (!Number.isInteger(n) || n <= 0 || n > 0x10ffff) throw new XmlError(`Ký tự XML không hợp lệ: ${whole}`);
  return String.fromCodePoint(n);
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

export function readXml(source: string): XmlElement {
  if (source.length > MAX_BYTES) throw new XmlError('Tệp XML quá lớn.');
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (what: string): never => {
    throw new XmlError(`${what} (vị trí ${i}).`);
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) {
      const text = source.slice(i, textEnd);
      const top = stack.at(-1);
      if (top) top.text += decode(text);
      else if (text.trim()) fail('Có chữ nằm ngoài phần tử gốc');
      i = textEnd;
      continue;
    }
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end < 0) fail('Khai báo XML không đóng');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) fail('Chú thích XML không đóng');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end < 0) fail('CDATA không đóng');
      const top = stack.at(-1) ?? fail('CDATA nằm ngoài phần tử');
      top.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('<!', i)) {
      fail('Tệp XML có khai báo DOCTYPE/ENTITY, VanThu không đọc loại này vì lý do an toàn');
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      if (end < 0) fail('Thẻ đóng không hết');
      const name = localName(source.slice(i + 2, end).trim());
      const top = stack.pop();
      if (!top || top.name !== name) fail(`Thẻ đóng </${name}> không khớp`);
      i = end + 1;
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(
        source.slice(i, i + 10_000),
      );
      if (!match) fail('Thẻ XML không đúng cú pháp');
      const [whole, qname, attrText, selfClosing] = match!;
      const attributes: Record<string, string> = {};
      for (const a of attrText!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attributes[a[1]!] = decode(a[2] ?? a[3] ?? '');
      }
      const element: XmlElement = { name: localName(qname!), attributes, children: [], text: '' };
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (root) fail('Tệp XML có hơn một phần tử gốc');
      else root = element;
      if (!selfClosing) {
        stack.push(element);
        if (stack.length > MAX_DEPTH) fail('Tệp XML lồng quá sâu');
      }
      i += whole!.length;
    }
  }
  if (stack.length > 0) throw new XmlError(`Phần tử <${stack.at(-1)!.name}> không được đóng.`);
  if (!root) throw new XmlError('Tệp không có nội dung XML.');
  return root;
}

/** The first child with this local name, following a path ("Code/CodeNumber"). */
export function child(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const name of path.split('/')) current = current?.children.find((c) => c.name === name);
  return current;
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

export function textOf(element: XmlElement | undefined, path: string): string {
  return child(element, path)?.text.trim() ?? '';
}
