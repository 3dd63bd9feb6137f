/**
 * The one place a call from the UI enters the engine, for Electron IPC and the development host
 * alike: the name is checked against the contract, the input parsed, access enforced, and every
 * failure turned into a typed `{ code, message }` — never a stack trace for the clerk.
 */
import { contract, isCallName, type Access } from '../../../src-shared/ipc/contract';
import { VanThuError, validationError, type Result } from '../../../src-shared/ipc/errors';
import type { CallContext, Handlers } from './handlers';
import type { SessionSlot } from '../auth';

export interface Dispatcher {
  (name: unknown, input: unknown, session: SessionSlot): Promise<Result<unknown>>;
}

export interface DispatchOptions {
  idleLockMinutes: () => number;
  /** English log line for unexpected errors (never shown to the clerk). */
  log?: (message: string) => void;
}

function checkAccess(access: Access, ctx: CallContext, idleLockMinutes: number): void {
  if (access === 'public') return;
  ctx.user = ctx.session.current(idleLockMinutes);
  if (!ctx.user) {
    throw new VanThuError('UNAUTHENTICATED', 'Phiên làm việc đã khóa hoặc chưa đăng nhập. Hãy đăng nhập lại.');
  }
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
      checkAccess(spec.access, ctx, options.idleLockMinutes());
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof VanThuError) return { ok: false, error: error.toApiError() };
      options.log?.(
        `call ${String(name)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
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
