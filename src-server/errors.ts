/** A refusal the server answers with: a wire error code, a message for the clerk, its HTTP status. */
import { WIRE_ERROR_STATUS, type ErrorBody, type WireErrorCode } from '../src-shared/sync/protocol';

export class WireFailure extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
    readonly extra: { resumeAfter?: number; status?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'WireFailure';
  }

  get status(): number {
    return this.extra.status ?? WIRE_ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    const { resumeAfter } = this.extra;
    return { error: { code: this.code, message: this.message, ...(resumeAfter === undefined ? {} : { resumeAfter }) } };
  }
}

export const INTERNAL_ERROR: ErrorBody = {
  error: { code: 'INTERNAL', message: 'Máy chủ liên thông gặp lỗi ngoài dự kiến.' },
};
