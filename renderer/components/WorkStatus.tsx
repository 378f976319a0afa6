/** A long step under way (with an indeterminate bar), or the reason the last one failed. */
export const WorkStatus = ({ busy, error }: { busy: string | null; error: string | null }) => (
  <>
    {busy ? (
      <div className="progress-line" role="status">
        {busy}
        <progress />
      </div>
    ) : null}
    {error ? (
      <div className="banner error" role="alert">
        {error}
      </div>
    ) : null}
  </>
);
