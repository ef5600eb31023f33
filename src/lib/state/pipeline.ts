// The one place the app reaches into the importer and the lint, so components
// and state name a single seam (and tests can see what the app depends on).
export { importText, storiesFromImport, decodeBytes, ImportError } from '../import';
export type { ImportResult, ImportedStory, ImportWarning } from '../import';
export { lintDoc } from '../lint';
export type { LintWarning, LintFix } from '../lint';
