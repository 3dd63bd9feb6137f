/**
 * The contract's calls, implemented over the services. Each handler gets its input already
 * parsed by the contract's schema and the caller's context; access rules are enforced by the
 * dispatcher from the contract itself, not here.
 */
import type { CallName, CallOutput, ParsedInput } from '../../../src-shared/ipc/contract';
import type { User } from '../../../src-shared/ipc/schemas';
import type { SessionSlot } from '../auth';
import type { Services } from '../services';
import type { Saved } from '../register';
import { toVanThuError } from '../sync';
import { findPkcs11Modules, nodeMiniFs, windowsEnvFromProcess } from '../keys';
import { issueWithSeal } from '../signatures/issue';
import { withSigner } from '../signatures/keys';
import { signDocument } from '../signatures/sign-document';
import { renderSignatureReportPdf } from '../signatures/report-pdf';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { timelyBy } from '../../../src-shared/domain/working-days';
import { todayInVietnam } from '../../../src-shared/domain/dates';

export interface CallContext {
  session: SessionSlot;
  /** The signed-in user; set by the dispatcher for calls that require one. */
  user: User | null;
}

export type Handlers = {
  [K in CallName]: (input: ParsedInput<K>, ctx: CallContext) => CallOutput<K> | Promise<CallOutput<K>>;
};

/** The audit log's name for the actor: the account's username. */
function actor(ctx: CallContext): string {
  return ctx.user?.username ?? 'anonymous';
}

/** The signed-in user of a call whose access requires one (the dispatcher has checked). */
function signedIn(ctx: CallContext): User {
  if (!ctx.user)
    throw new VanThuError('UNAUTHENTICATED', 'Phiên làm việc đã khóa hoặc chưa đăng nhập. Hãy đăng nhập lại.');
  return ctx.user;
}

export function createHandlers(s: Services): Handlers {
  /** Every incoming PDF is checked as it is registered; the evidence stays with the entry. */
  async function checkedOnArrival(saved: Saved, by: string): Promise<Saved> {
    const report = await s.signatures.verifyDocument(saved.document.id, by);
    const warnings = [...saved.warnings];
    // A scan of a paper document carries no signature: the column says "Không ký", no warning.
    if (report && report.verdict !== 'valid' && report.verdict !== 'unsigned') {
      warnings.push({ code: 'SIGNATURE', message: report.explanation });
    }
    return { document: s.documents.get(saved.document.id), warnings };
  }

  /** A file the engine made (a register, a report), kept in the store for the clerk to save. */
  async function stored(made: { bytes: Buffer; name: string; mediaType: string }) {
    const file =
      made.mediaType === 'application/pdf'
        ? await s.files.putPdf(made.bytes)
        : s.files.putGenerated(made.bytes, made.mediaType);
    return { sha256: file.sha256, name: made.name, size: file.size };
  }

  const handlers: Handlers = {
    'app.info': () => ({ version: s.version, setupDone: s.isSetUp(), dataDir: s.paths.dataDir }),
    'setup.run': (input) => s.setup(input),

    'auth.signIn': (input, ctx) => {
      const user = s.accounts.signIn(input.username, input.password);
      ctx.session.signIn(user);
      return { user, idleLockMinutes: s.accounts.idleLockMinutes() };
    },
    'auth.session': (_input, ctx) => {
      const user = ctx.session.current(s.accounts.idleLockMinutes());
      return user ? { user, idleLockMinutes: s.accounts.idleLockMinutes() } : null;
    },
    'auth.lock': (_input, ctx) => {
      ctx.session.clear();
      return { ok: true as const };
    },
    'auth.signOut': (_input, ctx) => {
      ctx.session.clear();
      return { ok: true as const };
    },

    'organisation.list': () => s.organisations.list(),
    'sequence.list': (input) => s.organisations.sequences(input.organisationId),
    'documentType.list': () => s.types.list(),

    'documentType.add': (input, ctx) => s.typeAdmin.add(input, actor(ctx)),
    'documentType.update': (input, ctx) => s.typeAdmin.update(input.id, input, actor(ctx)),
    'documentType.setActive': (input, ctx) => s.typeAdmin.setActive(input.id, input.active, actor(ctx)),
    'documentType.remove': (input, ctx) => {
      s.typeAdmin.remove(input.id, actor(ctx));
      return { ok: true as const };
    },
    'organisation.update': (input, ctx) => s.transaction(() => s.organisations.update(input.id, input, actor(ctx))),
    'organisation.add': (input, ctx) => ({
      organisationId: s.transaction(() => s.organisations.add(input, actor(ctx))),
    }),
    'term.add': (input, ctx) =>
      s.transaction(() => {
        const { organisationId, ...term } = input;
        s.organisations.addTerm(organisationId, term, actor(ctx));
        return s.organisations.get(organisationId);
      }),
    'term.close': (input, ctx) =>
      s.transaction(() => s.organisations.closeTerm(input.organisationId, input.termId, input.endDate, actor(ctx))),
    'sequence.overview': (input) => s.sequenceAdmin.overview(input.organisationId),
    'sequence.assignType': (input, ctx) =>
      s.sequenceAdmin.assignType(input.organisationId, input.code, input.target, actor(ctx)),
    'account.list': () => s.accounts.list(),
    'account.create': (input, ctx) => s.transaction(() => s.accounts.info(s.accounts.create(input, actor(ctx)).id)),
    'account.setRole': (input, ctx) => s.accounts.setRole(input.id, input.role, signedIn(ctx)),
    'account.resetPassword': (input, ctx) => s.accounts.resetPassword(input.id, input.password, signedIn(ctx)),
    'account.setDisabled': (input, ctx) => s.accounts.setDisabled(input.id, input.disabled, signedIn(ctx)),
    'update.status': () => s.updateState.status(),
    'update.restart': () => {
      s.updateState.restart();
      return { ok: true as const };
    },
    'atRest.status': () => s.atRest.status(),
    'atRest.renewRecoveryKey': (_input, ctx) => ({ recoveryKey: s.atRest.renewRecoveryKey(actor(ctx)) }),
    'audit.recent': (input) =>
      s.audit.recent(input.limit).map(({ prevHash: _p, hash: _h, details, ...entry }) => ({
        ...entry,
        details: JSON.parse(details) as Record<string, unknown>,
      })),

    'document.list': (input) => s.queries.list(input),
    'document.get': (input) => s.documents.get(input.id),
    'document.create': async (input, ctx) => {
      const { files, ...fields } = input;
      const saved = s.documents.create(fields, files, actor(ctx));
      if (saved.document.direction !== 'in' || files.length === 0) return saved;
      return checkedOnArrival(saved, actor(ctx));
    },
    'document.update': (input, ctx) => s.documents.update(input.id, input.fields, actor(ctx)),
    'document.attachFile': (input, ctx) => s.documents.attachFile(input.id, input, actor(ctx)),
    'document.issue': async (input, ctx) => {
      const { seal } = input;
      if (!seal) return s.documents.issue(input.id, input.issuedDate, actor(ctx));
      const saved = await withSigner(s.keys, seal, (signer) =>
        issueWithSeal(s, input.id, signer, {
          actor: actor(ctx),
          ...(input.issuedDate ? { issuedDate: input.issuedDate } : {}),
        }),
      );
      // The evidence of what was sent out stays with the entry, like an incoming one's.
      await s.signatures.verifyDocument(input.id, actor(ctx));
      return { ...saved, document: s.documents.get(input.id) };
    },
    'document.cancel': (input, ctx) => s.documents.cancel(input.id, input.reason, actor(ctx)),

    'file.info': (input) => s.files.info(input.sha256),

    'pdf.verify': (input) => s.signatures.verifyFile(input.sha256),
    'document.verifySignatures': async (input, ctx) => {
      s.documents.get(input.id); // NOT_FOUND for an unknown entry
      return s.signatures.verifyDocument(input.id, actor(ctx));
    },
    'document.signatureReport': (input) => s.signatures.latest(input.id),
    'document.signatureReportPdf': async (input, ctx) => {
      const report = s.signatures.latest(input.id);
      if (!report)
        throw new VanThuError('NOT_FOUND', 'Văn bản chưa được kiểm tra chữ ký số. Hãy bấm "Kiểm tra chữ ký số" trước.');
      const d = s.documents.get(input.id);
      const org = s.organisations.get(d.organisationId);
      const bytes = renderSignatureReportPdf(report, {
        organisation: org.name,
        documentTitle: `${d.typeName}: ${d.subject}`,
        fileName: d.files.find((f) => f.role === 'main')?.name ?? '',
        checkedBy: ctx.user?.fullName ?? '',
        now: new Date(),
        regime: org.regime,
      });
      const file = await s.files.putPdf(bytes);
      const base = d.direction === 'in' && d.arrivalNumber ? `so-den-${d.arrivalNumber}` : `van-ban-${d.id}`;
      return { sha256: file.sha256, name: `kiem-tra-chu-ky-${base}.pdf` };
    },
    'book.preview': (input) => s.books.preview(input),
    'book.export': async (input, ctx) => {
      const { format, ...query } = input;
      return stored(s.books.export(query, format, { clerk: signedIn(ctx).fullName, now: new Date() }));
    },
    'keys.modules': () =>
      findPkcs11Modules(nodeMiniFs, windowsEnvFromProcess()).map(({ vendor, path, usable, problem }) => ({
        vendor,
        path,
        usable,
        ...(problem ? { problem } : {}),
      })),
    'keys.certificates': (input) => s.keys.certificates(input.key, input.secret),
    'document.sign': (input, ctx) =>
      withSigner(s.keys, input.use, (signer) => signDocument(s, input.id, signer, input.appearance, actor(ctx))),
    'sync.status': () => s.sync.status(),
    'sync.enroll': async (input, ctx) => {
      const enrolled = await s.sync.enroll(input.serverUrl, input.code).catch((e: unknown) => {
        throw toVanThuError(e);
      });
      s.audit.append({
        actor: actor(ctx),
        action: 'sync.enroll',
        entity: 'sync',
        entityId: enrolled.workstationId,
        details: { serverUrl: input.serverUrl, organId: enrolled.organId },
      });
      return { organId: enrolled.organId, organName: enrolled.organName };
    },
    'sync.now': () => s.sync.syncNow(),
    'sync.retry': (input) => {
      s.sync.retry(input.id);
      return s.sync.status();
    },
    'sync.conflicts': () => s.sync.orgChannel.conflicts(),
    'sync.resolveConflict': (input, ctx) => {
      s.sync.orgChannel.resolveConflict(input.id, input.keep, actor(ctx));
      return s.sync.orgChannel.conflicts();
    },
    'directory.list': () => s.sync.directory(),
    'document.send': (input, ctx) =>
      s.sync.send(input.id, input.recipients, actor(ctx), {
        ...(input.update ? { update: true } : {}),
        ...(input.replaces ? { replaces: input.replaces } : {}),
      }),
    'document.recall': (input, ctx) => s.sync.recall(input.id, input.reason, actor(ctx)),
    'document.recallRequests': (input) => s.sync.exchange.recallRequests(input.id),
    'recall.answer': (input, ctx) => {
      s.sync.answerRecall(input.id, input.agree, input.note, actor(ctx));
      return { ok: true as const };
    },
    'document.recipients': (input) => s.sync.exchange.recipients(input.id),
    'inbox.list': () => {
      const holidays = s.calendar.holidays();
      return s.sync.exchange.inbox().map((item) => ({
        ...item,
        registerBy: timelyBy(todayInVietnam(new Date(item.receivedAt)), item.urgency, holidays),
      }));
    },
    'inbox.get': (input) => s.sync.exchange.inboxItem(input.id),
    'inbox.register': (input, ctx) => checkedOnArrival(s.sync.register(input.id, input.fields, actor(ctx)), actor(ctx)),
    'inbox.reject': (input, ctx) => {
      s.sync.reject(input.id, input.reason, actor(ctx));
      return { ok: true as const };
    },
    'handling.people': () => s.handling.people(),
    'handling.get': (input, ctx) => s.handling.view(input.id, signedIn(ctx)),
    'directive.record': (input, ctx) => s.handling.record(input, signedIn(ctx)),
    'handling.updateLine': (input, ctx) => s.handling.updateLine(input, signedIn(ctx)),
    'report.overview': (input) => s.reports.overview(input),
    'report.export': async (input, ctx) => {
      const { format, ...query } = input;
      return stored(s.reports.export(query, format, { by: signedIn(ctx).fullName, now: new Date() }));
    },
    'portal.state': (input) => s.portal.state(input.id),
    'portal.mark': (input, ctx) => s.transaction(() => s.portal.mark(input.id, actor(ctx))),
    'portal.unmark': (input, ctx) => s.transaction(() => s.portal.unmark(input.id, actor(ctx))),
    'portal.export': (input, ctx) => stored(s.transaction(() => s.portal.package(input.id, actor(ctx), new Date()))),
    'portal.send': (input, ctx) => {
      const state = s.transaction(() => s.portal.send(input.id, actor(ctx), new Date()));
      s.sync.sendSoon();
      return state;
    },
    'unit.list': () => s.units.list(),
    'unit.add': (input, ctx) => s.transaction(() => s.units.add(input.organisationId, input.name, actor(ctx))),
    'unit.rename': (input, ctx) => s.transaction(() => s.units.rename(input.id, input.name, actor(ctx))),
    'account.setUnit': (input, ctx) =>
      s.transaction(() => {
        s.units.placeUser(input.id, input.unitId, actor(ctx));
        return s.accounts.info(input.id);
      }),
    'holiday.list': () => s.calendar.list(),
    'holiday.set': (input, ctx) => {
      s.transaction(() => s.calendar.set(input, actor(ctx)));
      return s.calendar.list();
    },
    'holiday.remove': (input, ctx) => {
      s.transaction(() => s.calendar.remove(input.date, actor(ctx)));
      return s.calendar.list();
    },
    'holiday.receive': async (_input, ctx) => {
      const list = await s.sync.holidays();
      const counts = s.transaction(() => s.calendar.receive(list, actor(ctx)));
      return { ...counts, holidays: s.calendar.list() };
    },
    'trust.list': () => s.trust.list().map(({ sha256, subject, notAfter }) => ({ sha256, subject, notAfter })),
    'trust.add': (input, ctx) => {
      const anchor = s.trust.addBytes(Buffer.from(input.certificateBase64, 'base64'), input.sha256);
      s.audit.append({
        actor: actor(ctx),
        action: 'trust.add',
        entity: 'trust',
        entityId: anchor.sha256,
        details: { subject: anchor.subject },
      });
      return { sha256: anchor.sha256, subject: anchor.subject, notAfter: anchor.notAfter };
    },
    'trust.remove': (input, ctx) => {
      const subject = s.trust.list().find((a) => a.sha256 === input.sha256)?.subject;
      s.trust.remove(input.sha256); // NOT_FOUND when it is not there
      s.audit.append({
        actor: actor(ctx),
        action: 'trust.remove',
        entity: 'trust',
        entityId: input.sha256,
        details: { subject },
      });
      return { ok: true as const };
    },
  };

  // A call may have put a file on a secret document: it is sealed before the answer goes back.
  return afterEachCall(handlers, () => s.files.sealSecretFiles());
}

function afterEachCall(handlers: Handlers, after: () => void): Handlers {
  const wrapped: Record<string, (input: never, ctx: CallContext) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: never, ctx: CallContext) => unknown][]) {
    wrapped[name] = async (input, ctx) => {
      try {
        return await handler(input, ctx);
      } finally {
        after();
      }
    };
  }
  return wrapped as Handlers;
}
