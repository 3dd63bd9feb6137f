/** The app's own update, as the top of the screen shows it (contract 'update.status'). */
import { z } from 'zod';

export const UpdateStatus = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('ready'), version: z.string() }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;
