import { useState } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { filterInput, useLedger } from '../../stores/ledger';
import { FILE_MIME, saveBytes } from '../attachments/files';

/** Writes what the ledger shows (same filters, search and order) to an .xlsx the user saves. */
export const ExportButton = () => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('ledger.export', filterInput(useLedger.getState().filters));
      saveBytes(file.fileName, FILE_MIME.xlsx, file.dataBase64);
      toast(t('ledger.exported', { rows: file.rows }));
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" onClick={() => void run()} disabled={busy} aria-busy={busy}>
      {t('ledger.export')}
    </button>
  );
};
