import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { isAbort } from '../api/client';

export type Resource<T> = {
  /** Loading the first time, or again after `reload` (the old data stays visible meanwhile). */
  loading: boolean;
  data: T | null;
  error: Error | null;
  reload: () => void;
  /** Changes the loaded data in place, after a successful update. */
  update: (change: (data: T) => T) => void;
};

/** Loads data for a page and reloads it when `deps` change; a newer load cancels the older one. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted || isAbort(failure)) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      });
    return () => controller.abort();
    // `load` is a fresh closure every render; `deps` says when it means something new.
  }, [...deps, round]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  const update = useCallback((change: (value: T) => T) => {
    setData((value) => (value === null ? value : change(value)));
  }, []);
  return { loading, data, error, reload, update };
}
