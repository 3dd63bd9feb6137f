/**
 * Object streams (§7.5.7): a decoded stream that begins with N pairs "objnum offset", then,
 * from byte /First, the objects themselves (never streams, never "obj … endobj").
 */
import { readUint, skipWs } from './lexer';
import { Budget, damaged, tooComplex } from './limits';
import type { PdfObject, PdfStream } from './objects';
import { Parser } from './parser';

export interface ObjectStreamIndex {
  data: Uint8Array;
  first: number;
  /** object number and offset (relative to first) of each member, in header order */
  members: Array<readonly [number, number]>;
}

export function readObjectStream(
  stream: PdfStream,
  data: Uint8Array,
  budget: Budget,
  deref: (v: PdfObject | undefined) => PdfObject,
): ObjectStreamIndex {
  const n = deref(stream.dict.get('N'));
  const first = deref(stream.dict.get('First'));
  if (typeof n !== 'number' || typeof first !== 'number' || !Number.isInteger(n) || !Number.isInteger(first)) {
    throw damaged('object stream /N or /First is invalid');
  }
  if (n < 0 || first < 0 || first > data.length) throw damaged('object stream /N or /First is invalid');
  if (n > budget.maxObjects) throw tooComplex(`more than ${budget.maxObjects} objects`);
  const members: Array<readonly [number, number]> = [];
  let p = 0;
  for (let i = 0; i < n; i++) {
    budget.tick();
    const num = readUint(data, skipWs(data, p));
    const off = num && readUint(data, skipWs(data, num[1]));
    if (!num || !off || off[1] > first) break; // a short header lists fewer members
    members.push([num[0], off[0]]);
    p = off[1];
  }
  return { data, first, members };
}

/**
 * The member at index, checked against the expected object number. If the index is wrong
 * (seen in damaged files) the member is looked up by number instead.
 */
export function objectFromStream(idx: ObjectStreamIndex, index: number, num: number, budget: Budget): PdfObject {
  let member = idx.members[index];
  if (!member || member[0] !== num) member = idx.members.find((m) => m[0] === num);
  if (!member) throw damaged(`object ${num} is not in its object stream`);
  const parser = new Parser(idx.data, budget);
  parser.pos = idx.first + member[1];
  return parser.parseObject(0);
}
