// `npm start`: install what is missing, then serve the app and print its URL.
import { ensureDependencies, run } from './deps.mjs';

ensureDependencies();
process.exit(run('npx', ['vite', '--host', '127.0.0.1', ...process.argv.slice(2)]));
