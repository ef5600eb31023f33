// Entry point: fonts and styles, one AppState for the tab, the app, and the
// question before leaving while work is not in storage.
import './lib/typeset/fonts.css';
import { askForLastPageFaces, watchFaces } from './lib/state/face-loader';
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { AppState } from './lib/state/app.svelte';
import { layoutCache, typesetter } from './lib/state/layout';
import { EditionDesk, IndexedEditionLibrary, editionId } from './lib/state/editions.svelte';
import { withoutToken } from './lib/state/desk.svelte';
import { deskOf } from './lib/state/layout-desk.svelte';
import { nextTask } from './lib/state/idle';

// The steps of a start as marks (galley:*, bench/trace-first-load.ts reports them): where a first load waits.
performance.mark('galley:main');

function preferences(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Sandboxed frames throw on access; the language choice is then not remembered.
    return null;
  }
}

// The bundled CJK faces' pieces are registered as text in them appears (face-loader.ts); a returning
// desk's last page's faces are asked for at once.
watchFaces(document);
// In a task of its own, not in the one that evaluates the app's code (its pieces are already on
// their way: index.html preloads them).
void nextTask().then(() => askForLastPageFaces(preferences()));

// Every edition this browser keeps: the edition list and one document per edition (src/lib/document).
const library = typeof indexedDB === 'undefined' ? null : new IndexedEditionLibrary();
// `?edition=…&server=…&token=…` joins a colleague's edition; the token is remembered
// (localStorage, per server) and taken out of the address bar at once.
const search = location.search;
if (new URLSearchParams(search).has('token')) history.replaceState(history.state, '', withoutToken(location.href));
const app = new AppState({
  // An edition id is its document's name on a newsroom server: each browser's sample gets its own, or two
  // desks putting their samples on one server would merge two separately made histories into a garbled edition.
  // Loaded only on a first run: a returning user's first page needs neither the importer nor the sample's text.
  buildSample: async () => {
    const { buildSampleEdition } = await import('./lib/sample/edition');
    const sample = buildSampleEdition(typesetter, layoutCache);
    return { ...sample, id: editionId(sample.date) };
  },
  preferences: preferences(),
  tokens: preferences(),
  search,
  library,
  // The Layout view's page in view laid out before the view is built (story by story, each in a task of its own).
  beforeShow: async () => {
    if (app.view === 'layout') await deskOf(app).layOutPageInView();
  },
});
const desk = library ? new EditionDesk(app, library, preferences()) : null;

// The edition is opened (IndexedDB, asynchronous) while the shell is built in a task after the
// one that evaluated the app's code: two shorter tasks on a first load rather than one long one.
void app.start();
void nextTask().then(() => mount(App, { target: document.getElementById('app')!, props: { app, desk } }));

// A socket outlives a lost network until it times out: when the browser says the
// network is gone, the newsroom link says offline at once, and reconnects when it is back.
window.addEventListener('offline', () => app.newsroom?.networkLost());
window.addEventListener('online', () => app.newsroom?.networkBack());

// Every change is written as it happens; ask before leaving while one is not
// in storage yet, failed to write, or storage is missing (memory only).
window.addEventListener('beforeunload', (event) => {
  if (!app.unsaved) return;
  event.preventDefault();
  // Older browsers show the prompt only when returnValue is set.
  event.returnValue = '';
});
