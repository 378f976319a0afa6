import { call } from '../../api';

// A report's photos are fetched one by one by attachment id (the report itself names them only) and kept
// as blob URLs for the session: an attachment's bytes never change, and a blob URL holds them once
// instead of as a long data-URL string in every <img>.

const loading = new Map<string, Promise<string>>();
const loaded = new Map<string, string>();

/** The photo's URL if it was loaded already, so a print view can render it at once. */
export const photoUrl = (attachmentId: string): string | undefined => loaded.get(attachmentId);

export const loadPhoto = (attachmentId: string): Promise<string> => {
  let p = loading.get(attachmentId);
  if (!p) {
    p = call('attachments.read', { id: attachmentId }).then((c) => {
      const bytes = Uint8Array.from(atob(c.dataBase64), (ch) => ch.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: c.mime }));
      loaded.set(attachmentId, url);
      return url;
    });
    // A failed read (file not yet synced) is tried again next time.
    p.catch(() => loading.delete(attachmentId));
    loading.set(attachmentId, p);
  }
  return p;
};
