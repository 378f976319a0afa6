import { useState } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { filterInput, useLedger } from '../../stores/ledger';
import { saveBytes } from '../attachments/files';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Writes what the ledger shows (same filters, search and order) to an .xlsx the user saves. */
export const ExportButton = () => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('ledger.export', filterInput(useLedger.getState().filters));
      saveBytes(file.fileName, XLSX_MIME, file.dataBase64);
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
