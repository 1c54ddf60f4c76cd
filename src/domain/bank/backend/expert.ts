import type { BankItem } from '../bank-item';

/** Backend, expert depth: architecture at scale, failure modes and the edge cases that bite in production. */
export const BACKEND_EXPERT: BankItem[] = [
  // ---------------------------------------------------------------- spoken
  {
    id: 'be-exp-spk-01',
    kind: 'spoken',
    topic: 'distributed-systems',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Design a service that issues unique, roughly time-ordered 64-bit ids for thousands of application servers without a central bottleneck. What can go wrong?',
    referenceAnswer:
      'A Snowflake-style layout works: about 41 bits of milliseconds since a custom epoch, 10 bits of worker id and 12 bits of per-millisecond sequence, generated locally on each node without coordination. Ids sort roughly by time, which keeps B-tree inserts append-mostly. The hard parts: worker ids must be unique, so they are leased from a coordination service such as ZooKeeper or etcd and released on shutdown; if the clock moves backwards after an NTP correction the generator must wait or refuse, otherwise it can reissue ids; when the 4096 sequence numbers of one millisecond are used up it must wait for the next millisecond; and ordering is only approximate across nodes because clocks differ. Alternatives are UUIDv7, which is similar but 128 bits, or handing out id ranges from a database.',
    keyConcepts: ['timestamp', 'worker id', 'sequence', 'clock moves backwards', 'coordination', 'roughly ordered'],
  },
  {
    id: 'be-exp-spk-02',
    kind: 'spoken',
    topic: 'distributed-systems',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Explain how Raft elects a leader and decides that a log entry is committed. What happens to a leader that is cut off in a minority partition?',
    referenceAnswer:
      'Nodes are followers that expect heartbeats; when a follower\'s randomised election timeout fires it becomes a candidate, increments the term and asks for votes. A node grants at most one vote per term and only to a candidate whose log is at least as up to date as its own, and a candidate with votes from a majority becomes leader. The leader appends client commands to its log and replicates them with AppendEntries; an entry is committed once it is stored on a majority of nodes, and committed entries are applied to the state machine. A leader isolated in a minority can still believe it is leader but cannot commit anything, because it never reaches a majority; the majority side elects a new leader with a higher term, and when the partition heals the old leader sees the higher term, steps down and its uncommitted entries are overwritten. Serving reads from a stale leader needs a read index or lease check to stay linearizable.',
    keyConcepts: ['term', 'election timeout', 'majority', 'committed', 'higher term', 'step down'],
  },
  {
    id: 'be-exp-spk-03',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'You need to change the type of a column on a 2-billion-row table in a service that cannot take downtime. How do you do it?',
    referenceAnswer:
      'Use expand and contract instead of one ALTER that rewrites the table under an exclusive lock. First add a new nullable column, a cheap metadata change, with a short lock timeout so the DDL does not queue behind long transactions and block everyone. Deploy code that writes both columns. Backfill old rows in small batches by primary key range, throttled on replication lag and load, idempotent so it can resume. Verify the columns agree, then switch reads to the new column behind a flag, stop writing the old one, and drop it in a later release. Add indexes concurrently. Tools such as gh-ost or pt-online-schema-change do a similar shadow-table copy for MySQL. Every step must be compatible with both the old and new code running during a rolling deploy.',
    keyConcepts: ['expand and contract', 'lock timeout', 'dual write', 'backfill in batches', 'replication lag', 'rolling deploy'],
  },
  {
    id: 'be-exp-spk-04',
    kind: 'spoken',
    topic: 'messaging',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A product manager asks for exactly-once processing of payment events flowing through Kafka into your service, which writes to PostgreSQL and calls a card processor. What can you actually guarantee, and how?',
    referenceAnswer:
      'Exactly-once delivery over an unreliable network is not achievable; what you can build is effectively-once processing: at-least-once delivery plus idempotent effects. Kafka transactions give exactly-once only for read-process-write loops that stay inside Kafka, where output records and consumer offsets commit atomically; they do not cover PostgreSQL or an HTTP call. So store the consumer offset, or a processed event id, in PostgreSQL in the same transaction as the business write, and skip events already recorded. For the card processor, send a deterministic idempotency key derived from the event id so a retried call cannot charge twice, and record the outcome. Then duplicates at any stage collapse into one effect, and you reconcile against the processor\'s records to catch anything that slipped.',
    keyConcepts: ['effectively once', 'at-least-once', 'idempotent', 'same transaction', 'idempotency key', 'reconcile'],
  },
  {
    id: 'be-exp-spk-05',
    kind: 'spoken',
    topic: 'caching',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'One key in your Redis cluster, a celebrity profile, receives 30 percent of all reads and saturates a single shard. How do you fix it?',
    referenceAnswer:
      'Consistent hashing puts every key on exactly one shard, so a hot key cannot be spread by adding shards. Options: put a small in-process near cache with a short TTL in front of Redis so most reads never leave the application server; replicate the hot key under several suffixed names, such as key#1 to key#8 on different shards, and have readers pick one at random while writers update or invalidate all copies; serve reads from replicas of that shard; or cache the rendered response at the CDN. You also need detection, for example sampling key access frequencies or Redis hotkeys tooling, because hot keys appear suddenly, and the trade-off of every option is staleness and more work on writes.',
    keyConcepts: ['hot key', 'single shard', 'near cache', 'replicate the key', 'random suffix', 'detection'],
  },
  {
    id: 'be-exp-spk-06',
    kind: 'spoken',
    topic: 'distributed-systems',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A ten-second database slowdown caused an outage that lasted an hour, even though the database recovered after ten seconds. Explain how that can happen and how you design against it.',
    referenceAnswer:
      'That is a metastable failure: the trigger pushes the system into an overloaded state that sustains itself. Requests time out, clients retry, so the offered load becomes a multiple of normal; queues fill with requests whose callers have already given up, so the servers spend capacity on useless work; cold caches and connection storms add more. Goodput stays near zero even after the trigger is gone. Defences: bounded queues and load shedding at admission, dropping work whose deadline has passed, propagating deadlines, retry budgets and jittered backoff so retries cannot multiply load, circuit breakers, and serving LIFO or prioritised traffic under overload. Recovery usually needs an explicit lever to cut load, such as rate limiting at the edge, so the system can drain.',
    keyConcepts: ['metastable', 'retries', 'load shedding', 'bounded queues', 'deadline', 'retry budget'],
  },
  {
    id: 'be-exp-spk-07',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Your product must serve users in Europe and the US with low latency and survive the loss of a region. Compare active-passive and active-active database designs.',
    referenceAnswer:
      'Active-passive has one writable primary region with replicas elsewhere: writes from the far region pay cross-region latency, and failover promotes a replica. With asynchronous replication, failover can lose the last seconds of writes, so the recovery point objective is non-zero; synchronous replication removes that loss but adds a round trip to every commit. Active-active accepts writes in both regions, giving local write latency, but concurrent writes to the same record will conflict, and you must resolve them with last-writer-wins, which can silently drop updates, with CRDTs, or with application merges. A common compromise is to partition ownership, homing each user or tenant in one region so their writes are local and conflicts cannot happen, or to use a consensus-based globally distributed database and accept quorum latency. Decide based on RPO, RTO and how much conflict handling the data model tolerates.',
    keyConcepts: ['active-passive', 'active-active', 'conflicts', 'failover', 'RPO', 'home region'],
  },
  {
    id: 'be-exp-spk-08',
    kind: 'spoken',
    topic: 'concurrency',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Design a scheduler that runs millions of delayed jobs on a fleet of workers so that each job is executed, even if workers crash, and never runs concurrently with itself.',
    referenceAnswer:
      'Store jobs durably with a due time and a state, indexed by due time and partitioned so workers can poll disjoint shards. A worker claims a due job atomically, for example with UPDATE ... SKIP LOCKED or a compare-and-set, setting a lease with an expiry and its owner id, and heartbeats to extend the lease while it works. If a worker crashes, the lease expires and another worker reclaims the job, so delivery is at-least-once; a fencing token or lease version on completion prevents a worker whose lease lapsed from overwriting the newer attempt. Because a job can still run twice around a lease expiry, job handlers must be idempotent. Add retries with backoff, a dead-letter state after N attempts, and metrics on schedule lag.',
    keyConcepts: ['lease', 'heartbeat', 'claim atomically', 'at-least-once', 'idempotent', 'fencing token'],
  },
  {
    id: 'be-exp-spk-09',
    kind: 'spoken',
    topic: 'performance',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'How would you capacity-plan a service for next year\'s peak, and why should it not run at 90 percent utilisation?',
    referenceAnswer:
      'Start from a demand forecast of peak requests per second, including seasonality and launches, and measure per-instance capacity with load tests against a latency SLO rather than at the point of collapse. Little\'s law, concurrency equals throughput times latency, sizes pools and in-flight limits. Queueing theory explains the headroom: waiting time grows roughly as utilisation divided by one minus utilisation, so going from 50 to 90 percent utilisation multiplies queueing delay several times, and tail latency explodes near saturation. You also need N plus one or zone-failure headroom, since losing a zone shifts its load to the rest, and you check every shared dependency, such as the database and third-party quotas, not just the stateless tier.',
    keyConcepts: ["Little's law", 'utilisation', 'headroom', 'queueing', 'load test', 'zone failure'],
  },
  {
    id: 'be-exp-spk-10',
    kind: 'spoken',
    topic: 'distributed-systems',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Why is it dangerous to order events across machines by their wall-clock timestamps, and what do systems use instead?',
    referenceAnswer:
      'Wall clocks on different machines drift and are corrected by NTP, sometimes stepping backwards, so a causally later event can carry an earlier timestamp. With last-writer-wins conflict resolution that silently discards the newer write. Lamport clocks give a logical order consistent with causality, and vector clocks can additionally tell that two events are concurrent. Hybrid logical clocks combine physical time with a logical counter, so timestamps stay close to wall time but never go backwards and respect causality; CockroachDB uses them with a maximum clock offset bound. Google Spanner uses TrueTime, an API that returns an interval of uncertainty backed by GPS and atomic clocks, and waits out the uncertainty at commit to get externally consistent timestamps.',
    keyConcepts: ['clock skew', 'NTP', 'last writer wins', 'Lamport clock', 'vector clock', 'hybrid logical clock'],
  },
  {
    id: 'be-exp-spk-11',
    kind: 'spoken',
    topic: 'api-design',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Design a webhook delivery system that sends events to thousands of customer endpoints, some of which are slow or down for days.',
    referenceAnswer:
      'Record each event durably first, for example through an outbox, then fan out to per-endpoint delivery queues so one slow customer cannot block others: isolate concurrency per endpoint. Deliver with timeouts, retries with exponential backoff and jitter over a bounded period such as three days, then mark failed and let customers replay from a dashboard or API. Sign every payload with an HMAC of a timestamp and the body using a per-customer secret, support secret rotation, and include a unique event id so receivers can deduplicate, because delivery is at-least-once and not ordered. Auto-disable endpoints that fail persistently and notify the owner. Protect against SSRF by resolving and rejecting private addresses, and send small payloads or references so receivers fetch details.',
    keyConcepts: ['per-endpoint queue', 'exponential backoff', 'HMAC signature', 'event id', 'at-least-once', 'SSRF'],
  },
  {
    id: 'be-exp-spk-12',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Compare LSM-tree storage engines such as RocksDB with B-tree engines such as InnoDB. When would you pick each?',
    referenceAnswer:
      'A B-tree updates pages in place: reads are predictable, one path from root to leaf, but random small writes rewrite whole pages, which is write amplification, and pages fragment. An LSM tree buffers writes in an in-memory memtable backed by a write-ahead log, flushes it as immutable sorted SSTables and merges them in the background with compaction. Writes become sequential, so ingest throughput is high and compression is better, but a read may have to check several levels, mitigated by Bloom filters and caches, and compaction costs background I/O and can cause latency spikes if it falls behind. Deletes are tombstones that only disappear when compaction reaches the bottom level. Pick an LSM engine for write-heavy workloads such as time series or event ingestion, and a B-tree for read-heavy, latency-sensitive workloads with range scans and updates.',
    keyConcepts: ['memtable', 'SSTable', 'compaction', 'write amplification', 'Bloom filter', 'in place'],
  },
  {
    id: 'be-exp-spk-13',
    kind: 'spoken',
    topic: 'messaging',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'In a streaming pipeline the producer sometimes emits ten times faster than the consumer can process. What are your options, and what does each cost?',
    referenceAnswer:
      'That calls for backpressure or buffering. With backpressure, the consumer signals the producer to slow down, via bounded queues that block, credit-based flow control as in Reactive Streams or gRPC, or TCP windows; nothing is lost but the slowdown propagates upstream to users. A durable buffer such as a Kafka topic absorbs bursts and lets the consumer catch up, at the cost of growing latency and storage, so you alert on consumer lag. You can scale consumers out, bounded by partition count and by downstream limits such as the database. If the data allows it you can drop, sample or aggregate under load, trading completeness for freshness. An unbounded in-memory queue is the one wrong answer: it just converts overload into an out-of-memory crash.',
    keyConcepts: ['backpressure', 'bounded queue', 'buffer', 'consumer lag', 'scale out', 'drop or sample'],
  },
  // ---------------------------------------------------------------- multiple choice
  {
    id: 'be-exp-mcq-01',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A Raft cluster has 5 voting members. How many can fail while the cluster still elects a leader and commits writes?',
    options: ['1', '2', '3', '4'],
    correctIndex: 1,
    explanation: 'Progress needs a majority, 3 of 5, so up to 2 members may be down. In general 2f+1 members tolerate f failures.',
  },
  {
    id: 'be-exp-mcq-02',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Why do consensus clusters (etcd, ZooKeeper) usually run an odd number of members?',
    options: [
      'Leader election requires an odd number of votes so that ties are impossible',
      'Even-sized clusters cannot replicate logs',
      '4 members need 3 votes and tolerate 1 failure, no better than 3 members',
      'Odd numbers make hashing of keys to members uniform',
    ],
    correctIndex: 2,
    explanation:
      'Majority of 4 is 3, so it survives one failure just like a 3-member cluster; the extra member adds replication work and another chance of failure without more tolerance.',
  },
  {
    id: 'be-exp-mcq-03',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Which statement correctly distinguishes linearizability from serializability?',
    options: [
      'They are two names for the same guarantee',
      'Serializability requires that transactions respect real-time order across all clients; linearizability only requires some total order',
      'Linearizability applies to multi-object transactions; serializability to single reads and writes in real-time order',
      'Linearizability is a real-time recency guarantee on single-object operations; serializability says transactions appear to run in some serial order, not necessarily matching real time',
    ],
    correctIndex: 3,
    explanation:
      'Linearizability: once a write completes, every later read sees it. Serializability: multi-object transactions are equivalent to some serial order. Both together are strict serializability.',
  },
  {
    id: 'be-exp-mcq-04',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Compared with B-tree engines, which statement about LSM-tree storage engines is generally true?',
    options: [
      'Random writes become sequential, at the cost of compaction and multi-file reads',
      'They update data pages in place, so they need no background maintenance such as compaction',
      'A point read always touches exactly one file',
      'They cannot support range scans',
    ],
    correctIndex: 0,
    explanation:
      'Writes go to a memtable and are flushed as sorted immutable files; compaction merges them. Reads may check several levels, which Bloom filters mitigate. Range scans work via merging iterators.',
  },
  {
    id: 'be-exp-mcq-05',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A running service reads and writes column full_name, which must be renamed to display_name with zero downtime under rolling deploys. Which sequence is safe?',
    options: [
      'Rename the column with ALTER TABLE and deploy the new code in the same release, during low traffic',
      'Add display_name, dual-write, backfill, switch reads, then drop full_name later',
      'Drop full_name, then add display_name and backfill from a backup',
      'Create a view named display_name and remove the column immediately',
    ],
    correctIndex: 1,
    explanation:
      'Expand-and-contract keeps every intermediate schema compatible with both old and new code versions running side by side during a rolling deploy.',
  },
  {
    id: 'be-exp-mcq-06',
    kind: 'mcq',
    topic: 'messaging',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'What do Kafka transactions ("exactly-once semantics") actually guarantee?',
    options: [
      'That side effects such as HTTP calls or database writes made during processing happen exactly once',
      'That a message is delivered over the network exactly once to each consumer process',
      'Output records and consumer offsets of a read-process-write loop commit atomically',
      'That messages are ordered across all partitions',
    ],
    correctIndex: 2,
    explanation:
      'Transactions make produced records and offset commits atomic, and read_committed consumers only see committed output. External effects still need idempotency.',
  },
  {
    id: 'be-exp-mcq-07',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Replicas resolve conflicting writes by last-writer-wins on wall-clock timestamps. What can go wrong?',
    options: [
      'Writes become slower because every write needs a consensus round first',
      'A causally later write is silently dropped if its clock lags',
      'Reads can never return stale data',
      'Nothing, as long as NTP is configured',
    ],
    correctIndex: 1,
    explanation:
      'NTP bounds but does not eliminate skew; a write stamped with a lagging clock loses to an older write with a larger timestamp, and the loss is silent.',
  },
  {
    id: 'be-exp-mcq-08',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'What does a hybrid logical clock (HLC) provide?',
    options: [
      'Perfectly synchronised physical time across data centres',
      'A vector of counters, one per node, that detects concurrent updates exactly',
      'A replacement for consensus in leader election',
      'Timestamps close to physical time that never go backwards and respect causality, using a logical counter to break ties',
    ],
    correctIndex: 3,
    explanation:
      'HLC takes the max of local physical time and received timestamps, adding a logical counter, so it preserves happens-before like a Lamport clock while staying near wall time.',
  },
  {
    id: 'be-exp-mcq-09',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A service handles 2,000 requests per second with an average latency of 50 ms. By Little\'s law, how many requests are in flight on average?',
    options: ['40', '100', '400', '2,000'],
    correctIndex: 1,
    explanation: 'L = λW = 2000/s × 0.05 s = 100 concurrent requests, which sizes worker pools and connection limits.',
  },
  {
    id: 'be-exp-mcq-10',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'For a single-server queue with random (Poisson) arrivals and exponential service times (M/M/1), utilisation rises from 50% to 90%. By about what factor does the mean response time (waiting plus service) grow?',
    options: ['1.8x, proportional to the load', 'About 5x', 'About 50x', 'It stays constant until 100%'],
    correctIndex: 1,
    explanation:
      'Mean response time is S/(1 - ρ): 2S at ρ = 0.5 and 10S at ρ = 0.9, a factor of 5. The queueing part alone grows 9x, which is why services keep headroom.',
  },
  {
    id: 'be-exp-mcq-11',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A brief database slowdown triggers client timeouts and retries; after the database recovers, the system stays overloaded for an hour. What best describes this?',
    options: [
      'A metastable failure, sustained by retries and wasted work',
      'A split-brain caused by a network partition between the database replicas',
      'A memory leak that coincided with the slowdown',
      'Normal recovery time for a cold cache',
    ],
    correctIndex: 0,
    explanation:
      'The trigger is gone but the feedback loop (retries, timed-out work still processed) keeps offered load above capacity. Shedding load and retry budgets break the loop.',
  },
  {
    id: 'be-exp-mcq-12',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'Under overload, where is shedding load most effective?',
    options: [
      'After the request has been fully processed, by dropping the response to the client',
      'At the database, by letting queries time out',
      'As early and cheaply as possible, at admission, before expensive work, preferring to drop low-priority traffic',
      'Nowhere: queue all requests and let autoscaling catch up',
    ],
    correctIndex: 2,
    explanation:
      'Rejecting late wastes the capacity already spent; rejecting early keeps goodput high. Unbounded queues turn overload into latency and memory exhaustion.',
  },
  {
    id: 'be-exp-mcq-13',
    kind: 'mcq',
    topic: 'caching',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A single key receives 30% of all reads in a sharded cache and saturates its shard. Which measure addresses it?',
    options: [
      'Add more shards to the cluster',
      'Switch the eviction policy to LFU so the hot key always stays in memory on its shard',
      'Raise the key\'s TTL',
      'A near cache in each app server, or copies under suffixed keys on several shards',
    ],
    correctIndex: 3,
    explanation:
      'A key hashes to one shard however many shards exist. Spreading copies or absorbing reads locally removes the hot spot, at the cost of staleness and extra invalidation.',
  },
  {
    id: 'be-exp-mcq-14',
    kind: 'mcq',
    topic: 'messaging',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'An SQS consumer occasionally takes longer than the queue\'s visibility timeout to process a message. What happens?',
    options: [
      'The message becomes visible again and another consumer may process it concurrently, causing duplicate work',
      'The message is deleted automatically',
      'The message moves to the dead-letter queue immediately',
      'SQS extends the visibility timeout automatically until the consumer finishes',
    ],
    correctIndex: 0,
    explanation:
      'An unacknowledged message reappears after the visibility timeout. Extend it with ChangeMessageVisibility while working, and keep handlers idempotent.',
  },
  {
    id: 'be-exp-mcq-15',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'What is the classic weakness of two-phase commit?',
    options: [
      'It cannot commit transactions that touch more than two participating databases',
      'If the coordinator fails after participants vote yes, they stay blocked, holding locks, until it recovers',
      'It provides no atomicity when all nodes are healthy',
      'It requires synchronised clocks',
    ],
    correctIndex: 1,
    explanation:
      'Prepared participants cannot decide alone whether to commit or abort; they are in doubt until the coordinator returns. Replicating the coordinator with consensus mitigates this.',
  },
  {
    id: 'be-exp-mcq-16',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'How should a webhook receiver verify that a delivery is authentic and not a replay?',
    options: [
      'Check that the request comes from an IP address in the sender\'s published range only',
      'Require the payload to be sent over HTTP/2',
      'Verify an HMAC over the timestamp and raw body with the shared secret using a constant-time compare, and reject stale timestamps',
      'Decrypt the body with the sender\'s public key',
    ],
    correctIndex: 2,
    explanation:
      'The HMAC proves the sender knows the secret and the body is unmodified; signing the timestamp lets the receiver reject old, replayed deliveries. Deduplicate on event id as well.',
  },
  {
    id: 'be-exp-mcq-17',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A database runs active-active in two regions with asynchronous replication between them. What must the application design handle?',
    options: [
      'Nothing special: asynchronous replication is linearizable',
      'Only the latency of cross-region reads',
      'Loss of durability for writes acknowledged in the local region even without failures',
      'Concurrent conflicting writes to the same record in both regions',
    ],
    correctIndex: 3,
    explanation:
      'Both regions accept writes before hearing from each other, so conflicts are inevitable; they need LWW, CRDTs, merge logic, or ownership rules that route each record\'s writes to one region.',
  },
  {
    id: 'be-exp-mcq-18',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A Snowflake-style generator builds ids from (timestamp, worker id, sequence). Why must it handle the system clock moving backwards, e.g. after an NTP step?',
    options: [
      'It could reuse timestamp/sequence pairs and issue duplicate ids',
      'The worker id would change',
      'The ids would become longer than 64 bits',
      'It would stop being able to use the sequence bits until the process restarts',
    ],
    correctIndex: 0,
    explanation:
      'Time going backwards revisits milliseconds already issued; generators refuse or wait until the clock passes the last timestamp used.',
  },
  {
    id: 'be-exp-mcq-19',
    kind: 'mcq',
    topic: 'messaging',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A Kafka topic has 12 partitions. You scale its consumer group from 12 to 24 instances to reduce lag. What happens?',
    options: [
      'Throughput doubles because each partition is split between two consumers',
      '12 instances sit idle; throughput does not improve',
      'Each message is processed twice',
      'Kafka automatically creates 12 more partitions',
    ],
    correctIndex: 1,
    explanation:
      'Within a group each partition is consumed by exactly one member. To scale further add partitions (changing key mapping) or speed up processing.',
  },
  {
    id: 'be-exp-mcq-20',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 5,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'A closed-loop load generator sends the next request only after the previous response. The server stalls for 2 s. How does this distort the measured latency?',
    options: [
      'It over-reports tail latency because the stall is counted once per waiting request',
      'It has no effect on percentiles',
      'It under-reports tail latency because the requests that would have been sent during the stall are never measured (coordinated omission)',
      'It only affects the mean, not percentiles',
    ],
    correctIndex: 2,
    explanation:
      'Only one request records the stall; real users arriving at a constant rate would all have waited. Open-loop generators or latency correction (as in HdrHistogram/wrk2) fix it.',
  },
  {
    id: 'be-exp-mcq-21',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['expert'],
    prompt: 'An LSM engine consults a Bloom filter before reading an SSTable for a key. What can the filter answer?',
    options: [
      '"Definitely present" or "definitely absent", with no errors either way',
      'The exact offset of the key in the SSTable\'s data blocks',
      'The number of versions of the key',
      '"Definitely absent" or "possibly present"',
    ],
    correctIndex: 3,
    explanation:
      'A Bloom filter never misses a key that was added, but can report a key that was not, at a rate set by its bits per key. It lets reads skip most files.',
  },
  // ---------------------------------------------------------------- coding
  {
    id: 'be-exp-code-1',
    kind: 'coding',
    topic: 'distributed-systems',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    title: 'Consistent hashing with virtual nodes',
    statement:
      'Write assignKeys(nodes, vnodes, keys) that places keys on a consistent-hash ring. Use the hash32 function given in the starter code. Each node contributes vnodes points to the ring: hash32(node + "#" + i) for i = 0 .. vnodes - 1. A key is owned by the first ring point, going clockwise, whose value is greater than or equal to hash32(key); if there is none, wrap around to the smallest point. If two points have the same value, the one whose node name is smaller (plain string comparison) comes first. Return an object mapping every key to its owning node. nodes is non-empty and vnodes >= 1. Use a sorted ring with binary search, not a scan per key.',
    language: 'typescript',
    functionName: 'assignKeys',
    signature: 'function assignKeys(nodes: string[], vnodes: number, keys: string[]): Record<string, string>',
    starterCode: `/** 32-bit FNV-1a followed by the MurmurHash3 finalizer. Use it as given. */
function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

function assignKeys(nodes: string[], vnodes: number, keys: string[]): Record<string, string> {
  // TODO: build the ring once, then look up each key
  return {};
}
`,
    referenceSolution: `function assignKeys(nodes, vnodes, keys) {
  const hash32 = (s) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    return h >>> 0;
  };
  const ring = [];
  for (const node of nodes) for (let i = 0; i < vnodes; i++) ring.push({ point: hash32(node + '#' + i), node });
  ring.sort((a, b) => a.point - b.point || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  const owners = {};
  for (const key of keys) {
    const h = hash32(key);
    let lo = 0;
    let hi = ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ring[mid].point < h) lo = mid + 1;
      else hi = mid;
    }
    owners[key] = ring[lo === ring.length ? 0 : lo].node;
  }
  return owners;
}`,
    exampleTests: [
      {
        args: [['alpha', 'beta'], 1, ['item-0', 'item-1', 'item-2', 'item-3']],
        expected: { 'item-0': 'beta', 'item-1': 'beta', 'item-2': 'alpha', 'item-3': 'beta' },
      },
    ],
    hiddenTests: [
      {
        args: [['cache-a', 'cache-b', 'cache-c'], 50, ['user:1', 'user:2', 'user:3', 'session:9']],
        expected: { 'user:1': 'cache-a', 'user:2': 'cache-c', 'user:3': 'cache-a', 'session:9': 'cache-c' },
      },
      {
        args: [['cache-a', 'cache-b'], 50, ['user:1', 'user:2', 'user:3', 'session:9']],
        expected: { 'user:1': 'cache-a', 'user:2': 'cache-b', 'user:3': 'cache-a', 'session:9': 'cache-a' },
        description: 'removing cache-c moves only the keys it owned',
      },
      {
        args: [['cache-a', 'cache-b', 'cache-c'], 1, ['user:1', 'user:2', 'user:3', 'session:9']],
        expected: { 'user:1': 'cache-b', 'user:2': 'cache-c', 'user:3': 'cache-b', 'session:9': 'cache-b' },
      },
      {
        args: [['n1', 'n2', 'n3', 'n4'], 10, ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7']],
        expected: { k0: 'n4', k1: 'n4', k2: 'n1', k3: 'n2', k4: 'n3', k5: 'n4', k6: 'n2', k7: 'n2' },
      },
      {
        args: [['east', 'west'], 4, ['order:100', 'order:101', 'order:102']],
        expected: { 'order:100': 'east', 'order:101': 'east', 'order:102': 'west' },
      },
      { args: [['solo'], 3, ['a', 'b', '']], expected: { a: 'solo', b: 'solo', '': 'solo' }, description: 'single node, empty key' },
      { args: [['n1', 'n2'], 10, []], expected: {}, description: 'no keys' },
    ],
    timeLimitSec: 1500,
  },
  {
    id: 'be-exp-code-2',
    kind: 'coding',
    topic: 'concurrency',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    title: 'Find deadlocked transactions in a wait-for graph',
    statement:
      'Write deadlockedTransactions(waitsFor). Each element [a, b] means transaction a is waiting for a lock held by transaction b. A transaction is deadlocked if it lies on a cycle of waits (including waiting for itself). Transactions that merely wait on a deadlocked transaction without being on a cycle are not deadlocked. Return the deadlocked transaction ids sorted with the default Array.prototype.sort order, without duplicates. The graph may have up to 10^5 edges, so aim for linear time (for example strongly connected components).',
    language: 'typescript',
    functionName: 'deadlockedTransactions',
    signature: 'function deadlockedTransactions(waitsFor: [string, string][]): string[]',
    starterCode:
      'function deadlockedTransactions(waitsFor: [string, string][]): string[] {\n  // TODO\n  return [];\n}\n',
    referenceSolution: `function deadlockedTransactions(waitsFor) {
  const graph = new Map();
  const addNode = (n) => {
    if (!graph.has(n)) graph.set(n, []);
  };
  for (const [waiter, holder] of waitsFor) {
    addNode(waiter);
    addNode(holder);
    graph.get(waiter).push(holder);
  }
  // Iterative Tarjan so long wait chains cannot overflow the call stack.
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const result = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const v = frame[0];
      const edges = graph.get(v);
      if (frame[1] < edges.length) {
        const w = edges[frame[1]++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v), index.get(w)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(v)));
      }
      if (low.get(v) === index.get(v)) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || edges.includes(v)) result.push(...component);
      }
    }
  }
  return result.sort();
}`,
    exampleTests: [
      { args: [[['T1', 'T2'], ['T2', 'T1']]], expected: ['T1', 'T2'] },
      { args: [[['T1', 'T2'], ['T2', 'T3']]], expected: [] },
    ],
    hiddenTests: [
      { args: [[]], expected: [], description: 'no waits' },
      {
        args: [[['A', 'B'], ['B', 'C'], ['C', 'A'], ['D', 'A'], ['E', 'F']]],
        expected: ['A', 'B', 'C'],
        description: 'a waiter on a cycle is not itself deadlocked',
      },
      { args: [[['X', 'X']]], expected: ['X'], description: 'self wait' },
      {
        args: [[['T1', 'T2'], ['T2', 'T1'], ['T3', 'T4'], ['T4', 'T5'], ['T5', 'T3'], ['T6', 'T3']]],
        expected: ['T1', 'T2', 'T3', 'T4', 'T5'],
        description: 'two independent cycles',
      },
      { args: [[['T10', 'T2'], ['T2', 'T10'], ['T2', 'T3']]], expected: ['T10', 'T2'], description: 'string sort order' },
      {
        args: [[['a', 'b'], ['b', 'c'], ['c', 'b'], ['c', 'd'], ['d', 'a']]],
        expected: ['a', 'b', 'c', 'd'],
        description: 'overlapping cycles',
      },
      { args: [[['A', 'B'], ['A', 'B'], ['B', 'A']]], expected: ['A', 'B'], description: 'duplicate edges' },
    ],
    timeLimitSec: 1500,
  },
  {
    id: 'be-exp-code-3',
    kind: 'coding',
    topic: 'databases',
    difficulty: 4,
    archetypes: ['backend'],
    depths: ['expert'],
    title: 'LSM compaction merge',
    statement:
      'Write compactRuns(runs, bottomLevel) that merges sorted runs (SSTables) the way an LSM-tree compaction does. runs is ordered from oldest to newest; each run is an array of [key, value] pairs sorted by key (plain string comparison) with no repeated key inside a run. A value of null is a tombstone (a delete). For every key the newest run that contains it decides its value. Output one [key, value] pair per key, sorted by key. When bottomLevel is true there are no older files below, so keys whose newest value is a tombstone are dropped entirely; when it is false, tombstones must be kept as [key, null] so they keep shadowing older data in lower levels. Aim for a k-way merge rather than collecting everything into a map and sorting.',
    language: 'typescript',
    functionName: 'compactRuns',
    signature:
      'function compactRuns(runs: [string, unknown][][], bottomLevel: boolean): [string, unknown][]',
    starterCode:
      'type Entry = [string, unknown];\n\nfunction compactRuns(runs: Entry[][], bottomLevel: boolean): Entry[] {\n  // TODO\n  return [];\n}\n',
    referenceSolution: `function compactRuns(runs, bottomLevel) {
  const heads = runs.map(() => 0);
  const merged = [];
  for (;;) {
    let minKey = null;
    for (let r = 0; r < runs.length; r++) {
      if (heads[r] < runs[r].length) {
        const k = runs[r][heads[r]][0];
        if (minKey === null || k < minKey) minKey = k;
      }
    }
    if (minKey === null) break;
    let value;
    for (let r = 0; r < runs.length; r++) {
      if (heads[r] < runs[r].length && runs[r][heads[r]][0] === minKey) {
        value = runs[r][heads[r]][1];
        heads[r]++;
      }
    }
    if (value !== null || !bottomLevel) merged.push([minKey, value]);
  }
  return merged;
}`,
    exampleTests: [
      { args: [[[['a', 1], ['b', 2]], [['b', 3], ['c', 4]]], true], expected: [['a', 1], ['b', 3], ['c', 4]] },
      { args: [[[['a', 1], ['b', 2]], [['a', null]]], true], expected: [['b', 2]] },
    ],
    hiddenTests: [
      { args: [[[['a', 1], ['b', 2]], [['a', null]]], false], expected: [['a', null], ['b', 2]], description: 'tombstone kept above the bottom level' },
      { args: [[], true], expected: [], description: 'no runs' },
      { args: [[[], [['x', 'v']], []], true], expected: [['x', 'v']], description: 'empty runs' },
      { args: [[[['k', 'old']], [['k', null]], [['k', 'new']]], true], expected: [['k', 'new']], description: 'a newer write after a delete' },
      {
        args: [[[['apple', 1], ['banana', 2], ['cherry', 3]], [['banana', null], ['date', 4]], [['apple', 10], ['egg', null]]], true],
        expected: [['apple', 10], ['cherry', 3], ['date', 4]],
      },
      {
        args: [[[['apple', 1], ['banana', 2], ['cherry', 3]], [['banana', null], ['date', 4]], [['apple', 10], ['egg', null]]], false],
        expected: [['apple', 10], ['banana', null], ['cherry', 3], ['date', 4], ['egg', null]],
      },
      { args: [[[['B', 1]], [['a', 2]], [['A', 3]]], true], expected: [['A', 3], ['B', 1], ['a', 2]], description: 'plain string order' },
      { args: [[[['k', { v: 1 }]], [['k', [1, 2]]]], true], expected: [['k', [1, 2]]], description: 'values of any JSON type' },
    ],
    timeLimitSec: 1500,
  },
];
