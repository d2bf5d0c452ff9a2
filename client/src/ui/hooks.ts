import { useCallback, useEffect, useRef, useState, type RefCallback } from 'react';

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

/**
 * The width of an element on screen, kept up to date as it resizes (`fallback` until it is measured,
 * and where nothing can be measured). For drawings that should keep their text at its size.
 */
export function useElementWidth<E extends HTMLElement>(fallback: number): [RefCallback<E>, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: E | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    const measure = () => {
      const w = Math.floor(element.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(measure);
    observer.current.observe(element);
  }, []);
  return [ref, width];
}

/**
 * For a box that may scroll sideways (a table on a phone): while its content is wider than it is,
 * it joins the tab order as a labelled region, so keyboard users can scroll it with the arrow keys.
 */
export function useScrollableRegion<E extends HTMLElement>(label: string): RefCallback<E> {
  const observer = useRef<ResizeObserver | null>(null);
  return useCallback(
    (element: E | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!element) return;
      const update = () => {
        const scrolls = element.scrollWidth > element.clientWidth + 1;
        if (scrolls && element.getAttribute('tabindex') !== '0') {
          element.setAttribute('tabindex', '0');
          element.setAttribute('role', 'region');
          element.setAttribute('aria-label', label);
        } else if (!scrolls && element.hasAttribute('tabindex')) {
          element.removeAttribute('tabindex');
          element.removeAttribute('role');
          element.removeAttribute('aria-label');
        }
      };
      update();
      if (typeof ResizeObserver === 'undefined') return;
      observer.current = new ResizeObserver(update);
      observer.current.observe(element);
      for (const child of Array.from(element.children)) observer.current.observe(child);
    },
    [label],
  );
}
