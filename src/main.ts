// Entry point: fonts and styles, one AppState for the tab, the app, and the
// hooks that flush unsaved work when the tab is hidden or closed.
import './lib/typeset/fonts.css';
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/state/app.svelte';
import { buildSampleEdition } from './lib/sample/edition';
import { layoutCache, typesetter } from './lib/state/layout';
import { EditionDesk, IndexedEditionLibrary } from './lib/state/editions.svelte';

function preferences(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Sandboxed frames throw on access; the language choice is then not remembered.
    return null;
  }
}

// Tabs tell each other when they save, so an older copy in another tab stops autosaving.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('galley');
// Every edition this browser keeps: the edition list and one document per edition (src/lib/document).
const library = typeof indexedDB === 'undefined' ? null : new IndexedEditionLibrary();
const app = new AppState({ buildSample: () => buildSampleEdition(typesetter, layoutCache), preferences: preferences(), channel, library });
const desk = library ? new EditionDesk(app, library, preferences()) : null;

mount(App, { target: document.getElementById('app')!, props: { app, desk } });
void app.start();

// Debounced writes may still be waiting when the tab goes away: write them now.
window.addEventListener('pagehide', () => void app.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void app.flush();
});
