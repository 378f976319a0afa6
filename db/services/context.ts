import type { Input, Method, Output } from '../../electron/shared/contract';
import type { AppMode } from '../../electron/shared/domain';
import { AppFailure } from '../../electron/shared/errors';
import type { Store } from '../client';
import type { ReportPrinter } from '../reports/printer';
import type { KeyStore } from '../sync/keystore';
import type { SecretStore } from '../sync/secrets';

export interface Identity {
  deviceId: string;
  siteId: string;
  mode: AppMode;
  publicKeyPem: string;
}

/** What every use case needs: the store, who this device is, and where its files live. */
export interface ServiceContext {
  readonly store: Store;
  readonly keyStore: KeyStore;
  readonly secrets: SecretStore;
  readonly dataDir: string;
  readonly appVersion: string;
  identity(): Identity | null;
  setIdentity(identity: Identity): void;
  /** The long task under way (a bundle being read or applied), for the progress bar. */
  readonly work: { current: WorkProgress | null };
  /** Set by the shell that can print (Electron, or the bridge when Chromium is installed). */
  readonly printer: { current: ReportPrinter | null };
  /**
   * Puts the database file `from` (a backup) in place of the open one and opens it, as at a start: a
   * database older than what this device sent continues under a new identity.
   */
  replaceDatabase(from: string): Promise<void>;
  /** Calls another API method with full validation, as a person's input would be; throws its error. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
}

export interface WorkProgress {
  task: 'inspect' | 'import';
  done: number;
  total: number;
}

export const requireIdentity = (ctx: ServiceContext): Identity => {
  const id = ctx.identity();
  if (!id) throw new AppFailure('NOT_INITIALIZED', '请先完成首次设置（选择使用模式并填写本单位信息）');
  return id;
};
