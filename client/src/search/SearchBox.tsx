/**
 * The search field in the header. `/` anywhere on the page (except while
 * typing) puts the caret in it; Enter opens the results page.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { SEARCH_PATH, searchPathOf } from './searchPath.js';
import styles from './search.module.css';

/** True when a key press is someone typing: in a field, a text area or an editor. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function SearchBox() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const shown = pathname === SEARCH_PATH ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(shown);
  const [lastShown, setLastShown] = useState(shown);
  // The field says what the results page is showing, also after Back and Forward.
  if (shown !== lastShown) {
    setLastShown(shown);
    setValue(shown);
  }
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    if (q === '') {
      input.current?.focus();
      return;
    }
    void navigate(searchPathOf(q));
  };

  return (
    <form role="search" className={styles.box} onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Search your notes
      </label>
      <input
        ref={input}
        id={id}
        type="search"
        className={`field-input ${styles.input}`}
        placeholder="Search your notes"
        aria-keyshortcuts="/"
        enterKeyHint="search"
        autoComplete="off"
        maxLength={1000}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <kbd className={styles.key} aria-hidden="true" title="Press / to search">
        /
      </kbd>
    </form>
  );
}
