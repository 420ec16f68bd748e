/**
 * A panel that slides over the page and is opened by one button: while open,
 * the keyboard stays inside it (Tab wraps round), Escape closes it, and focus
 * starts on its heading and goes back to the button when it closes.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

const isRadio = (el: Element | null): el is HTMLInputElement =>
  el instanceof HTMLInputElement && el.type === 'radio' && el.name !== '';

const sameRadioGroup = (a: Element, b: Element | null) => isRadio(a) && isRadio(b) && a.name === b.name;

/** Where Tab stops inside `panel`, in order: one stop per group of radio buttons (the checked one, or the first). */
function tabStops(panel: HTMLElement): HTMLElement[] {
  const all = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  return all.filter((el) => {
    if (!isRadio(el)) return true;
    const group = all.filter((other) => sameRadioGroup(el, other));
    return el === (group.find((radio) => (radio as HTMLInputElement).checked) ?? group[0]);
  });
}

export interface Drawer {
  /** Open now (never while the drawer is not in use, e.g. on a wide screen). */
  open: boolean;
  show: () => void;
  close: () => void;
  openerRef: RefObject<HTMLButtonElement | null>;
  panelRef: RefObject<HTMLDivElement | null>;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

export function useDrawer(inUse: boolean): Drawer {
  const [wanted, setWanted] = useState(false);
  // Widened past the drawer (a tablet turned round): it is closed, and stays closed when turned back.
  if (!inUse && wanted) setWanted(false);
  const open = inUse && wanted;
  const openerRef = useRef<HTMLButtonElement | null>(null);
  const panelRef = useRef<HTMLDivElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  const show = useCallback(() => setWanted(true), []);
  const close = useCallback(() => {
    setWanted(false);
    openerRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    headingRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
        return;
      }
      const panel = panelRef.current;
      if (event.key !== 'Tab' || panel === null) return;
      const stops = tabStops(panel);
      const first = stops[0];
      const last = stops[stops.length - 1];
      if (first === undefined || last === undefined) return;
      const active = document.activeElement;
      const at = stops.findIndex((stop) => stop === active || sameRadioGroup(stop, active));
      if (event.shiftKey && at <= 0) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (at === -1 ? !panel.contains(active) : at === stops.length - 1)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, close]);

  return { open, show, close, openerRef, panelRef, headingRef };
}
