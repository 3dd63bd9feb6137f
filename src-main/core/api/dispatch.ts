/**
 * The one place a call from the UI enters the engine, for Electron IPC and the development host
 * alike: the name is checked against the contract, the input parsed, access enforced, and every
 * failure turned into a typed `{ code, message }` — never a stack trace for the clerk.
 */
import { contract, isCallName, type Access } from '../../../src-shared/ipc/contract';
import { VanThuError, validationError, type Result } from '../../../src-shared/ipc/errors';
import type { CallContext, Handlers } from './handlers';
import { logText } from '../../../src-shared/log/redact';
import type { SessionSlot } from '../auth';
import type { User } from '../../../src-shared/ipc/schemas';

export interface Dispatcher {
  (name: unknown, input: unknown, session: SessionSlot): Promise<Result<unknown>>;
}

export interface DispatchOptions {
  /** The accounts as they stand now: a session's user is checked against them at every call. */
  accounts: {
    idleLockMinutes(): number;
    /** The account, with its current role; null once it is locked or gone. */
    activeUser(id: number): User | null;
  };
  /** English log line for unexpected errors (never shown to the clerk). */
  log?: (message: string) => void;
}

function checkAccess(access: Access, ctx: CallContext, accounts: DispatchOptions['accounts']): void {
  if (access === 'public') return;
  const user = ctx.session.current(accounts.idleLockMinutes());
  if (!user) {
    throw new VanThuError('UNAUTHENTICATED', 'Phiên làm việc đã khóa hoặc chưa đăng nhập. Hãy đăng nhập lại.');
  }
  // An administrator may lock the account or change its role while it is signed in: the session
  // follows the account at once, not at the next sign-in.
  ctx.user = accounts.activeUser(user.id);
  if (!ctx.user) {
    ctx.session.clear();
    throw new VanThuError('UNAUTHENTICATED', 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.');
  }
  ctx.session.signIn(ctx.user);
  if (access !== 'signedIn' && !access.includes(ctx.user.role)) {
    throw new VanThuError('FORBIDDEN', 'Tài khoản của bạn không có quyền thực hiện việc này.');
  }
}

export function createDispatcher(handlers: Handlers, options: DispatchOptions): Dispatcher {
  return async (name, input, session) => {
    try {
      if (!isCallName(name)) throw new VanThuError('NOT_FOUND', 'Yêu cầu không hợp lệ.');
      const spec = contract[name];
      const ctx: CallContext = { session, user: null };
      checkAccess(spec.access, ctx, options.accounts);
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof VanThuError) return { ok: false, error: error.toApiError() };
      // Redacted here, whatever the sink: an error may carry what the clerk typed.
      options.log?.(logText(`call ${String(name)} failed:`, error));
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message:
            'Đã có lỗi ngoài dự kiến; dữ liệu không bị thay đổi. Hãy thử lại, nếu vẫn lỗi hãy báo quản trị viên.',
        },
      };
    }
  };
}
