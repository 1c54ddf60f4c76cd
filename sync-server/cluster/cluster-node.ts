/**
 * Cluster mode of one node (issue #16): when the documents are in PostgreSQL (DATABASE_URL), the node serves an
 * interview only under its lease (interview-ownership.ts). This reads the node's cluster settings (README.md's
 * settings table) and starts its lease keeping on the store's connection pool.
 */
import os from 'node:os';
import { intFromEnv, ConfigError } from '../config';
import type { PostgresDocumentStorage } from '../storage/postgres/postgres-document-storage';
import { InterviewOwnership } from './interview-ownership';
import { LeaseStore } from './lease-store';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface ClusterSettings {
  /** This node's name in the lease table (INTERQ_NODE_ID, default <hostname>:<port>). Unique per node. */
  nodeId: string;
  /**
   * host:port where the proxy reaches this node (INTERQ_NODE_ADDRESS, default the listening address, or the first
   * LAN IPv4 address when listening on all of them). An IP address: nginx forwards to it without a resolver.
   */
  nodeAddress: string;
  /** Lease length (INTERQ_LEASE_MS, default 6000): how long the clients of a node that died wait for another. */
  leaseMs: number;
}

export const DEFAULT_LEASE_MS = 6_000;
const ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

/** The lease length alone: needed before the port is known. */
export function leaseMsFromEnv(env: NodeJS.ProcessEnv): number {
  return intFromEnv(env, 'INTERQ_LEASE_MS', DEFAULT_LEASE_MS, 1_000, 600_000);
}

export const DEFAULT_PUBLISH_MS = 1_000;

/**
 * How often at most this node publishes the read-model rows of the interviews it serves to the other nodes
 * (INTERQ_PUBLISH_MS, default 1000; storage/postgres/postgres-projected-docs.ts): the other nodes' dashboards lag
 * behind its changes by up to this much, and it costs PostgreSQL one statement per interval while changes come in.
 * Tests set it long to hold a node's publications back (the crash window, cluster-read-model-gaps.test.ts).
 */
export function publishMsFromEnv(env: NodeJS.ProcessEnv): number {
  return intFromEnv(env, 'INTERQ_PUBLISH_MS', DEFAULT_PUBLISH_MS, 100, 600_000);
}

/** The node's identity once it listens on `port`; throws ConfigError with a sentence for a bad value. */
export function clusterSettingsFromEnv(env: NodeJS.ProcessEnv, host: string, port: number): ClusterSettings {
  const listenHost = host === '0.0.0.0' || host === '::' || host === '' ? firstLanAddress() : host;
  const nodeAddress = env.INTERQ_NODE_ADDRESS?.trim() || `${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}`;
  if (!ADDRESS.test(nodeAddress)) throw new ConfigError(`INTERQ_NODE_ADDRESS=${nodeAddress} is not host:port (for example 10.0.0.11:8080).`);
  const nodeId = env.INTERQ_NODE_ID?.trim() || `${os.hostname()}:${port}`;
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(nodeId)) throw new ConfigError(`INTERQ_NODE_ID=${nodeId} may use letters, digits and . _ : - only (at most 100).`);
  return { nodeId, nodeAddress, leaseMs: leaseMsFromEnv(env) };
}

function firstLanAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/**
 * app-server.ts: lease keeping for a node whose documents are in PostgreSQL. The settings are checked now (a bad
 * value stops start-up); the node is identified once it listens (its port may be chosen then).
 */
export function startClusterOwnership(storage: PostgresDocumentStorage, config: { env: NodeJS.ProcessEnv; host: string; port: number }, log: Logger): InterviewOwnership {
  const { leaseMs } = clusterSettingsFromEnv(config.env, config.host, config.port);
  return startOwnership(storage, leaseMs, log);
}

/** Lease keeping on the document store's pool; `identify` it once the port is known if no identity is given. */
export function startOwnership(storage: PostgresDocumentStorage, leaseMs: number, log: Logger, identity?: { nodeId: string; nodeAddress: string }): InterviewOwnership {
  return new InterviewOwnership({ leases: new LeaseStore(storage.pool), leaseMs, log, ...identity });
}
