import type { ReactNode } from 'react';

/** A message block: information, success (polite live region) or error (announced at once). */
export function Notice({ kind = 'info', title, children }: { kind?: 'info' | 'success' | 'error'; title?: string; children?: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title && <h2>{title}</h2>}
      {children}
    </div>
  );
}
