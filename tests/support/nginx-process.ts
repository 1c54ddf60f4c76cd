/**
 * Debian's nginx in front of InterQ nodes for tests: not a daemon, its own temporary prefix (configuration, logs,
 * temp folders, pid), a free port, and the configuration rendered from deploy/nginx/interq.conf.template, the same
 * template production uses (deploy/render-nginx-conf.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { renderNginxConf } from '../../deploy/render-nginx-conf';
import { freePort, tempDataDir } from './server-process';

export const NGINX_BIN = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface RoutedRequest {
  request: string;
  status: number;
  interview: string;
  upstream: string;
}

export interface NginxProcess {
  port: number;
  url: string;
  prefix: string;
  /** The access log's lines so far (written when a request ends; a WebSocket's when it closes). */
  routed(): RoutedRequest[];
  stop(): Promise<void>;
}

const ROUTING_LINE = /"([^"]*)" (\d{3}) interview=(\S*) upstream=(.*?) upstream_status=/;

export async function startNginx(nodes: readonly string[], opts: { maxFails?: number; failTimeout?: string } = {}): Promise<NginxProcess> {
  if (!fs.existsSync(NGINX_BIN)) {
    throw new Error(`nginx is not installed at ${NGINX_BIN}: apt-get install nginx (or set NGINX_PATH).`);
  }
  const prefix = tempDataDir('interq-nginx-');
  // Worker processes drop root privileges (user nobody): they must reach the temp folders.
  fs.chmodSync(prefix, 0o755);
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) fs.mkdirSync(path.join(prefix, dir), { mode: 0o777 });
  const port = await freePort();
  const accessLog = path.join(prefix, 'logs', 'access.log');
  fs.writeFileSync(
    path.join(prefix, 'interq.conf'),
    renderNginxConf({ nodes, listen: `127.0.0.1:${port}`, accessLog, ...opts }),
  );
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${path.join(prefix, 'nginx.pid')};`,
      `error_log ${path.join(prefix, 'logs', 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((d) => `  ${d === 'body' ? 'client_body' : d}_temp_path ${path.join(prefix, d)};`),
      `  include ${path.join(prefix, 'interq.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'logs', 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      const errors = fs.existsSync(path.join(prefix, 'logs', 'error.log')) ? fs.readFileSync(path.join(prefix, 'logs', 'error.log'), 'utf8') : '';
      throw new Error(`nginx exited with ${child.exitCode}:\n${out}\n${errors}`);
    }
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    url,
    prefix,
    routed() {
      if (!fs.existsSync(accessLog)) return [];
      return fs
        .readFileSync(accessLog, 'utf8')
        .split('\n')
        .map((line) => ROUTING_LINE.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ request: m[1]!, status: Number(m[2]), interview: m[3]!, upstream: m[4]! }));
    },
    async stop() {
      if (child.exitCode !== null) return;
      // QUIT: graceful (finishes open requests); TERM after a grace period.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGTERM'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
