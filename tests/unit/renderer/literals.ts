/**
 * Finds the words written straight into renderer source: string literals, template text and
 * JSX text, with their line. Comments are not looked at (the TypeScript scanner skips them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Letters only Vietnamese uses among the languages of this app (đ, ơ, ư, and the tone marks). */
export const VIETNAMESE_LETTER =
  /[àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-ỸỲỴỶ]/u;

export interface Literal {
  file: string;
  line: number;
  text: string;
  kind: 'string' | 'template' | 'jsx-text';
}

export function sourceFiles(dir: string, skip: (path: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) found.push(...sourceFiles(path, skip));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

export function literalsOf(path: string, root: string): Literal[] {
  const text = readFileSync(path, 'utf8');
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const found: Literal[] = [];
  const add = (node: ts.Node, value: string, k: Literal['kind']) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ file: relative(root, path), line: line + 1, text: value, kind: k });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node)) {
      // Module names are code, not words.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) add(node, node.text, 'string');
    } else if (ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text, 'template');
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      add(node, node.text, 'template');
    else if (ts.isJsxText(node) && node.text.trim() !== '') add(node, node.text.trim(), 'jsx-text');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
