import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { fieldId } from '#web/components/form/text-field.tsx';
import { type CommuneMatch, useCommuneSearch } from '../api/use-communes.ts';
import './commune-picker.css';

export interface ChosenCommune {
  readonly code: string;
  readonly name: string;
  readonly department: string;
}

/** Ask the API once typing pauses, not at every key. */
const typingPauseMs = 250;

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), typingPauseMs);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/**
 * Communes chosen by name: an editable combobox (WAI-ARIA 1.2 pattern, list autocomplete) whose
 * suggestions come from `GET /communes`, and the chosen communes as a list with a "Retirer"
 * button each. The form receives the INSEE codes, one hidden input per commune under `name`, as
 * the API expects them. Keyboard: ↓/↑ move in the list, Entrée adds, Échap closes then clears.
 */
export function CommunePicker({
  name,
  label,
  hint,
  error,
  initial,
}: {
  name: string;
  label: string;
  hint: string;
  error?: string;
  initial: readonly ChosenCommune[];
}) {
  const id = fieldId(name);
  const listId = `${id}-propositions`;
  const optionId = (code: string) => `${id}-option-${code}`;
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState(initial);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [activeCode, setActiveCode] = useState<string>();
  const [said, setSaid] = useState('');

  const settled = useSettled(text);
  const search = useCommuneSearch(settled);
  const searching = text.trim().length >= 2;
  const options: readonly CommuneMatch[] = searching
    ? (search.data?.communes ?? []).filter((match) => !chosen.some((commune) => commune.code === match.code))
    : [];
  const expanded = open && options.length > 0;
  const activeIndex = options.findIndex((option) => option.code === activeCode);

  const status = !open || !searching ? said : statusOf(text, options.length, search.isFetching || settled !== text);

  const add = (commune: CommuneMatch) => {
    setChosen([...chosen, { code: commune.code, name: commune.name, department: commune.department }]);
    setText('');
    setOpen(false);
    setActiveCode(undefined);
    setSaid(`${commune.name} ajoutée.`);
  };
  const remove = (commune: ChosenCommune) => {
    setChosen(chosen.filter((other) => other.code !== commune.code));
    setSaid(`${commune.name} retirée.`);
    input.current?.focus();
  };
  const move = (step: 1 | -1) => {
    if (!options.length) return;
    const from = activeIndex === -1 ? (step === 1 ? -1 : 0) : activeIndex;
    setActiveCode(options[(from + step + options.length) % options.length]?.code);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) setOpen(true);
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      // A text being typed is not a commune yet: Entrée picks the highlighted one, never submits it.
      if (text.trim() === '') return;
      event.preventDefault();
      const active = options[activeIndex];
      if (expanded && active) add(active);
    } else if (event.key === 'Escape') {
      if (expanded) setOpen(false);
      else setText('');
    }
  };

  const described = [`${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <span className="field__hint" id={`${id}-aide`}>
        {hint}
      </span>
      {error && (
        <span className="field__error" id={`${id}-erreur`}>
          {error}
        </span>
      )}
      {chosen.length > 0 && (
        <ul className="commune-chips" aria-label="Communes choisies">
          {chosen.map((commune) => (
            <li key={commune.code} className="commune-chip">
              <span>
                {commune.name} ({commune.department})
              </span>
              <button type="button" className="commune-chip__remove" onClick={() => remove(commune)}>
                Retirer<span className="visually-hidden"> {commune.name}</span>
              </button>
              <input type="hidden" name={name} value={commune.code} />
            </li>
          ))}
        </ul>
      )}
      <div className="combobox">
        <input
          ref={input}
          id={id}
          className="field__input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && activeIndex >= 0 ? optionId(options[activeIndex]?.code ?? '') : undefined}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActiveCode(undefined);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <div id={listId} role="listbox" aria-label="Communes proposées" className="combobox__list" hidden={!expanded}>
          {expanded &&
            options.map((option, index) => (
              // Options are picked with the keyboard from the input (aria-activedescendant) or with a pointer here.
              // biome-ignore lint/a11y/useKeyWithClickEvents: the input holds the focus and handles the keys, as the combobox pattern asks
              <div
                key={option.code}
                id={optionId(option.code)}
                role="option"
                tabIndex={-1}
                aria-selected={index === activeIndex}
                className={index === activeIndex ? 'combobox__option combobox__option--active' : 'combobox__option'}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => add(option)}
              >
                {option.name} <span className="combobox__detail">{`${option.postcode} · ${option.department}`}</span>
              </div>
            ))}
        </div>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </div>
  );
}

function statusOf(text: string, count: number, pending: boolean): string {
  if (pending && count === 0) return 'Recherche des communes…';
  if (count === 0) return `Aucune commune ne correspond à « ${text.trim()} ».`;
  const found = count === 1 ? '1 commune proposée' : `${count} communes proposées`;
  return `${found} : flèches haut et bas pour parcourir, Entrée pour ajouter.`;
}
