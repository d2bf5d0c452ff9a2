import { useEffect, useRef, useState } from 'react';

export function useDebouncedValue<T>(value: T, delayMs = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** Re-renders every `ms` so relative times stay true. */
export function useNow(ms = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * The query's data, or while it refetches (new variables: next page, another
 * filter) the last data it had, so the old rows stay on screen instead of
 * flashing back to skeletons. Undefined once a fetch has ended without data.
 */
export function useLastData<Data>(result: { data?: Data; fetching: boolean }): Data | undefined {
  const last = useRef(result.data);
  if (result.data) last.current = result.data;
  return result.data ?? (result.fetching ? last.current : undefined);
}
