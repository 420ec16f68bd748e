/**
 * Loads something once per key and lets the page reload it (after an event,
 * say) without flashing back to a loading state.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

export function useResource<T>(key: string, load: () => Promise<T>): [Resource<T>, () => void] {
  const [state, setState] = useState<{ key: string; resource: Resource<T> }>({ key, resource: { status: 'loading' } });
  const [version, setVersion] = useState(0);
  // The loader is read through a ref so a fresh closure each render does not refetch.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let cancelled = false;
    loadRef.current().then(
      (data) => !cancelled && setState({ key, resource: { status: 'ready', data } }),
      (error: unknown) => {
        if (cancelled) return;
        // Keep showing what we had if a background refresh fails.
        setState((prev) =>
          prev.key === key && prev.resource.status === 'ready' ? prev : { key, resource: { status: 'error', error } },
        );
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const resource: Resource<T> = state.key === key ? state.resource : { status: 'loading' };
  return [resource, reload];
}
