/**
 * Composes the engine from a configuration. Electron, the development host and the CLI all
 * start here, so they run the very same code over the very same data.
 */
import { VanThuError } from '../../src-shared/ipc/errors';
import { DocumentQuery, type SetupInput } from '../../src-shared/ipc/schemas';
import { openDatabase } from './db/open';
import { dataPaths, findAppRoot, resolveDataDir } from './paths';
import { createAuditLog } from './audit';
import { createAccounts } from './auth';
import { createFileStore } from './files';
import { createDocumentTypes, createDocuments, createNumbering, createOrganisations, createQueries } from './register';
import { createBackups } from './db/backup';
import { createSequenceAdmin } from './register/sequence-admin';
import { createTypeAdmin } from './register/type-admin';
import { createReadCache } from './db/read-cache';
import { createTrustStore } from './keys/trust-store';
import { createSignatureChecks } from './signatures';
import { createRecheckScheduler } from './signatures/recheck';
import { createBooks } from './books';
import { createRevocationChecker, sqliteRevocationStore } from './pdf/revocation';
import { createKeyDesk } from './signatures/keys';
import { createSigningPolicy } from './signatures/policy';
import type { TokenWorkerLauncher } from './keys/pkcs11';
import { createCalendar, createHandling, createUnits } from './handling';
import { createReports } from './reports';
import { createPortal } from './portal';
import { createSync, fileCredentialStore, type CredentialStore } from './sync';
import fs from 'node:fs';
import path from 'node:path';
import { unlockDatabaseKey } from './db/at-rest/key-file';
import { sealedBlobKey } from './db/at-rest/sealed-blob';
import { createKeyStatus } from './db/at-rest/key-status';
import { createAutoBackups } from './db/auto-backup';
import { createUpdateState } from './updates/state';
import { logWarning } from './log';
import { todayInVietnam } from '../../src-shared/domain/dates';
import { databaseState, encryptPlaintextCopies } from './db/at-rest/sqlite-cipher';
import { defaultNodeWrappers, type KeyWrapper } from './db/at-rest/wrappers';
import { applyHeapPolicy } from './heap-policy';

export interface ServicesConfig {
  /** Overrides VANTHU_DATA_DIR and the platform's default. */
  dataDir?: string;
  /** Where package.json, migrations/ and resources/ are; found from this file when omitted. */
  appRoot?: string;
  version?: string;
  /** Electron starts token workers as utilityProcesses; Node (host, CLI, tests) forks them. */
  tokenWorkerLauncher?: TokenWorkerLauncher;
  /** Electron keeps the server credential with safeStorage; elsewhere a 0600 file. */
  syncCredentials?: CredentialStore;
  /** Start syncing in the background (the app and the host); the CLI and tests sync on request. */
  autoSync?: boolean;
  /** Tests talk to a test server or a dead network. */
  fetch?: typeof fetch;
  /** The time deadlines are counted against; tests fix it. */
  now?: () => Date;
  /**
   * How this process opens the register's encryption key, its own way first: safeStorage in the
   * app; the environment key, DPAPI or a file for the CLI and the development host.
   */
  keyWrappers?: KeyWrapper[];
  /** A backup a day into backups/auto, rotated (the app; not the CLI, the host or tests). */
  autoBackup?: boolean;
  /** Certificate revocation (CRL/OCSP) for signature checks; online with short timeouts by default. */
  revocation?: RevocationConfig;
}

export interface RevocationConfig {
  /** Never fetch; answer from the offline cache only (can be switched later). */
  offline?: boolean;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  /** How often the network probe runs for the re-check of undecided signatures. */
  recheckIntervalMs?: number;
}

export function createServices(config: ServicesConfig = {}) {
  // The engine runs all day beside the clerk's other programs: keep its heap near its live size.
  applyHeapPolicy();
  const appRoot = config.appRoot ?? findAppRoot();
  const paths = dataPaths(resolveDataDir(config.dataDir));
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const databaseKey = unlockDatabaseKey(
    paths.keyFile,
    config.keyWrappers ?? defaultNodeWrappers(paths.dataDir),
    databaseState(paths.database),
  );
  const { sqlite, db, preMigrationBackup, encryptedInPlace } = openDatabase({
    file: paths.database,
    migrationsDir: path.join(appRoot, 'migrations'),
    backupsDir: paths.backups,
    key: databaseKey.key,
  });
  // Copies an older VanThu kept in the clear are encrypted with the register.
  encryptPlaintextCopies(paths.backups, databaseKey.key);
  const audit = createAuditLog(sqlite);
  const accounts = createAccounts(sqlite, audit);
  const files = createFileStore(sqlite, paths.blobs, sealedBlobKey(databaseKey.key));
  files.sealSecretFiles();
  const cache = createReadCache(sqlite);
  const organisations = createOrganisations(sqlite, audit, cache);
  const types = createDocumentTypes(sqlite, cache);
  types.seedIfEmpty();
  const numbering = createNumbering(sqlite, organisations);
  const documents = createDocuments(sqlite, audit, organisations, types, numbering, cache);
  const calendar = createCalendar(sqlite, { audit, ...(config.now ? { now: config.now } : {}) });
  calendar.seedIfEmpty();
  const queries = createQueries(sqlite, () => calendar.window());
  const handling = createHandling(sqlite, { calendar, audit, transaction: cache.transaction });
  const units = createUnits(sqlite, { audit });
  const sequenceAdmin = createSequenceAdmin(sqlite, { organisations, types, audit, transaction: cache.transaction });
  const typeAdmin = createTypeAdmin(sqlite, { types, organisations, sequences: sequenceAdmin, audit, cache });
  const backups = createBackups(sqlite, paths, files, databaseKey);
  const atRestKeys = createKeyStatus(paths.keyFile, databaseKey, audit);
  const autoBackups = createAutoBackups({
    dir: path.join(paths.backups, 'auto'),
    create: (out) => backups.create(out),
    today: () => todayInVietnam(config.now?.() ?? new Date()),
    log: (message) => logWarning(message),
  });
  if (config.autoBackup) autoBackups.start();
  const trust = createTrustStore(path.join(paths.dataDir, 'trust'));
  const revocationConfig = config.revocation ?? {};
  const revocation = createRevocationChecker({
    store: sqliteRevocationStore(sqlite),
    offline: revocationConfig.offline ?? false,
    ...(revocationConfig.connectTimeoutMs !== undefined ? { connectTimeoutMs: revocationConfig.connectTimeoutMs } : {}),
    ...(revocationConfig.timeoutMs !== undefined ? { timeoutMs: revocationConfig.timeoutMs } : {}),
  });
  const signatures = createSignatureChecks(sqlite, files, trust, audit, { revocation: revocation.check });
  // Signatures left undecided for want of revocation data are checked again when the network
  // is back: a probe on a timer, or sync's word (`revocationRecheck.networkRestored()`).
  const revocationRecheck = createRecheckScheduler({
    recheck: () => signatures.recheckUndecided(),
    probe: () => revocation.probe(),
    onRestored: () => revocation.forgetUnreachable(),
    ...(revocationConfig.recheckIntervalMs !== undefined ? { intervalMs: revocationConfig.recheckIntervalMs } : {}),
  });
  revocationRecheck.start();
  const sync = createSync({
    sqlite,
    accounts,
    files,
    documents,
    handling,
    units,
    organisations,
    audit,
    transaction: cache.transaction,
    credentials: config.syncCredentials ?? fileCredentialStore(path.join(paths.dataDir, 'sync-credential')),
    appVersion: config.version ?? '0.0.0',
    ...(config.fetch ? { fetch: config.fetch } : {}),
    onNetworkRestored: () => void revocationRecheck.networkRestored(),
  });
  if (config.autoSync) sync.start();

  return {
    appRoot,
    paths,
    version: config.version ?? '0.0.0',
    sqlite,
    db,
    preMigrationBackup,
    /** The app's own update, reported by the Electron updater, shown on screen. */
    updateState: createUpdateState(),
    /** Encryption at rest: the register key's state and the administrator's recovery key. */
    atRest: atRestKeys,
    /** This start encrypted a plaintext register from an older VanThu. */
    encryptedInPlace,
    audit,
    accounts,
    files,
    organisations,
    types,
    numbering,
    documents,
    queries,
    /** Phòng, ban, chi bộ and who works in them. */
    units,
    /** Days off and "today": what deadlines are counted against. */
    calendar,
    /** Directives, handlers and their lines (DOMAIN.md "Handling an incoming document"). */
    handling,
    /** The administrator's changes to document types and to which types share a counter. */
    typeAdmin,
    sequenceAdmin,
    backups,
    autoBackups,
    trust,
    signatures,
    /** The revocation checker: `setOffline()` is the workstation's "no network" switch. */
    revocation,
    revocationRecheck,
    sync,
    signingPolicy: createSigningPolicy(sqlite),
    /** Publication on the unit's web portal. */
    portal: createPortal(sqlite, {
      documents,
      files,
      organisations,
      audit,
      outbox: { enqueue: sync.exchange.enqueue, connected: () => sync.status().configured },
    }),
    /** Báo cáo: the year's figures on screen, as PDF and as a workbook. */
    reports: createReports(sqlite, {
      calendar,
      organisationOf: (id) => organisations.get(id),
      boxCount: (organisationId, handling) =>
        queries.list(DocumentQuery.parse({ organisationId, direction: 'in', handling, limit: 1 })).total,
    }),
    /** The printed registers (sổ đăng ký đến / đi) as PDF and spreadsheet. */
    books: createBooks(sqlite, { organisationOf: (id) => organisations.get(id), snapshot: cache.snapshot }),
    keys: createKeyDesk(config.tokenWorkerLauncher ? { tokenWorkerLauncher: config.tokenWorkerLauncher } : {}),
    /** Runs writes in one IMMEDIATE transaction (a savepoint when nested). */
    transaction: cache.transaction,

    isSetUp(): boolean {
      return organisations.list().length > 0;
    },

    /**
     * First-run setup: the first organisation and the administrator, in one transaction; then
     * the recovery key, returned to be shown once to the administrator and never kept.
     */
    setup(input: SetupInput, actor = 'setup'): { organisationId: number; recoveryKey: string } {
      const organisationId = cache.transaction(() => {
        if (organisations.list().length > 0) {
          throw new VanThuError('CONFLICT', 'VanThu đã được thiết lập. Hãy đăng nhập bằng tài khoản quản trị.');
        }
        accounts.create({ ...input.admin, role: 'administrator' }, actor);
        return organisations.add(input, input.admin.username);
      });
      return { organisationId, recoveryKey: atRestKeys.renewRecoveryKey(input.admin.username) };
    },

    close(): void {
      // The CLI registers and closes: a secret document's file is sealed before it stops.
      if (sqlite.open) files.sealSecretFiles();
      autoBackups.stop();
      revocationRecheck.stop();
      sync.stop();
      sqlite.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
