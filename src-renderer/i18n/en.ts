/**
 * English, for support staff and developers. Partial for now: anything missing falls back to
 * Vietnamese, the clerk's language.
 */
import type { Strings } from './vi';

type PartialStrings = { readonly [K in keyof Strings]?: Partial<Strings[K]> };

export const en: PartialStrings = {
  app: { name: 'VanThu', tagline: 'Incoming and outgoing document register', loading: 'Opening VanThu…' },
  signIn: { title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in' },
  topBar: { searchPlaceholder: 'Search documents (diacritics optional)', signOut: 'Sign out' },
  boxes: { incoming: 'Incoming', outgoing: 'Outgoing', all: 'All', drafts: 'Drafts', issued: 'Issued' },
  signatures: {
    title: 'Digital signatures',
    column: 'Signature',
    unsigned: 'The document carries no digital signature.',
    notChecked: 'The signatures of this PDF have not been checked yet.',
    recheck: 'Check again',
    checking: 'Checking signatures…',
    exportJson: 'Export report (JSON)',
    signer: 'Signer',
    organisation: 'Organisation',
    signingTime: 'Signed at',
    timestamped: '(timestamp)',
    claimed: '(claimed)',
    details: 'Details',
    steps: 'Checks',
    issuer: 'Issuer',
    chain: 'Certificate chain',
    revocation: 'Revocation',
    byteRange: 'Signed byte range',
    revision: 'Signed revision',
    changesAfter: 'Changes after signing',
    noChanges: 'No changes after signing.',
  },
};
