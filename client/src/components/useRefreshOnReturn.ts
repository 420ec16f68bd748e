/** Reload data when someone comes back to the tab, since things may have changed while they were away. */
import { useEffect } from 'react';

export function useRefreshOnReturn(reload: () => void) {
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);
}
