/**
 * What the inbox server's administrator says about updates for every workstation
 * (`update-policy set --channel beta`, `update-policy pause`), served as /updates/policy.json.
 * A workstation's own policy (HKLM or its policy file) overrides it key by key. Unsigned, like
 * the feed's listing: it can only choose among releases the administrator signed.
 */
import { z } from 'zod';

export const UPDATE_POLICY_PATH = '/updates/policy.json';

export const ServerUpdatePolicy = z
  .object({
    channel: z.enum(['stable', 'beta']).optional(),
    /** Updates paused for every workstation (a bad release being replaced). */
    disabled: z.boolean().optional(),
  })
  .strict();
export type ServerUpdatePolicy = z.infer<typeof ServerUpdatePolicy>;
