import { useEffect, useState } from 'react';
import { api } from '../api';

export interface Progress {
  done: number;
  total: number;
}

/**
 * A long step under way, with a bar that fills as the backend reports progress (or moves without an end
 * while it has none), or the reason the last step failed.
 */
export const WorkStatus = ({
  busy,
  error,
  progress,
}: {
  busy: string | null;
  error: string | null;
  progress?: Progress | null;
}) => (
  <>
    {busy ? (
      <div className="progress-line" role="status">
        {busy}
        {progress && progress.total > 0 ? (
          <>
            <progress value={progress.done} max={progress.total} />
            <span className="small muted">
              {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
            </span>
          </>
        ) : (
          <progress />
        )}
      </div>
    ) : null}
    {error ? (
      <div className="banner error" role="alert">
        {error}
      </div>
    ) : null}
  </>
);

/** The backend's progress on the bundle or spreadsheet it is reading or applying, pushed while `active`. */
export const useBundleProgress = (active: boolean): Progress | null => {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    if (!active) return;
    const stop = api.onEvent((event) => {
      if (event.type === 'progress') setProgress(event.progress);
    });
    return () => {
      stop();
      setProgress(null);
    };
  }, [active]);
  return progress;
};
