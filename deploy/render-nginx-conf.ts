/**
 * Renders deploy/nginx/interq.conf.template for a list of nodes: the configuration production uses and the one the
 * routing test (tests/integration/nginx-affinity.test.ts) runs, from the same template.
 *
 *   node --import tsx deploy/render-nginx-conf.ts --node 10.0.0.11:8080 --node 10.0.0.12:8080 \
 *     [--listen 80] [--server-name interq.example.org] [--access-log /var/log/nginx/interq.log] > interq.conf
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX_TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nginx', 'interq.conf.template');

export interface NginxConfOptions {
  /** The nodes, `host:port` each (the InterQ servers' PORT). */
  nodes: readonly string[];
  /** nginx's `listen` value (default 80). */
  listen?: string;
  serverName?: string;
  /** Access log path (default /var/log/nginx/interq-access.log). */
  accessLog?: string;
  /** Failures within failTimeout that take a node out of the ring for failTimeout (default 2 in 10s). */
  maxFails?: number;
  failTimeout?: string;
}

const NODE = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;
/** Values written into the configuration verbatim: no spaces, quotes, braces or semicolons that could end a directive. */
const PLAIN = /^[^\s;{}'"#]+$/;

export function renderNginxConf(opts: NginxConfOptions): string {
  if (opts.nodes.length === 0) throw new Error('Name at least one node (--node host:port).');
  for (const node of opts.nodes) {
    if (!NODE.test(node)) throw new Error(`Node "${node}" is not host:port (for example 10.0.0.11:8080).`);
  }
  const maxFails = opts.maxFails ?? 2;
  const failTimeout = opts.failTimeout ?? '10s';
  const values: Record<string, string> = {
    LISTEN: opts.listen ?? '80',
    SERVER_NAME: opts.serverName ?? '_',
    ACCESS_LOG: opts.accessLog ?? '/var/log/nginx/interq-access.log',
    MAX_FAILS: String(maxFails),
    FAIL_TIMEOUT: failTimeout,
  };
  for (const [key, value] of Object.entries(values)) {
    if (!PLAIN.test(value)) throw new Error(`${key.toLowerCase().replace('_', '-')} "${value}" may not contain spaces, quotes, braces or semicolons.`);
  }
  if (!Number.isInteger(maxFails) || maxFails < 1) throw new Error(`max-fails must be a whole number of at least 1, got ${maxFails}.`);
  values.UPSTREAM_SERVERS = opts.nodes.map((n) => `    server ${n} max_fails=${maxFails} fail_timeout=${failTimeout};`).join('\n');
  const template = fs.readFileSync(NGINX_TEMPLATE, 'utf8');
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`The template names {{${key}}}, which the renderer does not know.`);
    return value;
  });
}

function cli(argv: readonly string[]): void {
  const nodes: string[] = [];
  const opts: Omit<NginxConfOptions, 'nodes'> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value.`);
    if (flag === '--node') nodes.push(value);
    else if (flag === '--listen') opts.listen = value;
    else if (flag === '--server-name') opts.serverName = value;
    else if (flag === '--access-log') opts.accessLog = value;
    else if (flag === '--max-fails') opts.maxFails = Number(value);
    else if (flag === '--fail-timeout') opts.failTimeout = value;
    else throw new Error(`Unknown option ${flag}; see the top of deploy/render-nginx-conf.ts.`);
  }
  process.stdout.write(renderNginxConf({ nodes, ...opts }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    cli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`render-nginx-conf: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
