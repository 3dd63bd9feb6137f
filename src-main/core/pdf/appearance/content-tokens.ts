/**
 * A forgiving tokenizer for page content streams, for the ink finder: operands as numbers,
 * names ("/F1"), strings reduced to their byte length ("s12": glyph counting is all that is
 * needed), arrays, and operators. Dictionaries and inline image data are skipped.
 */
export type Token = { op: string } | { value: number | string | Token[] | 'dict' };

/** Content-stream tokens: operands (numbers, names, strings as their byte length) and operators. */
export function* tokens(b: Uint8Array): Generator<Token> {
  let i = 0;
  const n = b.length;
  const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
  const isDelim = (c: number) => '()<>[]{}/%'.includes(String.fromCharCode(c));
  const stack: Token[][] = [];
  const emit = function* (t: Token): Generator<Token> {
    const top = stack[stack.length - 1];
    if (top) top.push(t);
    else yield t;
  };
  while (i < n) {
    const c = b[i] as number;
    if (isWs(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < n && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    } else if (c === 0x28) {
      // A literal string: only its length matters (glyph count); nesting and escapes skipped.
      let depth = 1;
      let len = 0;
      i++;
      while (i < n && depth > 0) {
        const d = b[i] as number;
        if (d === 0x5c) {
          i += 2;
          len++;
          continue;
        }
        if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
        len++;
        i++;
      }
      i++;
      yield* emit({ value: `s${len}` });
    } else if (c === 0x3c && b[i + 1] === 0x3c) {
      // Dictionaries (marked content properties, inline image parameters) are skipped whole.
      let depth = 0;
      while (i < n) {
        if (b[i] === 0x3c && b[i + 1] === 0x3c) {
          depth++;
          i += 2;
        } else if (b[i] === 0x3e && b[i + 1] === 0x3e) {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
      yield* emit({ value: 'dict' });
    } else if (c === 0x3c) {
      let digits = 0;
      i++;
      while (i < n && b[i] !== 0x3e) if (!isWs(b[i++] as number)) digits++;
      i++;
      yield* emit({ value: `s${Math.ceil(digits / 2)}` });
    } else if (c === 0x5b) {
      stack.push([]);
      i++;
    } else if (c === 0x5d) {
      const arr = stack.pop() ?? [];
      i++;
      yield* emit({ value: arr });
    } else if (c === 0x2f) {
      let j = i + 1;
      while (j < n && !isWs(b[j] as number) && !isDelim(b[j] as number)) j++;
      yield* emit({ value: `/${Buffer.from(b.subarray(i + 1, j)).toString('latin1')}` });
      i = j;
    } else if (isDelim(c)) {
      i++; // a stray ")", ">", "{" or "}": nothing to read
    } else {
      let j = i;
      while (j < n && !isWs(b[j] as number) && !isDelim(b[j] as number)) j++;
      const word = Buffer.from(b.subarray(i, j)).toString('latin1');
      i = j;
      const num = Number(word);
      if (word !== '' && !Number.isNaN(num)) {
        yield* emit({ value: num });
      } else if (word === 'BI') {
        // An inline image: skip to "EI" after its data.
        const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf('EI', i);
        i = end < 0 ? n : end + 2;
        yield { op: 'BI' };
      } else if (word === 'true' || word === 'false' || word === 'null') {
        yield* emit({ value: 0 });
      } else {
        yield { op: word };
      }
    }
  }
}
