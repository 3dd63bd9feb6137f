export { createOrganisations, type Organisations } from './organisations';
export { createDocumentTypes, type DocumentTypes } from './types';
export { createNumbering, type Numbering } from './numbering';
export { createDocuments, type Documents, type FileRef, type MirrorSnapshot, type Saved } from './documents';
export { createQueries, ftsQuery, type Queries } from './query';
export { readImportFile, normaliseRecord, importRecords, type ImportReport } from './import';
