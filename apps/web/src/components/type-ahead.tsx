import { useId, useState, type KeyboardEvent, type Ref } from 'react';

/** Matches first where the name starts with the text, then where a word does, then anywhere. */
function rank<T>(items: readonly T[], query: string, textsOf: (item: T) => string[]): T[] {
  const score = (item: T) => {
    const [name = '', extra = ''] = textsOf(item).map((text) => text.toLowerCase());
    if (name.startsWith(query)) return 0;
    if (` ${name} ${extra}`.includes(` ${query}`)) return 1;
    return `${name} ${extra}`.includes(query) ? 2 : 3;
  };
  return items
    .map((item, index) => ({ item, index, score: score(item) }))
    .filter((entry) => entry.score < 3)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.item);
}

type TypeAheadProps<T> = {
  label: string;
  hint?: string;
  items: readonly T[];
  keyOf: (item: T) => string;
  textOf: (item: T) => string;
  /** Extra words that match but are not shown in the field (a code, a specialty). */
  searchTextOf?: (item: T) => string;
  detailOf?: (item: T) => string;
  chosen: T | null;
  onChoose: (item: T) => void;
  inputRef?: Ref<HTMLInputElement>;
};

/**
 * A field that narrows a short list as you type: the arrow keys move through the matches and Enter picks one
 * (the first match when none is highlighted). An ARIA 1.2 combobox with a listbox popup.
 */
export function TypeAhead<T>(props: TypeAheadProps<T>) {
  const { items, keyOf, textOf, chosen } = props;
  const id = useId();
  const [text, setText] = useState(chosen ? textOf(chosen) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = text.trim().toLowerCase();
  const showAll = !query || (chosen !== null && text === textOf(chosen));
  const matches = showAll
    ? items
    : rank(items, query, (item) => [textOf(item), props.searchTextOf?.(item) ?? '']);
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const expanded = open && matches.length > 0;

  const choose = (item: T) => {
    setText(textOf(item));
    setOpen(false);
    props.onChoose(item);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.min(matches.length - 1, Math.max(0, index + step)));
    } else if (event.key === 'Enter') {
      const item = matches[Math.min(active, matches.length - 1)];
      if (item && (open || !chosen || text !== textOf(chosen))) {
        event.preventDefault();
        choose(item);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="field type-ahead">
      <label htmlFor={`${id}-input`}>{props.label}</label>
      <input
        id={`${id}-input`}
        ref={props.inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded ? optionId(Math.min(active, matches.length - 1)) : undefined}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        // Not on focus: a field that takes focus when its panel opens must not cover the fields below it.
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {props.hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {props.hint}
        </span>
      ) : null}
      {expanded ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={props.label}
          className="type-ahead-list"
          // Choosing with the mouse must not blur the field first, or the list would close under the pointer.
          onMouseDown={(event) => event.preventDefault()}
        >
          {matches.map((item, index) => (
            <li
              key={keyOf(item)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'type-ahead-option active' : 'type-ahead-option'}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(item)}
            >
              <span>{textOf(item)}</span>
              {props.detailOf ? <span className="type-ahead-detail">{props.detailOf(item)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {open && matches.length === 0 ? (
        <p className="type-ahead-none" role="status">
          Nothing matches “{text.trim()}”.
        </p>
      ) : null}
    </div>
  );
}
