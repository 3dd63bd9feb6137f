/**
 * Files being attached: each is streamed to the store at once (with progress), so saving the
 * form only sends their hashes. A refused file is not kept; its message says why.
 */
import { useCallback, useRef, useState } from 'react';
import type { FileInfo } from '../../../src-shared/ipc/schemas';
import { usePlatform } from '../../app/services';
import { useStrings } from '../../i18n';

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  sent: number;
  info: FileInfo | null;
}

function looksLikePdfName(file: File): boolean {
  return file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
}

export interface Uploads {
  items: UploadItem[];
  busy: boolean;
  problems: string[];
  add: (files: Iterable<File>) => Promise<FileInfo[]>;
  remove: (key: number) => void;
  clearProblems: () => void;
}

/** `initial`: files already in the store (a received document's), shown as attached. */
export function useUploads(
  onUploaded?: (info: FileInfo, name: string) => void,
  initial: readonly UploadItem[] = [],
): Uploads {
  // Read when an upload fails, so the message is in the language of that moment.
  const t = useStrings();
  const words = useRef(t);
  words.current = t;
  const platform = usePlatform();
  const [items, setItems] = useState<UploadItem[]>(() => [...initial]);
  const [problems, setProblems] = useState<string[]>([]);
  const nextKey = useRef(initial.length + 1);
  const callback = useRef(onUploaded);
  callback.current = onUploaded;

  const update = (key: number, change: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const uploadOne = useCallback(
    async (file: File): Promise<FileInfo | null> => {
      if (!looksLikePdfName(file)) {
        setProblems((p) => [...p, words.current.files.notPdfName(file.name)]);
        return null;
      }
      const key = nextKey.current++;
      setItems((list) => [...list, { key, name: file.name, size: file.size, sent: 0, info: null }]);
      const result = await platform.uploadFile(file, (sent) => update(key, { sent }));
      if (!result.ok) {
        setItems((list) => list.filter((item) => item.key !== key));
        setProblems((p) => [...p, words.current.files.failed(file.name, result.error.message)]);
        return null;
      }
      update(key, { info: result.value, sent: file.size });
      callback.current?.(result.value, file.name);
      return result.value;
    },
    [platform],
  );

  const add = useCallback(
    async (files: Iterable<File>) => {
      setProblems([]);
      const done: FileInfo[] = [];
      for (const file of files) {
        const info = await uploadOne(file);
        if (info) done.push(info);
      }
      return done;
    },
    [uploadOne],
  );

  return {
    items,
    busy: items.some((i) => i.info === null),
    problems,
    add,
    remove: (key) => setItems((list) => list.filter((i) => i.key !== key)),
    clearProblems: () => setProblems([]),
  };
}
