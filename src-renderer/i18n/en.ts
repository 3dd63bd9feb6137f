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
};
