export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** Work of unknown length (a file being made): a bar that moves until it is done. */
export function WorkingBar({ label }: { label: string }) {
  return (
    <div className="progress progress-indeterminate" role="progressbar" aria-label={label}>
      <div className="progress-fill" />
    </div>
  );
}
