import { useState } from 'react';
import type { AppMode, InstitutionKind } from '../../../electron/shared/contract';
import { TextField } from '../../components/Field';
import { InstitutionFields, institutionDraft } from '../../components/InstitutionFields';
import { toFailure, type FormFailure } from '../../components/form';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useApp } from '../../stores/app';
import { JoinForm } from './JoinForm';

/** First run: a new college (or the department) starts here, or a new PC joins a college that already has one. */
export const SetupPage = () => {
  const { t } = useI18n();
  const [joining, setJoining] = useState(false);
  return (
    <main className="setup">
      <div className="card">
        <h1>{t('setup.title')}</h1>
        <fieldset className="choices">
          <legend>{t('join.how')}</legend>
          <label className="choice">
            <input type="radio" name="how" checked={!joining} onChange={() => setJoining(false)} />
            {t('join.new')}
          </label>
          <label className="choice">
            <input type="radio" name="how" checked={joining} onChange={() => setJoining(true)} />
            {t('join.existing')}
          </label>
        </fieldset>
        {joining ? <JoinForm /> : <NewSiteForm />}
      </div>
    </main>
  );
};

const NewSiteForm = () => {
  const { t, label } = useI18n();
  const setup = useApp((s) => s.setup);
  const [mode, setMode] = useState<AppMode>('site');
  const [siteName, setSiteName] = useState('');
  const [institution, setInstitution] = useState(institutionDraft());
  const [loadDemo, setLoadDemo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);

  const submit = async () => {
    setBusy(true);
    try {
      await setup({
        mode,
        siteName,
        institution: { ...institution, kind: institution.kind as InstitutionKind },
        loadDemo,
      });
    } catch (e) {
      setFailure(toFailure(e, t('common.fixErrors')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
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
          hint={t('setup.siteNameExplained')}
          error={failure?.fields.siteName}
          required
        />
        <p className="muted small wide">{t('setup.institutionExplained')}</p>
        <InstitutionFields
          value={institution}
          onChange={setInstitution}
          errors={failure?.fields ?? {}}
          prefix="institution."
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
  );
};
