import type { BankItem } from '../bank-item';

/** Backend, advanced depth: trade-offs and internals behind the fundamentals. */
export const BACKEND_ADVANCED: BankItem[] = [
  // ---------------------------------------------------------------- spoken
  {
    id: 'be-adv-spk-01',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Explain how multi-version concurrency control works in a database such as PostgreSQL, and what operational cost it brings.',
    referenceAnswer:
      'With MVCC an update does not overwrite a row in place; it writes a new row version and marks the old one with the transaction id that superseded it. Each transaction reads from a snapshot, so it sees the versions committed before its snapshot and ignores newer ones. That is why readers do not block writers and writers do not block readers; only concurrent writers to the same row wait on each other. The cost is dead tuples: old versions stay on disk until no snapshot can see them and vacuum reclaims them. Long-running transactions hold back that cleanup and cause table and index bloat, and transaction id wraparound has to be prevented by regular freezing.',
    keyConcepts: ['row versions', 'snapshot', 'readers do not block writers', 'dead tuples', 'vacuum', 'long-running transactions'],
  },
  {
    id: 'be-adv-spk-02',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What is write skew, why can it happen under snapshot isolation, and how do you prevent it?',
    referenceAnswer:
      'Write skew happens when two transactions read an overlapping set of rows, each makes a decision based on what it read, and then each writes to different rows, so neither sees a write-write conflict. The classic example is an on-call rule that at least one doctor must stay on call: two doctors go off call at the same time, each transaction sees the other still on call, and both commit, leaving nobody. Snapshot isolation only detects conflicts on the same row, so it allows this. You prevent it with serializable isolation, such as PostgreSQL serializable snapshot isolation which aborts one transaction, or by explicitly locking the rows the decision depends on with SELECT FOR UPDATE, or by materialising the conflict into a single row or a constraint both transactions must update.',
    keyConcepts: ['write skew', 'snapshot isolation', 'different rows', 'serializable', 'FOR UPDATE', 'constraint'],
  },
  {
    id: 'be-adv-spk-03',
    kind: 'spoken',
    topic: 'caching',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Even with cache-aside and invalidation on write, a cache can end up holding a stale value indefinitely. Describe how that race happens and how you would close it.',
    referenceAnswer:
      'A reader misses the cache and reads the old value from the database. Before it writes that value into the cache, a writer updates the database and deletes the cache key. Then the slow reader sets the old value, and it stays stale until the TTL expires. Ways to close it: always set a TTL as a bound; use a lease or version token, so the cache only accepts a fill from the reader that got the lease and a delete invalidates outstanding leases, as in the Memcache lease design; store a version with the value and only set it if it is newer, for example with a compare-and-set; or drive invalidation from the database change log with change data capture so deletes arrive after commit in order.',
    keyConcepts: ['race', 'stale value', 'TTL', 'lease', 'version', 'change data capture'],
  },
  {
    id: 'be-adv-spk-04',
    kind: 'spoken',
    topic: 'distributed-systems',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'A service must save an order to its database and publish an OrderCreated event to a broker. Why is doing both directly in the request handler risky, and what is the transactional outbox pattern?',
    referenceAnswer:
      'That is a dual write: the database commit and the broker publish are two systems with no shared transaction. If the process crashes between them, or the broker is down, you either have an order with no event or an event for an order that rolled back. With the transactional outbox, the handler inserts the event into an outbox table in the same database transaction as the order, so both commit atomically. A separate relay process, either polling the table or tailing the change log with change data capture such as Debezium, publishes outbox rows to the broker and marks them sent. Publishing can repeat after a crash, so delivery is at-least-once and consumers must deduplicate by event id.',
    keyConcepts: ['dual write', 'outbox table', 'same transaction', 'relay', 'at-least-once', 'deduplicate'],
  },
  {
    id: 'be-adv-spk-05',
    kind: 'spoken',
    topic: 'messaging',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'How does Kafka guarantee message ordering, and how do partitions and consumer groups affect throughput and ordering?',
    referenceAnswer:
      'Kafka only orders messages within a partition: each partition is an append-only log with increasing offsets. Producers choose the partition by hashing the message key, so all events for one key, for example one customer id, land in the same partition and stay in order. Within a consumer group each partition is assigned to exactly one consumer, so parallelism is capped by the partition count, and adding partitions later changes the key-to-partition mapping. During a rebalance partitions move between consumers, and uncommitted offsets can cause reprocessing. Producer retries can reorder or duplicate unless the idempotent producer is enabled.',
    keyConcepts: ['partition', 'message key', 'offset', 'consumer group', 'rebalance', 'idempotent producer'],
  },
  {
    id: 'be-adv-spk-06',
    kind: 'spoken',
    topic: 'api-design',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'How do you evolve a public JSON API without breaking existing clients? What changes are safe, and when do you need a new version?',
    referenceAnswer:
      'Safe, backward-compatible changes are additive: new endpoints, new optional request fields, new response fields, provided clients are told to ignore unknown fields. Breaking changes are removing or renaming fields, changing a type or meaning, making an optional input required, tightening validation, or adding enum values that strict clients cannot parse. For those you introduce a new version, in the URL path or a header, run both versions side by side, announce a deprecation with a Sunset or Deprecation header and a timeline, and use usage metrics per client to know when the old version can be removed. Contract tests against consumer expectations catch accidental breaks.',
    keyConcepts: ['backward compatible', 'additive', 'ignore unknown fields', 'new version', 'deprecation', 'contract tests'],
  },
  {
    id: 'be-adv-spk-07',
    kind: 'spoken',
    topic: 'concurrency',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'You implement a distributed lock with a Redis key that has an expiry. What can still go wrong, and how do fencing tokens help?',
    referenceAnswer:
      'The lock is a lease: if the holder pauses, for example a long garbage-collection pause or a network delay, its lease can expire while it still believes it holds the lock. Another client acquires the lock, and now both write to the shared resource. Releasing must also check ownership, with a unique value compared in a script, or a client may delete someone else\'s lock. A fencing token is a number that increases every time the lock is granted; the client passes it with every write, and the storage rejects writes carrying a token lower than the highest it has seen. That makes the resource itself enforce safety, so a stale holder cannot corrupt data. For correctness-critical locks use a consensus-backed store such as etcd or ZooKeeper rather than a single Redis.',
    keyConcepts: ['lease', 'expire', 'pause', 'fencing token', 'monotonically increasing', 'consensus'],
  },
  {
    id: 'be-adv-spk-08',
    kind: 'spoken',
    topic: 'performance',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Why do engineers care about p99 latency rather than the average, and why does it get worse as a request fans out to more backends?',
    referenceAnswer:
      'The average hides the slow requests that users actually notice; p99 tells you the latency that one in a hundred requests exceeds, and heavy users make many requests so they hit the tail often. When one request fans out to many backends and must wait for all of them, its latency is the maximum of theirs, so the chance that at least one is slow grows quickly: with a hundred backends each slow 1 percent of the time, about 63 percent of requests are slow. Mitigations are tight timeouts with partial results, hedged requests that send a backup request after the p95 time, reducing fan-out, and removing sources of variance such as GC pauses and queueing.',
    keyConcepts: ['average', 'tail latency', 'fan-out', 'slowest', 'hedged requests', 'timeouts'],
  },
  {
    id: 'be-adv-spk-09',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'You add asynchronous read replicas to scale reads. A user updates their profile and the page they are redirected to shows the old data. Why, and how do you fix it?',
    referenceAnswer:
      'Asynchronous replicas apply the primary\'s write-ahead log with some replication lag, so a read routed to a replica right after the write can miss it; the user sees a violation of read-your-writes consistency. Fixes: route that user\'s reads to the primary for a short window after a write; or record the log position, the LSN, of the user\'s write and only read from a replica that has replayed past it, otherwise fall back to the primary; or make the read synchronous with the write by returning the new state in the update response. Monitor replication lag and take lagging replicas out of rotation.',
    keyConcepts: ['replication lag', 'read-your-writes', 'primary', 'log position', 'asynchronous'],
  },
  {
    id: 'be-adv-spk-10',
    kind: 'spoken',
    topic: 'distributed-systems',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'How should a service retry calls to a flaky dependency without making an outage worse?',
    referenceAnswer:
      'Only retry errors that are transient and operations that are idempotent or carry an idempotency key. Use exponential backoff with jitter, so clients spread out instead of retrying in synchronised waves, and cap the number of attempts. Retry at one layer only, because retries at every layer multiply: three layers with three attempts each become twenty-seven calls. Give every call a timeout and propagate the overall deadline so you do not retry work the caller has already abandoned. A retry budget, for example retries at most ten percent of requests, and a circuit breaker that fails fast while the dependency is down prevent a retry storm.',
    keyConcepts: ['exponential backoff', 'jitter', 'idempotent', 'retry budget', 'circuit breaker', 'deadline'],
  },
  {
    id: 'be-adv-spk-11',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'You need to shard a multi-tenant database. How do you choose a shard key, and what problems should you anticipate?',
    referenceAnswer:
      'The shard key should match the dominant access pattern so most queries touch one shard, for a multi-tenant product usually the tenant id, and it should have enough cardinality to spread load. Hash-based sharding spreads keys evenly but makes range scans scatter across all shards; range-based sharding keeps ranges together but risks hot spots, for example with time-ordered keys. Problems to expect: a very large tenant creating a hot shard, so you need a way to split or move it; cross-shard queries and joins that become scatter-gather; no cheap cross-shard transactions; globally unique ids; and resharding, which is easier with many logical shards mapped onto fewer physical nodes or consistent hashing.',
    keyConcepts: ['shard key', 'access pattern', 'hot spot', 'cross-shard', 'resharding', 'hash'],
  },
  {
    id: 'be-adv-spk-12',
    kind: 'spoken',
    topic: 'api-design',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Compare fixed-window, sliding-window and token-bucket rate limiting. Which would you choose for a public API running on many instances, and where does the state live?',
    referenceAnswer:
      'A fixed window counts requests per calendar interval; it is cheap but allows twice the limit around a window boundary. A sliding window log stores each timestamp and is exact but memory-hungry; a sliding window counter interpolates between the current and previous window and is a good approximation. A token bucket refills at a steady rate up to a capacity, so it allows controlled bursts while enforcing the average rate. For many instances the state must be shared, typically in Redis with an atomic script per key so check and decrement happen together, or approximated locally with a per-instance share of the limit. Return 429 with Retry-After and rate-limit headers so clients can back off.',
    keyConcepts: ['fixed window', 'boundary', 'sliding window', 'token bucket', 'burst', 'atomic'],
  },
  {
    id: 'be-adv-spk-13',
    kind: 'spoken',
    topic: 'performance',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What does HTTP/2 change compared with HTTP/1.1 for service-to-service traffic, and what problem remains that HTTP/3 addresses?',
    referenceAnswer:
      'HTTP/1.1 handles one request at a time per connection, so clients open many connections or suffer head-of-line blocking behind a slow response. HTTP/2 multiplexes many concurrent streams over a single TCP connection, compresses headers with HPACK and uses a binary framing layer, which is what gRPC builds on. The remaining problem is TCP head-of-line blocking: one lost packet stalls every stream on the connection until it is retransmitted. HTTP/3 runs over QUIC on UDP, where streams are independent at the transport layer, and it also merges the transport and TLS handshakes. A practical caveat with HTTP/2 is load balancing: long-lived multiplexed connections need request-level balancing rather than connection-level.',
    keyConcepts: ['multiplexing', 'single connection', 'head-of-line blocking', 'header compression', 'QUIC', 'load balancing'],
  },
  // ---------------------------------------------------------------- multiple choice
  {
    id: 'be-adv-mcq-01',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Which anomaly can still occur under snapshot isolation (for example PostgreSQL REPEATABLE READ)?',
    options: ['Dirty read', 'Non-repeatable read', 'Write skew', 'Lost update on the same row'],
    correctIndex: 2,
    explanation:
      'Snapshot isolation reads from a consistent snapshot and aborts concurrent writes to the same row, but two transactions writing different rows based on overlapping reads (write skew) both commit. Only SERIALIZABLE prevents it.',
  },
  {
    id: 'be-adv-mcq-02',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'A PostgreSQL table that receives many UPDATEs keeps growing on disk although the row count is constant. What is the most likely reason?',
    options: [
      'Dead row versions from MVCC are not reclaimed fast enough by vacuum',
      'PostgreSQL keeps every previous row version in a separate audit table forever',
      'The write-ahead log is stored inside the table file',
      'Indexes are rebuilt from scratch after every UPDATE',
    ],
    correctIndex: 0,
    explanation:
      'Each UPDATE writes a new tuple and leaves the old one dead. Vacuum marks the space reusable; if it lags, often because a long-running transaction holds back the cleanup horizon, the table bloats.',
  },
  {
    id: 'be-adv-mcq-03',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What is the main benefit of a covering index for a query?',
    options: [
      'It compresses the table so scans read fewer pages',
      'The query is answered from the index alone, without heap lookups',
      'It guarantees the query plan never changes',
      'It makes writes to the indexed columns cheaper because the row is stored once',
    ],
    correctIndex: 1,
    explanation:
      'When every column the query needs is in the index (key or INCLUDE columns), the engine can do an index-only scan. In PostgreSQL this also depends on the visibility map being current.',
  },
  {
    id: 'be-adv-mcq-04',
    kind: 'mcq',
    topic: 'caching',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What is the main risk of a write-behind (write-back) cache compared with write-through?',
    options: [
      'Reads always miss after a write',
      'Every write must wait for both the cache and the database to confirm it',
      'Acknowledged writes are lost if the cache fails before flushing',
      'It cannot be used with a relational database',
    ],
    correctIndex: 2,
    explanation:
      'Write-behind acknowledges the write once the cache has it and persists asynchronously, trading durability and consistency for write latency. Write-through pays the latency of both writes.',
  },
  {
    id: 'be-adv-mcq-05',
    kind: 'mcq',
    topic: 'caching',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Which technique most directly prevents a stampede when one very hot cache key expires?',
    options: [
      'Increasing the cache memory limit so the hot key is never evicted again',
      'Switching from LRU to LFU eviction',
      'Adding more read replicas so the database can absorb every concurrent miss',
      'Request coalescing (single-flight): one caller recomputes the value while concurrent callers wait for its result',
    ],
    correctIndex: 3,
    explanation:
      'Coalescing collapses N concurrent misses into one recomputation. Early probabilistic refresh or serving stale-while-revalidate also work; more memory or a different eviction policy do not address simultaneous expiry.',
  },
  {
    id: 'be-adv-mcq-06',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What problem does the transactional outbox pattern solve?',
    options: [
      'Persisting a state change and its event atomically, without 2PC',
      'Guaranteeing exactly-once delivery of every event to every consumer group',
      'Encrypting events before they leave the service',
      'Ordering events across all partitions of a topic',
    ],
    correctIndex: 0,
    explanation:
      'The event row is written in the same local transaction as the state change; a relay publishes it later. Delivery is at-least-once, so consumers still deduplicate.',
  },
  {
    id: 'be-adv-mcq-07',
    kind: 'mcq',
    topic: 'messaging',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What ordering guarantee does Apache Kafka give to consumers?',
    options: [
      'Total order across the whole topic',
      'Order within a single partition only',
      'Order by producer timestamp across the cluster',
      'No ordering at all',
    ],
    correctIndex: 1,
    explanation:
      'Each partition is an ordered log. Messages with the same key go to the same partition, so per-key order holds; there is no order across partitions.',
  },
  {
    id: 'be-adv-mcq-08',
    kind: 'mcq',
    topic: 'messaging',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'A consumer commits its offset as soon as it receives a batch, then processes the messages. It crashes halfway through a batch. What delivery semantics does this give?',
    options: [
      'Exactly-once',
      'At-least-once',
      'At-most-once: the rest of the batch is skipped',
      'Duplicates: the whole batch is redelivered and processed again after restart',
    ],
    correctIndex: 2,
    explanation:
      'The committed offset already points past the batch, so after restart the remaining messages are never processed. Committing after processing gives at-least-once instead.',
  },
  {
    id: 'be-adv-mcq-09',
    kind: 'mcq',
    topic: 'concurrency',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'In a lease-based distributed lock, what is the purpose of a fencing token?',
    options: [
      'It encrypts the lock key so other clients cannot read it',
      'It extends the lease automatically for as long as the holder process is alive',
      'It lets two clients hold the lock at once for read-only work',
      'The storage rejects writes from a holder whose lease has expired',
    ],
    correctIndex: 3,
    explanation:
      'Tokens increase with each grant; the storage rejects any write with a token lower than one it has already accepted, so a paused former holder cannot overwrite newer data.',
  },
  {
    id: 'be-adv-mcq-10',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Why add random jitter to exponential backoff between retries?',
    options: [
      'To spread out retries from many clients so they do not hit the recovering service in synchronised waves',
      'To make the total retry time shorter',
      'To make retries idempotent',
      'To guarantee that at least one of the retries succeeds before the deadline',
    ],
    correctIndex: 0,
    explanation:
      'Clients that failed at the same moment would otherwise retry at the same moments too. Jitter decorrelates them, smoothing load on the dependency.',
  },
  {
    id: 'be-adv-mcq-11',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'A request fans out to 100 backends in parallel and waits for all of them. Each backend independently exceeds 1 s for 1% of calls. Roughly what fraction of user requests exceed 1 s?',
    options: ['1%', '10%', '63%', '99%'],
    correctIndex: 2,
    explanation: 'P(at least one slow) = 1 - 0.99^100 ≈ 0.634. Fan-out makes backend tail latency the common case.',
  },
  {
    id: 'be-adv-mcq-12',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What behaviour distinguishes a token-bucket rate limiter from a fixed-window counter?',
    options: [
      'It never allows more than one request per interval',
      'It allows bursts up to its capacity while enforcing an average rate',
      'It requires no state per client',
      'It resets the counters of all clients at the same wall-clock boundary',
    ],
    correctIndex: 1,
    explanation:
      'Tokens accumulate at the refill rate up to capacity, so a quiet client can burst. A fixed window resets at boundaries and can let through up to twice the limit across one boundary.',
  },
  {
    id: 'be-adv-mcq-13',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Which change to a JSON REST API is backward compatible for well-behaved existing clients?',
    options: [
      'Renaming a response field from userName to username',
      'Making a previously optional request field required',
      'Changing an id field from a number to a string',
      'Adding a new optional field to the response',
    ],
    correctIndex: 3,
    explanation:
      'Additive changes are compatible as long as clients ignore unknown fields. Renames, type changes and new requirements break existing callers.',
  },
  {
    id: 'be-adv-mcq-14',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Reads go to asynchronous replicas. Which technique gives a user read-your-writes consistency without sending all reads to the primary?',
    options: [
      'Remember the log position (LSN) of the user\'s last write and read only from replicas that have replayed past it',
      'Increase the replica count so each replica has less replication lag',
      'Lower the TTL of the HTTP cache',
      'Use READ UNCOMMITTED on the replicas so recent writes become visible sooner',
    ],
    correctIndex: 0,
    explanation:
      'Tracking the write position per session lets the router pick a replica that is caught up, or fall back to the primary. More replicas do not reduce lag.',
  },
  {
    id: 'be-adv-mcq-15',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Compared with range-based sharding on a time-ordered key, what is the trade-off of hash-based sharding?',
    options: [
      'It creates a hot spot on whichever shard owns the newest time range',
      'Writes spread evenly, but range queries must scatter to all shards',
      'It makes cross-shard joins cheaper because related keys hash to one shard',
      'It removes the need to ever reshard',
    ],
    correctIndex: 1,
    explanation:
      'Hashing destroys key order: load balances well, but a range of keys lives on every shard. Range sharding on time keys sends all new writes to one shard.',
  },
  {
    id: 'be-adv-mcq-16',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Which limitation of HTTP/2 over TCP does HTTP/3 (QUIC) remove?',
    options: [
      'Lack of header compression for repeated request headers',
      'Only one outstanding request per TCP connection at a time',
      'Inability to use TLS',
      'One lost packet stalling every multiplexed stream',
    ],
    correctIndex: 3,
    explanation:
      'HTTP/2 multiplexes streams but TCP delivers bytes in order, so loss blocks all streams. QUIC provides independent streams over UDP.',
  },
  {
    id: 'be-adv-mcq-17',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'A client sends PUT /documents/7 with the header If-Match: "v3", but the document is now at version v4. What should the server do?',
    options: [
      'Apply the update and return 200, since v4 is newer anyway',
      'Return 304 Not Modified',
      'Reject it with 412 Precondition Failed',
      'Return 409 Conflict but apply the update so no data is lost',
    ],
    correctIndex: 2,
    explanation:
      'If-Match makes the write conditional on the ETag, preventing lost updates. A failed precondition is 412; 304 is for conditional GETs.',
  },
  {
    id: 'be-adv-mcq-18',
    kind: 'mcq',
    topic: 'concurrency',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'What is SELECT ... FOR UPDATE SKIP LOCKED typically used for?',
    options: [
      'Workers each claiming different pending jobs without blocking each other',
      'Reading rows without taking any locks, even if other transactions hold them',
      'Skipping rows that fail a CHECK constraint',
      'Detecting deadlocks before they happen',
    ],
    correctIndex: 0,
    explanation:
      'Each worker locks the rows it takes and skips rows already locked by others, giving a simple, safe work queue on top of the database.',
  },
  {
    id: 'be-adv-mcq-19',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Why does a database write changes to a write-ahead log before modifying data pages?',
    options: [
      'To speed up reads of recently changed rows, which are served from the log',
      'So committed changes can be recovered after a crash by replaying the log, with sequential rather than random I/O at commit time',
      'To compress the data pages',
      'To avoid needing indexes',
    ],
    correctIndex: 1,
    explanation:
      'A commit only needs the log record flushed; data pages are written later. After a crash, redo replays the log. The same log feeds replication.',
  },
  {
    id: 'be-adv-mcq-20',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'How does a saga keep data consistent across services without a distributed two-phase commit?',
    options: [
      'It locks the rows in every participating database until the final step commits',
      'It retries the whole workflow until every step succeeds at once',
      'It uses a global clock to order writes',
      'It runs a sequence of local transactions and, on failure, runs compensating transactions for the completed steps',
    ],
    correctIndex: 3,
    explanation:
      'Each step commits locally; if a later step fails, compensations (refund, release reservation) undo earlier effects. Intermediate states are visible, so the design must tolerate them.',
  },
  {
    id: 'be-adv-mcq-21',
    kind: 'mcq',
    topic: 'caching',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['advanced'],
    prompt: 'Attackers request random non-existent product ids, so every request misses the cache and hits the database. Which measure helps most directly?',
    options: [
      'Raising the TTL of existing entries so the cache hit rate goes up',
      'Negative caching of "not found" results, or a Bloom filter of valid ids',
      'Switching the cache to write-through so every product id is always cached',
      'Adding a covering index',
    ],
    correctIndex: 1,
    explanation:
      'Misses for keys that do not exist are never filled, so caching the absence (with a short TTL) or filtering impossible keys first protects the database. Rate limiting also helps.',
  },
  // ---------------------------------------------------------------- coding
  {
    id: 'be-adv-code-1',
    kind: 'coding',
    topic: 'api-design',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    title: 'Token-bucket rate limiter',
    statement:
      'Write tokenBucket(capacity, refillPerSecond, timestamps). A token bucket holds at most capacity tokens and is full before the first request. Tokens are added continuously at refillPerSecond tokens per second (a positive integer), never exceeding capacity. timestamps is a non-decreasing list of request times in integer milliseconds. A request is allowed if the bucket holds at least one whole token at that instant; an allowed request removes one token, a rejected one removes nothing. Return one boolean per request. Arithmetic must be exact: a request arriving at exactly the moment the bucket reaches one token is allowed (hint: count tokens in thousandths so everything stays in integers).',
    language: 'typescript',
    functionName: 'tokenBucket',
    signature: 'function tokenBucket(capacity: number, refillPerSecond: number, timestamps: number[]): boolean[]',
    starterCode:
      'function tokenBucket(capacity: number, refillPerSecond: number, timestamps: number[]): boolean[] {\n  // TODO\n  return timestamps.map(() => false);\n}\n',
    referenceSolution: `function tokenBucket(capacity, refillPerSecond, timestamps) {
  const full = capacity * 1000;
  let milliTokens = full;
  let last = timestamps.length > 0 ? timestamps[0] : 0;
  const allowed = [];
  for (const t of timestamps) {
    milliTokens = Math.min(full, milliTokens + (t - last) * refillPerSecond);
    last = t;
    if (milliTokens >= 1000) {
      milliTokens -= 1000;
      allowed.push(true);
    } else {
      allowed.push(false);
    }
  }
  return allowed;
}`,
    exampleTests: [
      { args: [2, 1, [0, 0, 0, 1000]], expected: [true, true, false, true] },
      { args: [1, 1, [0, 999, 1000]], expected: [true, false, true] },
    ],
    hiddenTests: [
      { args: [3, 2, [0, 0, 0, 0, 500, 1000, 1000, 1000]], expected: [true, true, true, false, true, true, false, false] },
      { args: [2, 10, [0, 0, 10000, 10000, 10000]], expected: [true, true, true, true, false], description: 'refill is capped at capacity' },
      { args: [4, 1, []], expected: [], description: 'no requests' },
      { args: [5, 1, [123456]], expected: [true], description: 'starts full' },
      { args: [1, 2, [0, 200, 400, 500, 600]], expected: [true, false, false, true, false], description: 'rejected requests consume nothing' },
      { args: [3, 1, [0, 0, 0, 1500, 2999, 3000]], expected: [true, true, true, true, true, true], description: 'fractional tokens carry over' },
    ],
    timeLimitSec: 1200,
  },
  {
    id: 'be-adv-code-2',
    kind: 'coding',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    title: 'Order database migrations by their dependencies',
    statement:
      'Write migrationOrder(migrations). Each migration is { id, dependsOn } where dependsOn lists ids that must run before it (possibly with repeats). Return the ids in an order that runs every migration after all its dependencies. Whenever several migrations are ready, run the smallest id first by plain string comparison (the default order of Array.prototype.sort). If a migration depends on an id that does not exist, or the dependencies contain a cycle (including a self-dependency), return null. Ids are unique.',
    language: 'typescript',
    functionName: 'migrationOrder',
    signature: 'function migrationOrder(migrations: { id: string; dependsOn: string[] }[]): string[] | null',
    starterCode:
      'interface Migration {\n  id: string;\n  dependsOn: string[];\n}\n\nfunction migrationOrder(migrations: Migration[]): string[] | null {\n  // TODO\n  return null;\n}\n',
    referenceSolution: `function migrationOrder(migrations) {
  const deps = new Map();
  for (const m of migrations) deps.set(m.id, new Set(m.dependsOn));
  const dependents = new Map();
  for (const [id, required] of deps) {
    for (const d of required) {
      if (!deps.has(d)) return null;
      if (!dependents.has(d)) dependents.set(d, []);
      dependents.get(d).push(id);
    }
  }
  const waiting = new Map();
  for (const [id, required] of deps) waiting.set(id, required.size);
  const ready = [...waiting].filter(([, n]) => n === 0).map(([id]) => id);
  const order = [];
  while (ready.length > 0) {
    ready.sort();
    const id = ready.shift();
    order.push(id);
    for (const next of dependents.get(id) || []) {
      const n = waiting.get(next) - 1;
      waiting.set(next, n);
      if (n === 0) ready.push(next);
    }
  }
  return order.length === deps.size ? order : null;
}`,
    exampleTests: [
      {
        args: [[{ id: '002_add_email', dependsOn: ['001_users'] }, { id: '001_users', dependsOn: [] }]],
        expected: ['001_users', '002_add_email'],
      },
      { args: [[{ id: 'a', dependsOn: ['b'] }, { id: 'b', dependsOn: ['a'] }]], expected: null },
    ],
    hiddenTests: [
      { args: [[]], expected: [], description: 'no migrations' },
      {
        args: [[
          { id: 'd', dependsOn: ['b', 'c'] },
          { id: 'c', dependsOn: ['a'] },
          { id: 'b', dependsOn: ['a'] },
          { id: 'e', dependsOn: [] },
          { id: 'a', dependsOn: [] },
        ]],
        expected: ['a', 'b', 'c', 'd', 'e'],
        description: 'smallest ready id first, not global sort',
      },
      { args: [[{ id: 'x', dependsOn: ['missing'] }]], expected: null, description: 'unknown dependency' },
      { args: [[{ id: 'x', dependsOn: ['x'] }]], expected: null, description: 'self dependency' },
      { args: [[{ id: 'b', dependsOn: ['a', 'a'] }, { id: 'a', dependsOn: [] }]], expected: ['a', 'b'], description: 'repeated dependency' },
      {
        args: [[
          { id: 'm1', dependsOn: [] },
          { id: 'm2', dependsOn: ['m1'] },
          { id: 'm3', dependsOn: ['m4'] },
          { id: 'm4', dependsOn: ['m3'] },
        ]],
        expected: null,
        description: 'cycle in one part of the graph',
      },
      {
        args: [[{ id: 'z', dependsOn: [] }, { id: 'B', dependsOn: [] }, { id: 'a', dependsOn: [] }]],
        expected: ['B', 'a', 'z'],
        description: 'plain string comparison puts upper case first',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    id: 'be-adv-code-3',
    kind: 'coding',
    topic: 'distributed-systems',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['advanced'],
    title: 'Idempotent payment processing',
    statement:
      'Write processPayments(balances, requests). balances maps account names to integer cents. Each request is { idempotencyKey, account, amount }: a positive amount debits the account, a negative amount credits it. Process requests in order and produce one result string each:\n- If the key was seen before with the same account and amount, return the result stored for that key and change nothing (a safe retry).\n- If the key was seen before with a different account or amount, return "conflict" and change nothing (the stored result stays).\n- Otherwise: "unknown_account" if the account does not exist; "insufficient_funds" if a debit exceeds the balance; else apply it and return "ok". Store this result under the key, failures included.\nReturn { results, balances } with the final balances of all accounts. Do not mutate the input.',
    language: 'typescript',
    functionName: 'processPayments',
    signature:
      'function processPayments(balances: Record<string, number>, requests: { idempotencyKey: string; account: string; amount: number }[]): { results: string[]; balances: Record<string, number> }',
    starterCode:
      'interface PaymentRequest {\n  idempotencyKey: string;\n  account: string;\n  amount: number;\n}\n\nfunction processPayments(\n  balances: Record<string, number>,\n  requests: PaymentRequest[],\n): { results: string[]; balances: Record<string, number> } {\n  // TODO\n  return { results: [], balances: { ...balances } };\n}\n',
    referenceSolution: `function processPayments(balances, requests) {
  const current = { ...balances };
  const seen = new Map();
  const results = [];
  for (const r of requests) {
    const prior = seen.get(r.idempotencyKey);
    if (prior) {
      results.push(prior.account === r.account && prior.amount === r.amount ? prior.result : 'conflict');
      continue;
    }
    let result;
    if (!Object.prototype.hasOwnProperty.call(current, r.account)) result = 'unknown_account';
    else if (r.amount > 0 && current[r.account] < r.amount) result = 'insufficient_funds';
    else {
      current[r.account] -= r.amount;
      result = 'ok';
    }
    seen.set(r.idempotencyKey, { account: r.account, amount: r.amount, result });
    results.push(result);
  }
  return { results, balances: current };
}`,
    exampleTests: [
      {
        args: [
          { alice: 100 },
          [
            { idempotencyKey: 'k1', account: 'alice', amount: 30 },
            { idempotencyKey: 'k1', account: 'alice', amount: 30 },
            { idempotencyKey: 'k2', account: 'alice', amount: 80 },
            { idempotencyKey: 'k3', account: 'alice', amount: 70 },
          ],
        ],
        expected: { results: ['ok', 'ok', 'insufficient_funds', 'ok'], balances: { alice: 0 } },
      },
    ],
    hiddenTests: [
      {
        args: [{ alice: 100 }, [{ idempotencyKey: 'k1', account: 'alice', amount: 30 }, { idempotencyKey: 'k1', account: 'alice', amount: 40 }]],
        expected: { results: ['ok', 'conflict'], balances: { alice: 70 } },
        description: 'same key, different amount',
      },
      {
        args: [
          { bob: 10 },
          [
            { idempotencyKey: 'k1', account: 'bob', amount: 50 },
            { idempotencyKey: 'k2', account: 'bob', amount: -100 },
            { idempotencyKey: 'k1', account: 'bob', amount: 50 },
          ],
        ],
        expected: { results: ['insufficient_funds', 'ok', 'insufficient_funds'], balances: { bob: 110 } },
        description: 'a stored failure is replayed even though funds are now sufficient',
      },
      {
        args: [{ alice: 5 }, [{ idempotencyKey: 'k1', account: 'carol', amount: 5 }]],
        expected: { results: ['unknown_account'], balances: { alice: 5 } },
      },
      {
        args: [{ alice: 50, bob: 50 }, [{ idempotencyKey: 'k1', account: 'alice', amount: 10 }, { idempotencyKey: 'k1', account: 'bob', amount: 10 }]],
        expected: { results: ['ok', 'conflict'], balances: { alice: 40, bob: 50 } },
        description: 'same key, different account',
      },
      { args: [{ alice: 1 }, []], expected: { results: [], balances: { alice: 1 } } },
      {
        args: [{ alice: 50 }, [{ idempotencyKey: 'a', account: 'alice', amount: 50 }]],
        expected: { results: ['ok'], balances: { alice: 0 } },
        description: 'debit of the exact balance',
      },
      {
        args: [{ toString: 3 }, [{ idempotencyKey: 'x', account: 'constructor', amount: 1 }, { idempotencyKey: 'y', account: 'toString', amount: 3 }]],
        expected: { results: ['unknown_account', 'ok'], balances: { toString: 0 } },
        description: 'account names that collide with prototype properties',
      },
    ],
    timeLimitSec: 1200,
  },
];
