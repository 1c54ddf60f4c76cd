/**
 * One transaction on a pooled PostgreSQL client. A checked-out client whose connection drops (PostgreSQL
 * restarted) emits 'error' besides failing its query: unheard, that event would end the process, so it is logged
 * and the failed query carries the error to the caller. A client that cannot even roll back is dead: it is
 * destroyed on release, never handed out again. The document store's and the recording store's transactions both
 * run here.
 */
import type pg from 'pg';
import type { Logger } from '../../log';

export async function inTransaction<T>(pool: pg.Pool, log: Logger, fn: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  const onError = (err: Error) => log('warn', 'PostgreSQL connection lost during a transaction', { error: err.message });
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError as Error;
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
