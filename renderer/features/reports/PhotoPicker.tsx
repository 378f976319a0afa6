import { useEffect, useRef, useState } from 'react';
import type { PhotoChoice } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { TextField } from '../../components/Field';
import { Dialog } from '../../components/Dialog';
import { useRead } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { loadPhoto, photoUrl } from './photoSource';

/** A small picture of a choice, fetched once it scrolls into view (a year may hold hundreds of photos). */
const ChoiceThumb = ({ c }: { c: PhotoChoice }) => {
  const box = useRef<HTMLDivElement>(null);
  const [src, setSrc] = useState(() => photoUrl(c.attachmentId) ?? null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || seen) return;
    const watch = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, [seen]);
  useEffect(() => {
    if (!seen) return;
    let live = true;
    loadPhoto(c.attachmentId).then(
      (url) => live && setSrc(url),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [c.attachmentId, seen]);
  return src ? (
    <img className="thumb" src={src} alt="" />
  ) : (
    <div className="thumb file" aria-hidden="true" ref={box} />
  );
};

const baseName = (fileName: string) => fileName.replace(/\.[^.]+$/, '');

/** Picks one of the year's images for a part of the report and gives it a caption. */
export const PhotoPicker = ({
  heading,
  choices,
  onAdd,
  onClose,
}: {
  heading: string;
  choices: () => Promise<PhotoChoice[]>;
  onAdd: (attachmentId: string, caption: string) => Promise<boolean>;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const list = useRead('choices', choices);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<PhotoChoice | null>(null);
  const [caption, setCaption] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const shown = (list.data ?? []).filter((c) =>
    `${c.fileName} ${c.recordTitle} ${c.caption ?? ''}`.includes(filter.trim()),
  );
  const pick = (c: PhotoChoice) => {
    setPicked(c);
    setError(undefined);
    if (!caption.trim()) setCaption(c.caption ?? baseName(c.fileName));
  };
  const add = async () => {
    if (!picked) {
      setError(t('report.photos.pickFirst'));
      return;
    }
    setBusy(true);
    const ok = await onAdd(picked.attachmentId, caption.trim());
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Dialog
      title={t('report.photos.pickTitle', { heading })}
      onClose={onClose}
      onSave={() => void add()}
      dirty={picked !== null}
      wide
      footer={(close) => (
        <>
          <button type="button" onClick={close}>
            {t('report.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void add()}>
            {t('report.photos.addConfirm')}
          </button>
        </>
      )}
    >
      {list.error ? <div className="banner error">{list.error}</div> : null}
      {list.data && list.data.length === 0 ? (
        <p className="empty">{t('report.photos.none')}</p>
      ) : (
        <>
          <input
            type="search"
            aria-label={t('report.photos.filter')}
            placeholder={t('report.photos.filter')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          {list.loading && !list.data ? <p className="muted">{t('app.loading')}</p> : null}
          <ul className="photo-choices" role="listbox" aria-label={t('report.photos.pickTitle', { heading })}>
            {shown.map((c) => (
              <li key={c.attachmentId}>
                <button
                  type="button"
                  role="option"
                  aria-selected={picked?.attachmentId === c.attachmentId}
                  className={picked?.attachmentId === c.attachmentId ? 'choice picked' : 'choice'}
                  onClick={() => pick(c)}
                >
                  <ChoiceThumb c={c} />
                  <span className="choice-name">{c.fileName}</span>
                  <span className="muted small">
                    {t('report.photos.from', { record: c.recordTitle })}
                    {c.date ? ` · ${c.date}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <TextField
        label={t('report.photos.caption')}
        value={caption}
        onChange={setCaption}
        hint={t('report.photos.captionHint')}
        error={error}
        max={LIMITS.title}
        required
        wide
      />
    </Dialog>
  );
};
