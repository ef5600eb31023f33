// The edition document: a Yjs CRDT the app, its tabs and its desks share.
export { EditionDocument, ORIGIN, LAYOUT_UNDO_ORIGINS, ROOT, STORY_TEXT, updateStoryText } from './edition-document';
