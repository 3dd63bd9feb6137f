import { useStrings } from '../i18n';

export function ConnectionProblem({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useStrings();
  return (
    <main className="centered-page">
      <section className="card narrow" role="alert">
        <h1>{t.connection.title}</h1>
        <p>{message}</p>
        {onRetry && (
          <div className="actions">
            <button type="button" className="primary" onClick={onRetry}>
              {t.connection.retry}
            </button>
          </div>
        )}
      </section>
    </main>
  );
}
