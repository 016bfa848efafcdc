import { useEffect, useState } from 'react';

interface Stored<T> {
  value: T;
  savedAt: string;
}

/**
 * Typed input kept in the browser while the user works, so a reload, a lost connection or a closed tab loses
 * nothing. `clear` after the server accepted it.
 */
export function useDraft<T extends object>(key: string, initial: T) {
  const [restored] = useState<Stored<T> | undefined>(() => {
    try {
      const raw = window.localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as Stored<T>) : undefined;
    } catch {
      return undefined;
    }
  });
  const [value, setValue] = useState<T>(() => ({ ...initial, ...(restored?.value ?? {}) }));
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!dirty) return;
    window.localStorage.setItem(key, JSON.stringify({ value, savedAt: new Date().toISOString() } satisfies Stored<T>));
  }, [key, value, dirty]);

  return {
    value,
    restoredAt: restored?.savedAt,
    update(next: T) {
      setDirty(true);
      setValue(next);
    },
    clear() {
      window.localStorage.removeItem(key);
      setDirty(false);
      setValue(initial);
    },
  };
}
