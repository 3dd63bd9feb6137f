/**
 * One page of the PDF with the signature's box over it: dragged with the mouse, or moved with
 * the arrow keys once focused (Shift for bigger steps). The box is kept inside the page, and its
 * position is reported in points from the bottom-left corner of the page as displayed — what
 * the signing code expects.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useStrings } from '../../i18n';
import { openPdf, PdfOpenError } from '../document/pdfjs';

export type Rect = [x: number, y: number, width: number, height: number];

const PREVIEW_WIDTH = 340;
const STEP = 5;
const BIG_STEP = 30;

export interface PageSize {
  width: number;
  height: number;
}

/** A box of `size` placed where a signature usually goes: lower right, above the bottom margin. */
export function defaultRect(page: PageSize, size: { width: number; height: number }): Rect {
  return [Math.max(0, page.width - size.width - 56), Math.min(140, page.height - size.height), size.width, size.height];
}

function clamp(rect: Rect, page: PageSize): Rect {
  const [x, y, w, h] = rect;
  return [Math.min(Math.max(0, x), page.width - w), Math.min(Math.max(0, y), page.height - h), w, h];
}

export function PlacementPreview({
  url,
  pageNumber,
  rect,
  onPageCount,
  onPageSize,
  onMove,
  caption,
}: {
  url: string;
  pageNumber: number;
  rect: Rect | null;
  onPageCount: (count: number) => void;
  onPageSize: (size: PageSize) => void;
  onMove: (rect: Rect) => void;
  /** Shown in the box: what the appearance will say (name, position). */
  caption: string[];
}) {
  const t = useStrings();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState<PageSize | null>(null);
  const [error, setError] = useState('');
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ startX: number; startY: number; from: Rect } | null>(null);

  useEffect(() => {
    let alive = true;
    let close = () => {};
    openPdf(url)
      .then((opened) => {
        if (!alive) return opened.close();
        close = opened.close;
        setPdf(opened.document);
        onPageCount(opened.document.numPages);
      })
      .catch((e: unknown) => alive && setError(e instanceof PdfOpenError ? e.clerkMessage : t.pdf.failed));
    return () => {
      alive = false;
      close();
    };
  }, [url, onPageCount]);

  useEffect(() => {
    if (!pdf) return;
    let alive = true;
    let task: RenderTask | null = null;
    pdf
      .getPage(Math.min(pageNumber, pdf.numPages))
      .then((p) => {
        const canvas = canvasRef.current;
        if (!alive || !canvas) return;
        const natural = p.getViewport({ scale: 1 });
        const size = { width: natural.width, height: natural.height };
        setPage(size);
        onPageSize(size);
        const viewport = p.getViewport({ scale: PREVIEW_WIDTH / natural.width });
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        task = p.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
        task.promise.then(
          () => alive && canvas.setAttribute('data-rendered-page', String(pageNumber)),
          () => undefined,
        );
      })
      .catch(() => alive && setError(t.pdf.failed));
    return () => {
      alive = false;
      task?.cancel();
    };
  }, [pdf, pageNumber, onPageSize]);

  const scale = page ? PREVIEW_WIDTH / page.width : 1;

  function move(dx: number, dy: number) {
    if (!rect || !page) return;
    onMove(clamp([rect[0] + dx, rect[1] + dy, rect[2], rect[3]], page));
  }

  function onKeyDown(event: KeyboardEvent) {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const delta = moves[event.key];
    if (!delta) return;
    event.preventDefault();
    move(...delta);
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (!rect) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startY: event.clientY, from: rect };
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || !page) return;
    // Screen y grows downwards, PDF y upwards.
    const dx = (event.clientX - d.startX) / scale;
    const dy = -(event.clientY - d.startY) / scale;
    onMove(clamp([d.from[0] + dx, d.from[1] + dy, d.from[2], d.from[3]], page));
  }

  if (error) return <p className="field-error">{error}</p>;
  return (
    <div className="placement-preview" style={{ width: PREVIEW_WIDTH }}>
      <canvas ref={canvasRef} aria-label={t.pdf.page(pageNumber, pdf?.numPages ?? 1)} />
      {!page && <p className="empty">{t.signing.previewLoading}</p>}
      {page && rect && (
        <div
          className="placement-box"
          role="slider"
          tabIndex={0}
          aria-label={t.signing.placementBox}
          aria-valuetext={t.signing.placementLabel(Math.round(rect[0]), Math.round(rect[1]))}
          aria-valuenow={Math.round(rect[0])}
          data-rect={rect.map((n) => Math.round(n)).join(',')}
          style={{
            left: rect[0] * scale,
            top: (page.height - rect[1] - rect[3]) * scale,
            width: rect[2] * scale,
            height: rect[3] * scale,
          }}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
        >
          <span className="placement-caption" aria-hidden="true">
            {(caption.length ? caption : [t.signing.placementBox]).map((line) => (
              <span key={line}>{line}</span>
            ))}
          </span>
        </div>
      )}
    </div>
  );
}
