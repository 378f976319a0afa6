import { useState } from 'react';
import { call } from '../../api';
import { formatDate } from '../../components/form';
import { useAction, useRead } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { saveBytes } from '../attachments/files';

const short = (id: string) => id.slice(-8);

/**
 * The PCs of each college: at a college its own (this one, the others, identities it used before), with the
 * join file a new PC starts from; at the department every college's, where a replaced PC is retired and a
 * replacement gets its join file.
 */
export const Devices = ({ version, onChanged }: { version: number; onChanged: () => void }) => {
  const { t } = useI18n();
  const mode = useApp((s) => s.status?.mode);
  const read = useRead(`devices:${version}`, () => call('sync.devices', {}));
  const { busy, run } = useAction();
  const [retiring, setRetiring] = useState<{ deviceId: string; reason: string } | null>(null);
  const devices = read.data;

  const joinFile = (siteId?: string) =>
    run(
      'join',
      async () => {
        const out = await call('sync.exportJoin', siteId ? { siteId } : {});
        saveBytes(out.fileName, 'application/zip', out.dataBase64);
      },
      () => t('devices.joinSaved'),
    );

  const retire = async () => {
    if (!retiring) return;
    const done = await run(
      'retire',
      () => call('sync.retireDevice', retiring),
      () => t('devices.retired'),
    );
    if (!done) return;
    setRetiring(null);
    read.reload();
    onChanged();
  };

  if (!devices) return null;
  const colleges = [...new Map(devices.map((d) => [d.siteId, d.siteName ?? short(d.siteId)])).entries()];
  return (
    <section className="section" aria-label={t(mode === 'department' ? 'devices.all' : 'devices.ours')}>
      <h2>{t(mode === 'department' ? 'devices.all' : 'devices.ours')}</h2>
      {mode === 'site' ? (
        <div className="actions">
          <p className="muted small">{t('devices.joinHint')}</p>
          <button type="button" disabled={busy !== null} onClick={() => void joinFile()}>
            {t('devices.joinFile')}
          </button>
        </div>
      ) : null}
      {devices.length === 0 ? (
        <p className="muted">{t('devices.none')}</p>
      ) : (
        colleges.map(([siteId, name]) => (
          <div key={siteId} className="device-group">
            {mode === 'department' ? (
              <div className="page-head">
                <h3>{name}</h3>
                <button type="button" disabled={busy !== null} onClick={() => void joinFile(siteId)}>
                  {t('devices.replacementFile')}
                </button>
              </div>
            ) : null}
            <table className="table compact" aria-label={name}>
              <thead>
                <tr>
                  <th>{t('devices.device')}</th>
                  <th>{t('sync.fingerprint')}</th>
                  <th>{t('devices.state')}</th>
                  <th>{t('devices.lastSeq')}</th>
                  <th>{t('sync.lastBundle')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {devices
                  .filter((d) => d.siteId === siteId)
                  .map((d) => (
                    <tr key={d.deviceId}>
                      <td className="mono">{short(d.deviceId)}</td>
                      <td className="mono small">{d.fingerprint ?? '—'}</td>
                      <td className={d.state === 'retired' ? 'bad' : undefined}>
                        {t(`devices.states.${d.state}`)}
                        {d.retiredReason ? <span className="muted small">（{d.retiredReason}）</span> : null}
                      </td>
                      <td>{d.lastSeq}</td>
                      <td>{d.lastBundleAt ? formatDate(d.lastBundleAt) : '—'}</td>
                      <td className="row-actions">
                        {mode === 'department' && d.state === 'active' ? (
                          retiring?.deviceId === d.deviceId ? (
                            <form
                              className="inline"
                              onSubmit={(e) => {
                                e.preventDefault();
                                void retire();
                              }}
                            >
                              <input
                                aria-label={t('devices.reason')}
                                placeholder={t('devices.reasonHint')}
                                value={retiring.reason}
                                maxLength={200}
                                autoFocus
                                onChange={(e) => setRetiring({ ...retiring, reason: e.target.value })}
                                onKeyDown={(e) => e.key === 'Escape' && setRetiring(null)}
                              />
                              <button
                                type="submit"
                                className="danger"
                                disabled={busy !== null || !retiring.reason.trim()}
                              >
                                {t('devices.confirmRetire')}
                              </button>
                              <button type="button" className="link" onClick={() => setRetiring(null)}>
                                {t('common.cancel')}
                              </button>
                            </form>
                          ) : (
                            <button
                              type="button"
                              className="link"
                              onClick={() => setRetiring({ deviceId: d.deviceId, reason: '' })}
                            >
                              {t('devices.retire')}
                            </button>
                          )
                        ) : null}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </section>
  );
};
