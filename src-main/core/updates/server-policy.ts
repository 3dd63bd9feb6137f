/**
 * The inbox server's update policy for every workstation (/updates/policy.json). Unreachable
 * or unreadable means "says nothing": the machine's policy and the defaults still apply.
 */
import { ServerUpdatePolicy, UPDATE_POLICY_PATH } from '../../../src-shared/updates/server-policy';

export async function fetchServerPolicy(
  serverUrl: string | null,
  fetcher: typeof globalThis.fetch = globalThis.fetch,
  timeoutMs = 10_000,
): Promise<ServerUpdatePolicy> {
  if (!serverUrl) return {};
  try {
    const response = await fetcher(`${serverUrl.replace(/\/+$/, '')}${UPDATE_POLICY_PATH}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return {};
    const parsed = ServerUpdatePolicy.safeParse(await response.json());
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
