/** A failed load, said plainly, with a way to try again. */
import { ApiError, isNotFoundOrForbidden } from '../api/http.js';

export function ErrorMessage({ error, retry, notFound }: { error: unknown; retry?: () => void; notFound?: string }) {
  if (isNotFoundOrForbidden(error)) {
    return (
      <div className="notice notice--warning" role="alert">
        <p>{notFound ?? 'We cannot find that, or it is not shared with you.'}</p>
      </div>
    );
  }
  const message = error instanceof ApiError ? error.message : 'Something went wrong while loading this.';
  return (
    <div className="notice notice--warning" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
