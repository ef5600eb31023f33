export { DB_NAME, DB_VERSION, openGalleyDB, openExistingGalleyDB, upgradeGalleyDB, StorageUnavailableError } from './db';
export type { GalleyDB, GalleyDatabase, EditionRecord, StoryRecord, SessionRecord } from './db';
export { loadEdition, saveEdition, classifyStorageError, repairedEditionId, SESSION_KEY } from './edition-store';
export type { DamagedRecord, LoadedEdition, SaveOptions, StorageErrorKind } from './edition-store';
export { checkStoryRecord, checkEditionRecord, toEditionRecord, toStoryRecord } from './records';
export type { ReasonCode, ReasonParams, Refusal } from './records';
export { editionExport, exportFileName } from './export';
