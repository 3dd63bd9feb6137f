/**
 * One PDF, one page at a time on a <canvas> (pdf.js): "Trang 1/3" with previous/next, zoom
 * − / + and fit to width. ←/→ or PageUp/PageDown turn pages when the viewer has focus.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { Notice } from '../../components/Notice';
import { useStrings } from '../../i18n';
import { openPdf, PdfOpenError } from './pdfjs';

const ZOOM_STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3];
type Zoom = 'fit' | number;

export function PdfViewer({ url, title }: { url: string; title: string }) {
  const t = useStrings();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState('');
  const [pageNumber, setPageNumber] = useState(1);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [shownScale, setShownScale] = useState(1);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [frameWidth, setFrameWidth] = useState(0);

  useEffect(() => {
    let alive = true;
    let close = () => {};
    setPdf(null);
    setError('');
    setPageNumber(1);
    openPdf(url)
      .then((opened) => {
        if (!alive) return opened.close();
        close = opened.close;
        setPdf(opened.document);
      })
      .catch((e: unknown) => alive && setError(e instanceof PdfOpenError ? e.clerkMessage : t.pdf.failed));
    return () => {
      alive = false;
      close();
    };
  }, [url]);

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const observer = new ResizeObserver(([entry]) => setFrameWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!pdf || frameWidth === 0) return;
    let task: RenderTask | null = null;
    let alive = true;
    pdf
      .getPage(pageNumber)
      .then((page) => {
        const canvas = canvasRef.current;
        if (!alive || !canvas) return;
        const natural = page.getViewport({ scale: 1 });
        const scale = zoom === 'fit' ? Math.max(0.2, (frameWidth - 32) / natural.width) : zoom;
        const viewport = page.getViewport({ scale });
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        setShownScale(scale);
        task = page.render({
          canvas,
          viewport,
          transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
        });
        task.promise.then(
          () => alive && canvas.setAttribute('data-rendered-page', String(pageNumber)),
          () => undefined, // cancelled by a newer render
        );
      })
      // Leaving the page (Esc right after "Trang sau") closes the PDF while the page is still
      // asked for; pdf.js then refuses it ("Transport destroyed"): nothing to show any more.
      .catch(() => alive && setError(t.pdf.failed));
    return () => {
      alive = false;
      task?.cancel();
    };
  }, [pdf, pageNumber, zoom, frameWidth]);

  const pages = pdf?.numPages ?? 0;
  const goTo = (n: number) => setPageNumber(Math.min(Math.max(1, n), Math.max(1, pages)));
  const zoomBy = (direction: 1 | -1) => {
    const current = zoom === 'fit' ? shownScale : zoom;
    const next =
      direction > 0
        ? ZOOM_STEPS.find((z) => z > current + 0.01)
        : [...ZOOM_STEPS].reverse().find((z) => z < current - 0.01);
    if (next) setZoom(next);
  };

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
    const step = moves[event.key];
    if (step) {
      event.preventDefault();
      goTo(pageNumber + step);
    } else if (event.key === '+' || event.key === '=') zoomBy(1);
    else if (event.key === '-') zoomBy(-1);
  }

  return (
    <section className="pdf-viewer" aria-label={`${t.pdf.viewer}: ${title}`}>
      <div className="pdf-toolbar" role="toolbar" aria-label={t.pdf.viewer}>
        <button
          type="button"
          onClick={() => goTo(pageNumber - 1)}
          disabled={!pdf || pageNumber <= 1}
          aria-label={t.pdf.previous}
          title={t.pdf.previous}
        >
          ‹
        </button>
        <span className="pdf-page" aria-live="polite">
          {pdf ? t.pdf.page(pageNumber, pages) : error ? '' : t.pdf.loading}
        </span>
        <button
          type="button"
          onClick={() => goTo(pageNumber + 1)}
          disabled={!pdf || pageNumber >= pages}
          aria-label={t.pdf.next}
          title={t.pdf.next}
        >
          ›
        </button>
        <span className="toolbar-gap" />
        <button
          type="button"
          onClick={() => zoomBy(-1)}
          disabled={!pdf}
          aria-label={t.pdf.zoomOut}
          title={t.pdf.zoomOut}
        >
          −
        </button>
        <span className="pdf-zoom">{t.pdf.zoom(Math.round(shownScale * 100))}</span>
        <button type="button" onClick={() => zoomBy(1)} disabled={!pdf} aria-label={t.pdf.zoomIn} title={t.pdf.zoomIn}>
          +
        </button>
        <button type="button" onClick={() => setZoom('fit')} disabled={!pdf || zoom === 'fit'}>
          {t.pdf.fitWidth}
        </button>
      </div>
      <div className="pdf-frame" ref={frameRef} tabIndex={0} onKeyDown={onKeyDown}>
        {error ? (
          <Notice kind="error">{error}</Notice>
        ) : (
          <canvas
            ref={canvasRef}
            className="pdf-canvas"
            aria-label={pdf ? t.pdf.page(pageNumber, pages) : t.pdf.loading}
            role="img"
          />
        )}
      </div>
    </section>
  );
}
