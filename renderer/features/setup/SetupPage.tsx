import { useState } from 'react';
import type { AppMode, InstitutionKind } from '../../../electron/shared/contract';
import { call } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useApp } from '../../stores/app';

export const SetupPage = () => {
  const { t, label } = useI18n();
  const setStatus = useApp((s) => s.setStatus);
  const [mode, setMode] = useState<AppMode>('site');
  const [siteName, setSiteName] = useState('');
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [kind, setKind] = useState<InstitutionKind | ''>('');
  const [region, setRegion] = useState('');
  const [loadDemo, setLoadDemo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);

  const submit = async () => {
    setBusy(true);
    try {
      const status = await call('app.setup', {
        mode,
        siteName,
        institution: { name, shortName, kind: kind as InstitutionKind, region },
        loadDemo,
      });
      setStatus(status);
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="setup">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1>{t('setup.title')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        {failure ? <div className="banner error">{failure.message}</div> : null}
        <fieldset className="choices">
          <legend>{t('setup.mode')}</legend>
          {enumValues('appMode').map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {label('appMode', m)}
            </label>
          ))}
        </fieldset>
        <div className="grid">
          <TextField
            label={t('setup.siteName')}
            name="siteName"
            value={siteName}
            onChange={setSiteName}
            placeholder={t('setup.siteNameHint')}
            error={failure?.fields.siteName}
            required
          />
          <TextField
            label={t('institution.name')}
            name="institutionName"
            value={name}
            onChange={setName}
            error={failure?.fields['institution.name']}
            required
          />
          <TextField
            label={t('institution.shortName')}
            value={shortName}
            onChange={setShortName}
            error={failure?.fields['institution.shortName']}
          />
          <SelectField
            label={t('institution.kind')}
            name="institutionKind"
            value={kind}
            placeholder={t('common.choose')}
            options={enumValues('institutionKind').map((v) => ({
              value: v,
              label: label('institutionKind', v),
            }))}
            onChange={setKind}
            error={failure?.fields['institution.kind']}
            required
          />
          <TextField
            label={t('institution.region')}
            value={region}
            onChange={setRegion}
            error={failure?.fields['institution.region']}
          />
        </div>
        <label className="choice">
          <input
            type="checkbox"
            name="loadDemo"
            checked={loadDemo}
            onChange={(e) => setLoadDemo(e.target.checked)}
          />
          {t('setup.loadDemo')}
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('setup.start')}
          </button>
        </div>
      </form>
    </main>
  );
};
