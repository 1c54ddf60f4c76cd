/**
 * notify-cost.ts's listeners, in a process of their own (as each node's LISTEN connection is in its node): argv
 * <database url> <connections>. Each connection LISTENs on interq_stored and counts the notices it receives. Over
 * IPC: sends {type:'ready'} once listening, answers {type:'count'} with the total, and ends on {type:'close'}.
 */
import pg from 'pg';
import { STORED_CHANNEL } from './notify-cost';

const [url, count] = process.argv.slice(2);
let received = 0;
const clients = await Promise.all(
  Array.from({ length: Number(count) }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    c.on('notification', () => received++);
    await c.query(`LISTEN ${STORED_CHANNEL}`);
    return c;
  }),
);
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'count') process.send!({ type: 'count', received });
  else if (m?.type === 'close') void Promise.all(clients.map((c) => c.end())).then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
