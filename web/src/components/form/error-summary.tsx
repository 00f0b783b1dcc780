import { useEffect, useRef } from 'react';
import { fieldId } from './text-field.tsx';

export interface SummaryItem {
  readonly field?: string;
  readonly message: string;
}

/**
 * The form's errors, listed above it and focused when they appear, each linking to its field, so
 * that a keyboard or screen-reader user learns what to fix and gets there in one step.
 */
export function ErrorSummary({
  items,
  labels,
}: {
  items: readonly SummaryItem[];
  /** The label of each field, as its input shows it; a function for fields named by position. */
  labels: Readonly<Record<string, string>> | ((field: string) => string | undefined);
}) {
  const labelOf = (field: string) => (typeof labels === 'function' ? labels(field) : labels[field]);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (items.length) ref.current?.focus();
  }, [items]);
  if (!items.length) return null;
  return (
    <section className="notice notice--error" tabIndex={-1} ref={ref} aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">Le formulaire contient {items.length > 1 ? `${items.length} erreurs` : 'une erreur'}</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.field ?? ''}${item.message}`}>
            {item.field ? (
              <a href={`#${fieldId(item.field)}`}>
                {labelOf(item.field) ?? 'Champ'} : {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
