import { useCallback, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { failureText } from '../components/states';

export type Action = {
  /** Waiting for the server. */
  busy: boolean;
  /** What the last attempt's failure says, in the server's words when it refused. */
  failure: string | null;
  /** The refused fields' messages by name (`reason`, `recipientName`…), for the form to show beside each. */
  errors: Record<string, string>;
  /** Runs one change at a time (a second click while busy does nothing); `then` gets its result. */
  run: <T>(work: () => Promise<T>, then?: (result: T) => void) => void;
  /** Says why nothing was sent (a check in the browser). */
  fail: (text: string) => void;
};

/** One change a person asks for: busy while it runs, its failure kept to be shown beside the button. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const running = useRef(false);
  const run = useCallback(<T>(work: () => Promise<T>, then?: (result: T) => void) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setFailure(null);
    setErrors({});
    work()
      .then((result) => then?.(result))
      .catch((error: unknown) => {
        setFailure(failureText(error));
        if (isApiError(error)) setErrors(error.fieldErrors());
      })
      .finally(() => {
        running.current = false;
        setBusy(false);
      });
  }, []);
  return { busy, failure, errors, run, fail: setFailure };
}
