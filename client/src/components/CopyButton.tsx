/** Copies text to the clipboard and says so, falling back to selecting it for a manual copy. */
import { useEffect, useState } from 'react';

export function CopyButton({
  text,
  label = 'Copy link',
  selectFallback,
}: {
  text: string;
  label?: string;
  selectFallback?: () => void;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 3000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState('copied');
          } catch {
            // Clipboard access can be refused (insecure origin, permissions): select it instead.
            selectFallback?.();
            setState('failed');
          }
        }}
      >
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied'
          ? 'Link copied to the clipboard.'
          : state === 'failed'
            ? 'Press Ctrl+C to copy the selected link.'
            : ''}
      </span>
    </>
  );
}
