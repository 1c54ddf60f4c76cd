/** The tests start the server from the same esbuild bundle `npm start` runs (scripts/server-bundle.ts). */
export { bundledEntry, type BundleOptions } from '../../scripts/server-bundle';
