import { type ReactNode, useEffect, useRef } from 'react';

/** A status line that takes the focus when it appears (the button that led to it is gone), so keyboard and screen-reader users keep their place. */
export function FocusedStatus({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <span ref={ref} tabIndex={-1} className="muted block" role="status">
      {children}
    </span>
  );
}
