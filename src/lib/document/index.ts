// The edition document: a Yjs CRDT the app, its tabs and its desks share.
export { EditionDocument, ORIGIN, LAYOUT_UNDO_ORIGINS, ROOT, STORY_TEXT, updateStoryText } from './edition-document';
export { EditionIndex, openLibraryDB, openPersistedEdition, editionDatabaseName, indexEntryOf, LIBRARY_DB_NAME, WRITE_QUIET_MS, WRITE_MAX_WAIT_MS } from './persistence';
export type { EditionIndexEntry, LibraryDatabase, PersistedEdition, StoredPhoto, VersionRecord } from './persistence';
export { TabChannel, tabChannelName } from './tab-channel';
export { AutoVersions, VersionStore, previewVersion, restoreVersion, versionsToPrune } from './versions';
export type { AutoVersionOptions, SaveVersionOptions } from './versions';
export { readV1, documentFromV1, migrateV1Database } from './migrate-v1';
export type { V1Contents, V1Damaged } from './migrate-v1';
export { REFUSED_REASON } from './access';
// DeskConnection (the Hocuspocus provider) is imported from './desk-connection' itself, on demand:
// re-exported here it would be in every chunk that reads the edition document.
export type { DeskConnection, DeskConnectionOptions } from './desk-connection';
export { IndexedPhotoStore, MemoryPhotoStore, hashBlob, dataUrlBlob, migrateDataUrlPhotos } from './photo-store';
export type { PhotoStore, MeasurePhoto } from './photo-store';
