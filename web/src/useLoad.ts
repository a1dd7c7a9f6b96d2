import { useEffect, useState } from 'react';

/** Loads data for a page and reloads it on demand; errors are shown, never swallowed. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError('');
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
    // The caller names what the load depends on; `version` makes reload() run it again.
  }, [...deps, version]);
  return { data, error, reload: () => setVersion((v) => v + 1) };
}
