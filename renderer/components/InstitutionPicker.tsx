import { useId, useState, type KeyboardEvent } from 'react';
import type { Institution } from '../../electron/shared/contract';
import { InstitutionDialog } from '../features/institutions/InstitutionDialog';
import { useI18n } from '../i18n';
import { useInstitutions } from '../stores/institutions';
import { hasExactName, matchInstitutions } from './institutionSearch';

interface Props {
  id?: string;
  value: string;
  onChange: (id: string) => void;
  invalid?: boolean;
  allowEmpty?: boolean;
  ariaLabel?: string;
  describedBy?: string | undefined;
}

type Option = { kind: 'none' } | { kind: 'pick'; institution: Institution } | { kind: 'new' };

/**
 * A searchable select (ARIA combobox): type part of a name, short name or region, pick with the arrow
 * keys and Enter or the mouse. The last option creates an institution from what was typed and selects it,
 * without leaving the form.
 */
export const InstitutionPicker = ({
  id,
  value,
  onChange,
  invalid,
  allowEmpty,
  ariaLabel,
  describedBy,
}: Props) => {
  const { t } = useI18n();
  const all = useInstitutions((s) => s.all);
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState<string | null>(null);
  const selected = all.find((i) => i.id === value);

  const options: Option[] = open
    ? [
        ...(allowEmpty && !query.trim() ? [{ kind: 'none' } as const] : []),
        ...matchInstitutions(all, query).map((institution) => ({ kind: 'pick', institution }) as const),
        ...(hasExactName(all, query) ? [] : [{ kind: 'new' } as const]),
      ]
    : [];
  const close = () => {
    setOpen(false);
    setQuery('');
  };
  const show = () => {
    setOpen(true);
    setActive(0);
  };
  const choose = (o: Option | undefined) => {
    if (!o) return;
    if (o.kind === 'new') setCreating(query.trim());
    else onChange(o.kind === 'pick' ? o.institution.id : '');
    close();
  };
  const optionText = (o: Option) =>
    o.kind === 'pick'
      ? o.institution.name
      : o.kind === 'none'
        ? t('institution.noneOption')
        : `${t('common.plus')} ${query.trim() ? t('institution.newNamed', { name: query.trim() }) : t('institution.newInline')}`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return show();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % Math.max(options.length, 1));
    } else if (e.key === 'Enter' && open) {
      // Enter picks the highlighted option; the form is submitted only by an Enter on a closed picker.
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape' && open) {
      // Marked as handled so the surrounding dialog stays open.
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="picker">
      <input
        id={id}
        role="combobox"
        aria-label={ariaLabel}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder={selected?.name ?? t('institution.pick')}
        value={open ? query : (selected?.name ?? '')}
        onChange={(e) => {
          setQuery(e.target.value);
          show();
        }}
        onClick={() => (open ? close() : show())}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      {open ? (
        <ul id={listId} role="listbox" className="picker-list">
          {options.map((o, i) => (
            <li
              key={o.kind === 'pick' ? o.institution.id : o.kind}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`${i === active ? 'active' : ''}${o.kind === 'new' ? ' create' : ''}`}
              // Mouse down, not click: the input keeps focus, so its blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {optionText(o)}
              {o.kind === 'pick' && o.institution.shortName ? (
                <small> {o.institution.shortName}</small>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {creating !== null ? (
        <InstitutionDialog
          initialName={creating}
          onClose={() => setCreating(null)}
          onSaved={(saved) => {
            setCreating(null);
            onChange(saved.id);
          }}
        />
      ) : null}
    </div>
  );
};
