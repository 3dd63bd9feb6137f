/**
 * The contract's calls, implemented over the services. Each handler gets its input already
 * parsed by the contract's schema and the caller's context; access rules are enforced by the
 * dispatcher from the contract itself, not here.
 */
import type { CallName, CallOutput, ParsedInput } from '../../../src-shared/ipc/contract';
import type { User } from '../../../src-shared/ipc/schemas';
import type { SessionSlot } from '../auth';
import type { Services } from '../services';

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

export function createHandlers(s: Services): Handlers {
  return {
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

    'document.list': (input) => s.queries.list(input),
    'document.get': (input) => s.documents.get(input.id),
    'document.create': (input, ctx) => {
      const { files, ...fields } = input;
      return s.documents.create(fields, files, actor(ctx));
    },
    'document.update': (input, ctx) => s.documents.update(input.id, input.fields, actor(ctx)),
    'document.attachFile': (input, ctx) => s.documents.attachFile(input.id, input, actor(ctx)),
    'document.issue': (input, ctx) => s.documents.issue(input.id, input.issuedDate, actor(ctx)),
    'document.cancel': (input, ctx) => s.documents.cancel(input.id, input.reason, actor(ctx)),

    'file.info': (input) => s.files.info(input.sha256),
  };
}
