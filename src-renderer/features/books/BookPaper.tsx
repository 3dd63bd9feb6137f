/**
 * The register as it will look on paper: the cover (organ and motto, title, period, numbers,
 * volume), the ten ruled columns with their numbers, the count and the clerk's signature line.
 * Printing shows only this, on A4 landscape (styles/books.css). Its words come from the engine
 * and stay Vietnamese whatever the screen's language: the printed register is the record.
 */
import type { BookPreview } from '../../../src-shared/ipc/books';

export function BookPaper({ book, clerk, label }: { book: BookPreview; clerk: string; label: string }) {
  const totalWidth = book.columns.reduce((sum, c) => sum + c.width, 0) || 1;
  return (
    <article className="book-paper" lang="vi" aria-label={label}>
      <section className="book-cover">
        <div className="book-heading">
          <div>
            {book.heading.left.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
          <div>
            {book.heading.right.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        </div>
        <h2 className="book-title">{book.title}</h2>
        <p className="book-period">{book.period}</p>
        {book.numbers && <p className="book-period">{book.numbers}</p>}
        <p className="book-volume">{book.paper.volume}</p>
      </section>
      <table className="book-table">
        <colgroup>
          {book.columns.map((c) => (
            <col key={c.header} style={{ width: `${(100 * c.width) / totalWidth}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {book.columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
          <tr className="book-column-numbers" aria-hidden="true">
            {book.columns.map((c, i) => (
              <th key={c.header}>{i + 1}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {book.rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, i) => (
                <td key={i} className={`align-${book.columns[i]?.align ?? 'left'}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="book-closing">{book.paper.closing}</p>
      <div className="book-signature">
        <strong>{book.paper.signTitle}</strong>
        <em>{book.paper.signNote}</em>
        <strong className="book-signer">{clerk}</strong>
      </div>
    </article>
  );
}
