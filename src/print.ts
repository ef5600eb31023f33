// Entry of print.html: the sheets of one edition and nothing else, for
// `npm run -s pdf` (src/cli/pdf.ts), which serves the built app, hands this page
// the edition as JSON at the URL named by ?edition= and prints it with
// Chromium's page.pdf(). The same ProofSheets component as the Proof view.
import './lib/typeset/fonts.css';
import { watchFaces } from './lib/state/face-loader';
import { mount } from 'svelte';
import PrintEdition from './components/proof/PrintEdition.svelte';

// The sheets' text registers the bundled faces' pieces it needs (face-loader.ts).
watchFaces(document);
const params = new URLSearchParams(location.search);
mount(PrintEdition, {
  target: document.getElementById('print')!,
  props: {
    source: params.get('edition') ?? 'edition.json',
    photos: params.get('photos'),
    marks: { cropMarks: params.has('crop-marks'), slug: params.has('slug') },
    printedAt: params.get('printed-at') ?? '',
  },
});
