import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';

/** Page state kept in the URL's query string, so a filtered view can be shared and reloaded. */
export function useQueryState(): [URLSearchParams, (changes: Record<string, string | undefined>, replace?: boolean) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const update = useCallback(
    (changes: Record<string, string | undefined>, replace = false) => {
      const next = new URLSearchParams(search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      const q = next.toString();
      navigate(q ? `${location}?${q}` : location, { replace });
    },
    [search, location, navigate],
  );
  return [params, update];
}
