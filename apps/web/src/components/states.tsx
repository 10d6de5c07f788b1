import type { ReactNode } from 'react';
import { isApiError } from '../api/client';

/** A quiet "Loading…" line that keeps its space, so content does not jump when it arrives. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

/** A failed load, said plainly, with a way to try again. */
export function LoadError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{error.message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** What an empty list means and what will appear in it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h2 className="empty-title">{title}</h2>
      {children}
    </div>
  );
}

/** What an action's failure says: the server's own words for a refused request, else a plain apology. */
export function failureText(error: unknown): string {
  return isApiError(error) ? error.message : 'Something went wrong. Please try again.';
}

/** An action that failed, said where the action is (nothing when there is no failure). */
export function FailureNotice({ failure }: { failure: string | null }) {
  if (!failure) return null;
  return (
    <p className="notice notice-warn" role="alert">
      {failure}
    </p>
  );
}
