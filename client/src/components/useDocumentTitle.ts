/** Keeps the browser tab's title in step with the page, so tabs and screen readers say where you are. */
import { useEffect } from 'react';

export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} · Tandem` : 'Tandem';
  }, [title]);
}
