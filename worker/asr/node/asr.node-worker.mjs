// Bootstrap for the Node worker thread: worker threads do not inherit the parent's TypeScript loader, so register tsx
// here, then load the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./asr.node-worker.ts');
