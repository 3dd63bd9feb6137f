/**
 * The directive in force on a document: the newest by when it was given. Directives reach the
 * workstations of an organisation in any order and ids are local, so "newest" is decided by the
 * time it was given, and the uid breaks a tie: every workstation picks the same one.
 */
export const directiveInForce = (documentId: string): string =>
  `(SELECT x.id FROM directives x WHERE x.document_id = ${documentId} ORDER BY x.directed_at DESC, x.uid DESC LIMIT 1)`;
