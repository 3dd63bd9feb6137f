/**
 * What the sign dialog sends and gets back. Keys never cross the contract: a .p12 file travels
 * as its (password-protected) bytes, a token as the path of its PKCS#11 library; the password or
 * PIN rides along once, for the call that needs it, and is not kept.
 */
import { z } from 'zod';

/** A .p12/.pfx of a few kilobytes; anything near this limit is not a key file. */
const MAX_P12_BASE64 = 400_000;
/** Signature and seal images: a transparent PNG of a few hundred kilobytes at most. */
const MAX_IMAGE_BASE64 = 3_000_000;

const base64 = (max: number, what: string) =>
  z
    .string()
    .min(1, { message: `Chưa chọn ${what}` })
    .max(max, { message: `${what[0]!.toUpperCase()}${what.slice(1)} quá lớn` })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: `${what[0]!.toUpperCase()}${what.slice(1)} không đọc được` });

export const KeyRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('p12'), fileBase64: base64(MAX_P12_BASE64, 'tệp chứng thư số (.p12)') }),
  z.object({
    kind: z.literal('pkcs11'),
    module: z.string().trim().min(1, { message: 'Chưa chọn thư viện của USB token' }).max(1000),
  }),
]);
export type KeyRef = z.infer<typeof KeyRef>;

/** The password of a .p12 or the token's PIN: only for this call. */
export const KeySecret = z.string().min(1, { message: 'Hãy nhập mật khẩu hoặc mã PIN' }).max(256);

export const CertificateChoice = z.object({
  id: z.string(),
  label: z.string(),
  subject: z.string(),
  issuer: z.string(),
  notAfter: z.string(),
  keyAlgorithm: z.enum(['RSA', 'ECDSA-P256']),
});
export type CertificateChoice = z.infer<typeof CertificateChoice>;

export const TokenModule = z.object({
  vendor: z.string(),
  path: z.string(),
  usable: z.boolean(),
  problem: z.string().optional(),
});
export type TokenModule = z.infer<typeof TokenModule>;

/** Points from the bottom-left corner of the page as displayed: x, y, width, height. */
export const PlacementRect = z
  .tuple([z.number(), z.number(), z.number().positive(), z.number().positive()])
  .refine(([x, y, w, h]) => [x, y, w, h].every(Number.isFinite) && w <= 2000 && h <= 2000, {
    message: 'Vị trí chữ ký không hợp lệ',
  });

/**
 * How the signature shows on the page: not at all; the person's signature (blue image and
 * name); or the organisation's seal over the person's signature.
 */
export const SignAppearance = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invisible') }),
  z.object({
    kind: z.literal('signer'),
    page: z.number().int().positive(),
    rect: PlacementRect,
    imageBase64: base64(MAX_IMAGE_BASE64, 'ảnh chữ ký').optional(),
    /** Full name, then position; the certificate's name when empty. */
    lines: z.array(z.string().trim().max(200)).max(4).default([]),
  }),
  z.object({
    kind: z.literal('seal'),
    imageBase64: base64(MAX_IMAGE_BASE64, 'ảnh con dấu'),
    /** Over the newest visible signature when omitted. */
    page: z.number().int().positive().optional(),
    rect: PlacementRect.optional(),
  }),
]);
export type SignAppearance = z.infer<typeof SignAppearance>;
export type SignAppearanceInput = z.input<typeof SignAppearance>;

/** Everything needed to open a key once: where it is, which certificate, and its secret. */
export const KeyUse = z.object({ key: KeyRef, choiceId: z.string().min(1).max(500), secret: KeySecret });
export type KeyUse = z.infer<typeof KeyUse>;
