import Link from 'next/link';

/** The words the error and not-found pages need; both apps keep them under `t.common`. */
export interface StatusTexts {
  errorTitle: string;
  networkError: string;
  retry: string;
  backHome: string;
  notFoundTitle: string;
  notFoundBody: string;
}

/** The body of an app's `error.tsx` boundary (a client component there): retry or go home. */
export function ErrorView({ texts, onRetry }: { texts: StatusTexts; onRetry: () => void }) {
  return (
    <div className="narrow card status-page" role="alert">
      <h1>{texts.errorTitle}</h1>
      <p className="muted">{texts.networkError}</p>
      <div className="row status-page-actions">
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          {texts.retry}
        </button>
        <Link className="btn" href="/">
          {texts.backHome}
        </Link>
      </div>
    </div>
  );
}

/** The body of an app's `not-found.tsx`. */
export function NotFoundView({ texts }: { texts: StatusTexts }) {
  return (
    <div className="narrow card status-page">
      <h1>{texts.notFoundTitle}</h1>
      <p className="muted">{texts.notFoundBody}</p>
      <Link className="btn btn-primary" href="/">
        {texts.backHome}
      </Link>
    </div>
  );
}
