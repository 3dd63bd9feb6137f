/**
 * The renderer's typed client, derived from the contract. A transport carries a call to the
 * main process (Electron IPC through the preload) or to the development host (HTTP); the client
 * is the same either way, so a renamed call fails to compile in the UI.
 */
import type { ApiError, Result } from './errors';
import type { CallInput, CallName, CallOutput } from './contract';

export type Transport = (name: CallName, input: unknown) => Promise<Result<unknown>>;

/** A failed call as an exception the UI can show: `message` is already in Vietnamese. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
  }
  get code() {
    return this.error.code;
  }
}

export interface ApiClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(name, input) {
      const result = await transport(name, input);
      if (!result.ok) throw new ApiFailure(result.error);
      return result.value as never;
    },
  };
}
