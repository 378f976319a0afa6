import { useCallback, useEffect, useState } from 'react';
import type { DeliveryTarget, OutboxEntry } from '../../../electron/shared/schemas/delivery';
import { call } from '../../api';
import { TextField } from '../../components/Field';
import { FormDialog, useFormState } from '../../components/FormDialog';
import { formatDate } from '../../components/form';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';

type Kind = DeliveryTarget['kind'];

/** Adds or edits a folder or WebDAV target; a stored password is never shown, only replaced. */
const TargetDialog = ({
  kind,
  target,
  onClose,
  onSaved,
}: {
  kind: Kind;
  target: DeliveryTarget | null;
  onClose: () => void;
  onSaved: (targets: DeliveryTarget[]) => void;
}) => {
  const { t } = useI18n();
  const form = useFormState({
    label: target?.label ?? (kind === 'folder' ? t('delivery.folderLabel') : t('delivery.webdavLabel')),
    location: target?.location ?? '',
    username: target?.username ?? '',
    password: '',
  });
  const { label, location, username, password } = form.values;
  const save = () =>
    form.submit(async () => {
      const common = {
        ...(target ? { id: target.id } : {}),
        label,
        location,
        enabled: target?.enabled ?? true,
      };
      const targets = await call(
        'delivery.saveTarget',
        kind === 'folder'
          ? { ...common, kind }
          : { ...common, kind, username, ...(password ? { password } : {}) },
      );
      onSaved(targets);
    });
  return (
    <FormDialog
      title={
        target
          ? t('delivery.editTarget')
          : kind === 'folder'
            ? t('delivery.addFolder')
            : t('delivery.addWebdav')
      }
      onClose={onClose}
      onSave={() => void save()}
      failure={form.failure}
      dirty={form.dirty}
    >
      <TextField label={t('delivery.label')} name="targetLabel" required {...form.bind('label')} />
      <TextField
        label={kind === 'folder' ? t('delivery.folder') : t('delivery.url')}
        name="targetLocation"
        required
        wide
        placeholder={kind === 'folder' ? t('delivery.folderExample') : 'https://dav.example.edu.cn/bangfu/'}
        {...form.bind('location')}
      />
      {kind === 'webdav' ? (
        <>
          <TextField label={t('delivery.username')} name="targetUser" {...form.bind('username')} />
          <TextField
            label={t('delivery.password')}
            name="targetPassword"
            type="password"
            {...(target?.hasPassword ? { hint: t('delivery.passwordKept') } : {})}
            {...form.bind('password')}
          />
        </>
      ) : null}
    </FormDialog>
  );
};

/** Delivery targets and the outbox: what waits, what arrived, and why the last try failed. */
export const Delivery = ({ version }: { version: number }) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [targets, setTargets] = useState<DeliveryTarget[]>([]);
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [editing, setEditing] = useState<{ kind: Kind; target: DeliveryTarget | null } | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([call('delivery.targets', {}), call('delivery.outbox', {})]).then(
      ([saved, waiting]) => {
        if (!live) return;
        setTargets(saved);
        setOutbox(waiting);
      },
      (e: Error) => toast(e.message, { kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [version, toast]);

  const sendNow = useCallback(async () => {
    setSending(true);
    try {
      setOutbox(await call('delivery.run', { all: true }));
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    } finally {
      setSending(false);
    }
  }, [toast]);

  // Connectivity back: try the outbox at once rather than at the end of its pause.
  useEffect(() => {
    const online = () => void sendNow();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [sendNow]);

  const remove = async (target: DeliveryTarget) => {
    try {
      setTargets(await call('delivery.removeTarget', { id: target.id }));
      setOutbox(await call('delivery.outbox', {}));
      toast(t('delivery.removed'));
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  const waiting = outbox.some((o) => o.state !== 'delivered');
  return (
    <section className="section" aria-label={t('delivery.targets')}>
      <h2>{t('delivery.targets')}</h2>
      {targets.length === 0 ? (
        <p className="muted">{t('delivery.noTargets')}</p>
      ) : (
        <table className="table compact" aria-label={t('delivery.targets')}>
          <tbody>
            {targets.map((target) => (
              <tr key={target.id}>
                <td>{target.label}</td>
                <td>{t(`delivery.kinds.${target.kind}`)}</td>
                <td className="mono small">
                  {target.location}
                  {target.username ? ` · ${target.username}` : ''}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="link"
                    onClick={() => setEditing({ kind: target.kind, target })}
                  >
                    {t('delivery.edit')}
                  </button>
                  <button type="button" className="link" onClick={() => void remove(target)}>
                    {t('delivery.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions left">
        <button type="button" onClick={() => setEditing({ kind: 'folder', target: null })}>
          {t('delivery.addFolder')}
        </button>
        <button type="button" onClick={() => setEditing({ kind: 'webdav', target: null })}>
          {t('delivery.addWebdav')}
        </button>
      </div>

      <h2>{t('delivery.outbox')}</h2>
      {outbox.length === 0 ? (
        <p className="muted">{t('delivery.emptyOutbox')}</p>
      ) : (
        <table className="table compact" aria-label={t('delivery.outbox')}>
          <thead>
            <tr>
              <th>{t('delivery.file')}</th>
              <th>{t('delivery.target')}</th>
              <th>{t('delivery.state')}</th>
              <th>{t('delivery.attempts')}</th>
              <th>{t('delivery.next')}</th>
              <th>{t('delivery.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {outbox.map((o) => (
              <tr key={o.id}>
                <td className="mono small">{o.fileName}</td>
                <td>{o.target}</td>
                <td>
                  <span className={`tag outbox-${o.state}`}>{t(`delivery.states.${o.state}`)}</span>
                </td>
                <td>{o.attempts}</td>
                <td className="small">
                  {o.deliveredAt ? formatDate(o.deliveredAt) : o.nextAt ? formatDate(o.nextAt) : ''}
                </td>
                <td className="small bad">{o.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {waiting ? (
        <div className="actions left">
          <button type="button" disabled={sending} onClick={() => void sendNow()}>
            {t('delivery.sendNow')}
          </button>
        </div>
      ) : null}
      {editing ? (
        <TargetDialog
          kind={editing.kind}
          target={editing.target}
          onClose={() => setEditing(null)}
          onSaved={(list) => {
            setTargets(list);
            setEditing(null);
            toast(t('delivery.saved'));
          }}
        />
      ) : null}
    </section>
  );
};
