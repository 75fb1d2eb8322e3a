import { useCallback, useRef } from 'react';

/**
 * "Latest call wins" for a panel's work: each call of the returned `begin` starts a turn and
 * gives back `isLatest`, true until a later turn begins. Work that finishes after it was overtaken
 * (a re-audit started while an older one was still out) checks it and leaves the panel alone.
 */
export function useLatest(): () => () => boolean {
  const turn = useRef(0);
  return useCallback(() => {
    const mine = ++turn.current;
    return () => mine === turn.current;
  }, []);
}
