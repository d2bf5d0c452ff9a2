import { useEffect, type RefObject } from 'react';

const APP = 'Rapport';

/** Sets the document title to "<title> · Rapport" while the calling page is shown. */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · ${APP}`;
  }, [title]);
}

/**
 * Keeps the document title in step with the page's first heading (h1) inside `root`, so every
 * page of the app is titled after what it shows — also once its data (a person's name) arrives.
 */
export function useTitleFromHeading(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const update = () => {
      const text = element.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
      const next = text ? `${text} · ${APP}` : APP;
      if (document.title !== next) document.title = next;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [root]);
}
