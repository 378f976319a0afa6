import { useEffect, useRef, useState } from 'react';
import type { Attachment, AttachmentContent } from '../../../electron/shared/contract';
import { MAX_ATTACHMENT_BYTES } from '../../../electron/shared/limits';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { dataUrl, formatSize, readAsBase64, saveBytes } from './files';

type Entity = Attachment['entityTable'];

interface Props {
  entityTable: Entity;
  entityId: string;
  /** After an add or remove, so the owner's evidence count can refresh. */
  onChange?: () => void;
}

// Thumbnails by content hash: the same photo on several records is fetched once per session.
const contentCache = new Map<string, Promise<AttachmentContent>>();
const content = (a: Attachment) => {
  let p = contentCache.get(a.sha256);
  if (!p) {
    p = call('attachments.read', { id: a.id });
    p.catch(() => contentCache.delete(a.sha256));
    contentCache.set(a.sha256, p);
  }
  return p;
};

const Thumb = ({ a }: { a: Attachment }) => {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (a.mime.startsWith('image/'))
      content(a).then(
        (c) => live && setSrc(dataUrl(c.mime, c.dataBase64)),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [a]);
  if (src) return <img className="thumb" src={src} alt={a.fileName} />;
  const ext = a.fileName.split('.').pop()?.toUpperCase() ?? '';
  return (
    <div className="thumb file" aria-hidden="true">
      {ext}
    </div>
  );
};

/** Evidence for one record: pick or drop files, see thumbnails, open, save a copy, remove. */
export const AttachmentPanel = ({ entityTable, entityId, onChange }: Props) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [list, setList] = useState<Attachment[] | null>(null);
  const [busy, setBusy] = useState<{ name: string; done: number; total: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [preview, setPreview] = useState<{ a: Attachment; src: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Bumped after an add or remove; the list is then read again from the database.
  const [reads, setReads] = useState(0);
  const refresh = () => setReads((n) => n + 1);
  useEffect(() => {
    let live = true;
    call('attachments.list', { entityTable, entityId }).then(
      (l) => live && setList(l),
      (e: Error) => toast(e.message, { kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [entityTable, entityId, reads, toast]);

  const upload = async (files: File[]) => {
    let added = 0;
    for (const [i, file] of files.entries()) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        toast(t('attachment.tooBig', { name: file.name }), { kind: 'error', ms: 8000 });
        continue;
      }
      setBusy({ name: file.name, done: i, total: files.length });
      try {
        await call('attachments.add', {
          entityTable,
          entityId,
          fileName: file.name,
          dataBase64: await readAsBase64(file),
        });
        added++;
      } catch (e) {
        toast((e as Error).message, { kind: 'error', ms: 8000 });
      }
    }
    setBusy(null);
    if (added > 0) {
      toast(t('attachment.added', { count: added }));
      refresh();
      onChange?.();
    }
  };

  const open = async (a: Attachment) => {
    try {
      const c = await content(a);
      if (a.mime.startsWith('image/')) setPreview({ a, src: dataUrl(c.mime, c.dataBase64) });
      else saveBytes(c.fileName, c.mime, c.dataBase64);
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  const save = async (a: Attachment) => {
    try {
      const c = await content(a);
      saveBytes(c.fileName, c.mime, c.dataBase64);
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await call('attachments.remove', { id: a.id });
      toast(t('attachment.removed', { name: a.fileName }));
      refresh();
      onChange?.();
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  return (
    <section className="section attachments" aria-label={t('attachment.title')}>
      <div className="section-head">
        <h3>
          {t('attachment.title')}{' '}
          <span className="muted">{t('attachment.count', { count: list?.length ?? 0 })}</span>
        </h3>
        <button type="button" onClick={() => input.current?.click()} disabled={busy !== null}>
          {t('attachment.add')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="attachment-input"
          accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void upload(files);
          }}
        />
      </div>
      <div
        className={`dropzone${dragging ? ' over' : ''}`}
        data-testid="attachment-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void upload([...e.dataTransfer.files]);
        }}
      >
        {busy ? (
          <div className="progress-line" role="status">
            {t('attachment.uploading', { name: busy.name })}
            <progress max={busy.total} value={busy.done} />
          </div>
        ) : list && list.length > 0 ? (
          <ul className="thumbs">
            {list.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="thumb-button"
                  onClick={() => void open(a)}
                  title={t('attachment.open')}
                >
                  <Thumb a={a} />
                </button>
                <div className="thumb-name" title={a.fileName}>
                  {a.fileName}
                </div>
                <div className="muted small">{formatSize(a.size)}</div>
                <div className="row-actions">
                  <button type="button" className="link" onClick={() => void save(a)}>
                    {t('attachment.save')}
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    aria-label={`${t('common.remove')} ${a.fileName}`}
                    onClick={() => void remove(a)}
                  >
                    {t('common.remove')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{list ? t('attachment.drop') : t('app.loading')}</p>
        )}
      </div>
      {preview ? (
        <Dialog title={preview.a.fileName} onClose={() => setPreview(null)} wide>
          <img className="preview" src={preview.src} alt={preview.a.fileName} />
        </Dialog>
      ) : null}
    </section>
  );
};
