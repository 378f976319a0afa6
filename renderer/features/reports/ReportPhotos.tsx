import { useEffect, useState } from 'react';
import type { PhotoChoice, ReportPhoto, ReportSection } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';
import { useI18n } from '../../i18n';
import { PhotoPicker } from './PhotoPicker';
import { loadPhoto, photoUrl } from './photoSource';

// A part's evidence photos, as seed 001 prints them: the picture, and under it "图 N 说明", numbered through
// the report. On screen each carries its tools, and a photo that can no longer print is named instead.

export interface PhotoActions {
  choices(): Promise<PhotoChoice[]>;
  add(sectionKey: string, attachmentId: string, caption: string): Promise<boolean>;
  caption(id: string, caption: string): Promise<boolean>;
  move(id: string, offset: -1 | 1): Promise<void>;
  remove(id: string, caption: string): Promise<void>;
}

const Picture = ({ photo }: { photo: ReportPhoto }) => {
  const { t } = useI18n();
  const [state, setState] = useState<{ src: string | null; error: string | null }>(() => ({
    src: photoUrl(photo.attachmentId) ?? null,
    error: null,
  }));
  useEffect(() => {
    let live = true;
    loadPhoto(photo.attachmentId).then(
      (src) => live && setState({ src, error: null }),
      (e: Error) => live && setState({ src: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [photo.attachmentId]);
  if (state.src) return <img src={state.src} alt={photo.caption} />;
  return (
    <p className="muted small no-print">
      {state.error ? t('report.photos.failed', { message: state.error }) : t('report.photos.loading')}
    </p>
  );
};

const PhotoTools = ({
  photo,
  first,
  last,
  actions,
}: {
  photo: ReportPhoto;
  first: boolean;
  last: boolean;
  actions: PhotoActions;
}) => {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null)
    return (
      <div className="no-print photo-tools">
        <input
          aria-label={t('report.photos.caption')}
          value={draft}
          maxLength={LIMITS.title}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(null);
            if (e.key === 'Enter')
              void actions.caption(photo.id, draft.trim()).then((ok) => ok && setDraft(null));
          }}
        />
        <button
          type="button"
          className="primary"
          onClick={() => void actions.caption(photo.id, draft.trim()).then((ok) => ok && setDraft(null))}
        >
          {t('report.photos.saveCaption')}
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          {t('report.cancel')}
        </button>
      </div>
    );
  return (
    <div className="no-print photo-tools">
      <button type="button" className="link" disabled={first} onClick={() => void actions.move(photo.id, -1)}>
        {t('report.photos.earlier')}
      </button>
      <button type="button" className="link" disabled={last} onClick={() => void actions.move(photo.id, 1)}>
        {t('report.photos.later')}
      </button>
      <button type="button" className="link" onClick={() => setDraft(photo.caption)}>
        {t('report.photos.editCaption')}
      </button>
      <button type="button" className="link" onClick={() => void actions.remove(photo.id, photo.caption)}>
        {t('report.photos.remove')}
      </button>
    </div>
  );
};

export const SectionPhotos = ({ s, actions }: { s: ReportSection; actions: PhotoActions | null }) => {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  return (
    <>
      {s.photos.map((p, i) => (
        <figure key={p.id} className="report-photo" data-photo={p.number}>
          <Picture photo={p} />
          <figcaption>{`图 ${p.number}\u3000${p.caption}`}</figcaption>
          {actions ? (
            <PhotoTools photo={p} first={i === 0} last={i === s.photos.length - 1} actions={actions} />
          ) : null}
        </figure>
      ))}
      {actions
        ? s.missingPhotos.map((m) => (
            <p key={m.id} className="no-print banner warn photo-missing">
              {t(m.reason === 'deleted' ? 'report.photos.missing' : 'report.photos.fileMissing', {
                caption: m.caption,
              })}{' '}
              <button type="button" className="link" onClick={() => void actions.remove(m.id, m.caption)}>
                {t('report.photos.remove')}
              </button>
            </p>
          ))
        : null}
      {actions ? (
        <p className="no-print">
          <button type="button" className="link" onClick={() => setPicking(true)}>
            {t('report.photos.add')}
          </button>
        </p>
      ) : null}
      {picking && actions ? (
        <PhotoPicker
          heading={s.heading}
          choices={actions.choices}
          onAdd={(attachmentId, caption) => actions.add(s.key, attachmentId, caption)}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </>
  );
};
