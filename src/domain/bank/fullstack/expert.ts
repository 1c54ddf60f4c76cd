import type { BankItem } from '../bank-item';

/** Full-stack, expert depth: system architecture, distributed data, reliability and edge cases end to end. */
export const FULLSTACK_EXPERT: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'fs-exp-spk-01', kind: 'spoken', topic: 'architecture', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'When would you split a monolith into microservices, and how would you go about it?',
    referenceAnswer:
      'Only when the monolith\'s costs are real: teams blocking each other on one deployment, parts with very different scaling or reliability needs, or a codebase nobody can change safely. Often a modular monolith with enforced module boundaries solves that more cheaply. If splitting, draw services along bounded contexts from domain-driven design, so each owns its data and no other service reads its tables. Extract gradually with the strangler fig pattern, routing one capability at a time to the new service. The price is network calls that fail and add latency, eventual consistency, distributed tracing, and much higher operational cost, so platform tooling must exist first.',
    keyConcepts: ['modular monolith', 'bounded contexts', 'data ownership', 'independent deployment', 'network calls', 'operational cost'],
  },
  {
    id: 'fs-exp-spk-02', kind: 'spoken', topic: 'distributed-data', difficulty: 5, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you keep data consistent across services without distributed transactions?',
    referenceAnswer:
      'Accept eventual consistency and make each step reliable. Use a saga: a sequence of local transactions, one per service, coordinated by events or an orchestrator, where each step has a compensating action, such as refunding a payment if shipping fails. To publish events reliably, use the transactional outbox pattern: write the event to an outbox table in the same database transaction as the state change, and have a relay publish it, so the change and the event cannot diverge. Consumers must be idempotent because delivery is at least once, and the UI should show pending states honestly.',
    keyConcepts: ['saga', 'compensating action', 'outbox pattern', 'eventual consistency', 'idempotent consumers'],
  },
  {
    id: 'fs-exp-spk-03', kind: 'spoken', topic: 'scalability', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Traffic to your web application grows a hundredfold over a year. Walk through how you would scale each layer.',
    referenceAnswer:
      'Measure where the bottleneck is first. Put static assets and cacheable pages on a CDN. Keep application servers stateless behind a load balancer so they scale horizontally with autoscaling. Add caching for hot reads, in process and in Redis. The database usually limits first: tune queries and indexes, add connection pooling, send reads to read replicas while handling replication lag, and move heavy work to queues and background workers. Only when a single primary cannot take the writes, partition or shard by a key such as tenant, and split off data stores per workload. Load tests and capacity planning guide each step.',
    keyConcepts: ['stateless servers', 'load balancer', 'CDN', 'caching', 'read replicas', 'sharding'],
  },
  {
    id: 'fs-exp-spk-04', kind: 'spoken', topic: 'multi-tenancy', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you design the data model of a multi-tenant SaaS product? Compare shared and isolated databases.',
    referenceAnswer:
      'Three common models. A shared database with a tenant id column on every table is cheapest and simplest to operate, but every query must filter by tenant, which row-level security in PostgreSQL can enforce, and a large tenant can become a noisy neighbour. A schema per tenant gives more isolation but migrations multiply. A database per tenant gives the strongest data isolation, per-tenant backups and residency, at high operational cost. Many products mix them: shared by default, dedicated databases for large or regulated customers, with tenant-aware routing, per-tenant rate limits and the tenant id in every log and cache key.',
    keyConcepts: ['tenant id', 'row-level security', 'schema per tenant', 'database per tenant', 'noisy neighbour', 'data isolation'],
  },
  {
    id: 'fs-exp-spk-05', kind: 'spoken', topic: 'realtime', difficulty: 5, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design real-time notifications for millions of simultaneously connected users.',
    referenceAnswer:
      'Separate a fleet of connection servers that only hold WebSocket or server-sent event connections from the services that produce notifications. Producers publish to a pub/sub system or a log like Kafka; a routing layer knows which connection server holds each user and fans messages out to them. Connection servers must handle backpressure from slow clients, heartbeats to detect dead connections, and graceful draining on deploys. Clients reconnect with exponential backoff and jitter and resume from the last event id, so missed notifications are fetched from a durable store. Offline users get push notifications instead.',
    keyConcepts: ['WebSocket', 'connection servers', 'pub/sub', 'fan-out', 'backpressure', 'reconnect'],
  },
  {
    id: 'fs-exp-spk-06', kind: 'spoken', topic: 'auth', difficulty: 5, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design authentication and authorization for a product with a web app, a mobile app and third-party API clients.',
    referenceAnswer:
      'Centralise identity in an authorization server speaking OAuth 2 and OpenID Connect, possibly a managed one. The web app uses the authorization code flow through a backend for frontend that keeps tokens server side and gives the browser an HttpOnly session cookie. The mobile app uses the authorization code flow with PKCE through the system browser and keeps a refresh token in secure storage, with refresh token rotation to detect theft. Third parties register as clients and get scoped tokens, by user consent or client credentials for server-to-server access. APIs validate short-lived access tokens and check scopes and permissions; revocation, auditing and multi-factor authentication complete it.',
    keyConcepts: ['OAuth', 'OpenID Connect', 'PKCE', 'refresh token rotation', 'scopes', 'revocation'],
  },
  {
    id: 'fs-exp-spk-07', kind: 'spoken', topic: 'performance', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'A key page takes four seconds to become usable. Walk through optimising its latency end to end, from the browser to the database.',
    referenceAnswer:
      'Measure the critical path first: field data and a waterfall in the browser, server timing headers and traces on the backend. Typical findings are sequential request waterfalls, where the client fetches one thing, then the next; fix them by fetching in parallel, moving data fetching to the server, or a dedicated endpoint that returns what the page needs. On the server, remove N+1 queries, add indexes, cache expensive reads and call downstream services concurrently with timeouts. On the frontend, stream server-rendered HTML, reduce JavaScript on the critical path and show useful content before everything loads. Verify each change against the original measurements.',
    keyConcepts: ['measure', 'critical path', 'waterfall', 'parallel requests', 'query optimization', 'caching'],
  },
  {
    id: 'fs-exp-spk-08', kind: 'spoken', topic: 'reliability', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you design an API so it stays up when a dependency it calls becomes slow or unavailable?',
    referenceAnswer:
      'Every outbound call gets a timeout shorter than the caller\'s own deadline. Retries only for idempotent operations, with exponential backoff, jitter and a retry budget so they do not amplify an outage. A circuit breaker stops calling a failing dependency for a while and fails fast, probing in a half-open state. Bulkheads, separate connection pools or concurrency limits per dependency, stop one slow dependency from exhausting all threads. Then degrade gracefully: serve cached or default data, hide the optional feature, or queue the work. Load shedding protects the service itself, and chaos testing verifies all of it.',
    keyConcepts: ['timeouts', 'retries with backoff', 'circuit breaker', 'bulkhead', 'fallback', 'graceful degradation'],
  },
  {
    id: 'fs-exp-spk-09', kind: 'spoken', topic: 'data-migration', difficulty: 5, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'You must move a large, heavily used table to a new data store without downtime. How do you do it?',
    referenceAnswer:
      'Introduce a data access layer so the application talks to one interface. Start dual writes to the old and new store, or better, stream changes with change data capture so the new store cannot miss writes. Backfill historical data in throttled batches, idempotently. Verify with reconciliation jobs that compare counts and checksums, and with shadow reads that query both stores and log differences while still serving from the old one. Then cut over reads gradually behind a feature flag, watch error rates and latency, and keep writing to the old store for a while as a rollback plan before decommissioning it.',
    keyConcepts: ['dual writes', 'change data capture', 'backfill', 'shadow reads', 'cut over', 'rollback plan'],
  },
  {
    id: 'fs-exp-spk-10', kind: 'spoken', topic: 'event-driven', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'What are the trade-offs of an event-driven architecture, and how do you evolve event schemas safely?',
    referenceAnswer:
      'Events give loose coupling: producers do not know consumers, new consumers can be added and events can be replayed to rebuild state. The costs are eventual consistency, harder debugging across asynchronous flows, ordering guarantees only within a partition, and duplicate delivery that consumers must handle idempotently. For schema evolution, treat events as a public contract: use a schema format and a schema registry, make only backward compatible changes such as adding optional fields, never change the meaning of a field, and introduce a new versioned event type for breaking changes while publishing both during migration.',
    keyConcepts: ['loose coupling', 'eventual consistency', 'ordering', 'idempotent', 'schema registry', 'backward compatible'],
  },
  {
    id: 'fs-exp-spk-11', kind: 'spoken', topic: 'observability', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you define and use service level objectives for a user-facing web product?',
    referenceAnswer:
      'Start from critical user journeys such as sign-in, search and checkout. For each define service level indicators that reflect user experience, for example the share of requests that succeed and the share served under 300 milliseconds at the load balancer or in real user data. The SLO sets a target over a window, such as 99.9 percent over 28 days. The remaining error budget guides decisions: while budget remains, ship faster; when it burns quickly, prioritise reliability work. Alert on burn rate over multiple windows rather than on individual errors, and review SLOs with product owners.',
    keyConcepts: ['user journeys', 'SLI', 'SLO', 'latency', 'error budget', 'burn rate'],
  },
  {
    id: 'fs-exp-spk-12', kind: 'spoken', topic: 'rendering-architecture', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you choose the rendering and data-fetching architecture for a global e-commerce site?',
    referenceAnswer:
      'Product and category pages need fast first loads and SEO, so render them on the server or statically and cache them on a CDN close to users, regenerating on change or with short TTLs. Personalisation such as prices per region, the cart and recommendations should not break caching: keep the shared shell cacheable and load personalised parts separately, or render at the edge with cached data. Checkout and account pages are dynamic and private, server rendered without shared caching. Time to first byte, hydration cost on mobile and data freshness, for stock and prices, drive the trade-offs.',
    keyConcepts: ['server rendering', 'CDN', 'edge', 'personalization', 'cache', 'time to first byte'],
  },
  {
    id: 'fs-exp-spk-13', kind: 'spoken', topic: 'search', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you add full-text search to an application whose data lives in a relational database?',
    referenceAnswer:
      'First try the database: PostgreSQL full-text search with a tsvector column and a GIN index, or trigram indexes for fuzzy matching, covers many products without new infrastructure. When relevance tuning, facets, typo tolerance or scale demand more, add a search engine such as Elasticsearch, OpenSearch or Meilisearch as a secondary index. Keep it in sync from the source of truth with change data capture or an outbox of change events, accepting eventual consistency, and be able to rebuild the index from scratch. Permissions must be enforced in search results too.',
    keyConcepts: ['full-text index', 'search engine', 'sync', 'eventual consistency', 'relevance', 'rebuild the index'],
  },
  {
    id: 'fs-exp-spk-14', kind: 'spoken', topic: 'security', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you protect a public API from abuse such as scraping, credential stuffing and denial of service?',
    referenceAnswer:
      'Layered defences. At the edge, a CDN or web application firewall absorbs volumetric attacks and blocks known bad traffic. Authenticate clients with API keys or OAuth and apply rate limits and quotas per key, per user and per IP, with stricter limits on expensive and sensitive endpoints like login. Against credential stuffing, add breached-password checks, multi-factor authentication and bot detection or challenges after failures. Validate input sizes, paginate with maximum page sizes and set timeouts so single requests cannot exhaust resources. Monitor for anomalies and alert on them.',
    keyConcepts: ['rate limiting', 'quotas', 'authentication', 'bot detection', 'input validation', 'monitoring'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'fs-exp-mcq-01', kind: 'mcq', topic: 'distributed-data', difficulty: 3, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'According to the CAP theorem, what must a distributed data store give up while a network partition is in progress?',
    options: [
      'Either consistency or availability',
      'Either durability or latency',
      'Partition tolerance',
      'Nothing, if it uses consensus',
    ],
    correctIndex: 0,
    explanation: 'During a partition a node either refuses requests it cannot serve consistently (CP) or answers with possibly stale data (AP). Consensus systems choose consistency and lose availability on the minority side.',
  },
  {
    id: 'fs-exp-mcq-02', kind: 'mcq', topic: 'distributed-data', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What problem does the transactional outbox pattern solve?',
    options: [
      'Slow queries on large tables',
      'Message ordering across partitions',
      'A database change committing while the corresponding event is never published, or the reverse',
      'Storing large binary files outside the database',
    ],
    correctIndex: 2,
    explanation: 'Writing to the database and to a broker are two systems, so a crash between them loses one. The event goes into an outbox table in the same transaction and a relay publishes it afterwards.',
  },
  {
    id: 'fs-exp-mcq-03', kind: 'mcq', topic: 'databases', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Several workers poll a PostgreSQL jobs table. Which query lets each claim a different job without blocking the others?',
    options: [
      'SELECT ... ORDER BY random() LIMIT 1',
      "SELECT ... WHERE status = 'new' LIMIT 1 FOR UPDATE SKIP LOCKED",
      "SELECT ... WHERE status = 'new' LIMIT 1 FOR SHARE",
      'LOCK TABLE jobs IN EXCLUSIVE MODE',
    ],
    correctIndex: 1,
    explanation: 'FOR UPDATE locks the claimed row and SKIP LOCKED makes other workers skip rows already locked instead of waiting, turning the table into a safe work queue.',
  },
  {
    id: 'fs-exp-mcq-04', kind: 'mcq', topic: 'databases', difficulty: 5, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why can a transaction left open for hours degrade a busy PostgreSQL database?',
    options: [
      'It holds an exclusive lock on every table',
      'It disables the write-ahead log',
      'It forces all other transactions to run serially',
      'It holds back the oldest visible snapshot, so VACUUM cannot remove dead row versions and tables and indexes bloat',
    ],
    correctIndex: 3,
    explanation: 'Under MVCC, old row versions must be kept while any snapshot might see them. Long transactions (including idle in transaction sessions) block cleanup across the whole database.',
  },
  {
    id: 'fs-exp-mcq-05', kind: 'mcq', topic: 'databases', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Reads go to asynchronous read replicas. A user saves their profile and the reloaded page shows the old values. What is a standard fix?',
    options: [
      'Make the replicas synchronous for all tables',
      'Route that user’s reads to the primary for a short time after a write, or wait until the replica has caught up to the write’s position',
      'Cache the profile in the browser forever',
      'Add an index on the profile table',
    ],
    correctIndex: 1,
    explanation: 'This is a read-your-writes violation due to replication lag. Session stickiness to the primary or waiting for the replica to reach the commit LSN restores it without losing replica capacity.',
  },
  {
    id: 'fs-exp-mcq-06', kind: 'mcq', topic: 'scalability', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Data is range-sharded by created_at timestamp. What problem should you expect?',
    options: [
      'All new writes land on the same shard, creating a hot spot',
      'Reads by primary key become impossible',
      'Joins within a shard stop working',
      'Shards cannot be backed up',
    ],
    correctIndex: 0,
    explanation: 'A monotonically increasing key sends current traffic to the newest range. Hash the key, or shard by a high-cardinality attribute such as tenant or user.',
  },
  {
    id: 'fs-exp-mcq-07', kind: 'mcq', topic: 'distributed-data', difficulty: 5, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A Redis lock with a 10-second TTL guards writes to a file. Why is that not enough for correctness?',
    options: [
      'Redis cannot store keys with a TTL',
      'Locks must always be held for at least a minute',
      'A client that pauses (for example a long GC pause) past the TTL may still write after another client got the lock; the resource must check a fencing token',
      'Redis locks only work within a single process',
    ],
    correctIndex: 2,
    explanation: 'Timing-based leases cannot stop a delayed client. A monotonically increasing fencing token issued with the lock, rejected by the storage when stale, makes the protection safe.',
  },
  {
    id: 'fs-exp-mcq-08', kind: 'mcq', topic: 'reliability', difficulty: 3, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why add random jitter to exponential backoff for retries?',
    options: [
      'To make retries faster on average',
      'To spread retries from many clients over time, so they do not hit a recovering service in synchronized waves',
      'To make debugging easier',
      'Jitter is required by the HTTP specification',
    ],
    correctIndex: 1,
    explanation: 'Clients that failed together retry together; without jitter each backoff step produces a synchronized burst (a thundering herd) that can knock the service over again.',
  },
  {
    id: 'fs-exp-mcq-09', kind: 'mcq', topic: 'reliability', difficulty: 3, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What does a circuit breaker do in its half-open state?',
    options: [
      'Rejects all calls permanently',
      'Sends every call to a backup service',
      'Lets a limited number of trial calls through; success closes the circuit, failure opens it again',
      'Halves the timeout of each call',
    ],
    correctIndex: 2,
    explanation: 'After the open period, half-open probes whether the dependency recovered without exposing it to full load.',
  },
  {
    id: 'fs-exp-mcq-10', kind: 'mcq', topic: 'distributed-data', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'In a saga, the payment step succeeded but the shipping step fails. What happens?',
    options: [
      'A two-phase commit rolls back the payment automatically',
      'The database restores a snapshot taken before the saga',
      'The saga retries shipping forever',
      'A compensating action, such as refunding the payment, semantically undoes the completed step',
    ],
    correctIndex: 3,
    explanation: 'Each saga step commits locally, so there is nothing to roll back; compensations are new business operations that reverse the effect.',
  },
  {
    id: 'fs-exp-mcq-11', kind: 'mcq', topic: 'api-design', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why can a browser not call a standard gRPC service directly with fetch?',
    options: [
      'Browsers do not support HTTPS',
      'Browser APIs do not expose the HTTP/2 framing and trailers gRPC relies on, so gRPC-Web (or Connect) with a proxy or compatible server is needed',
      'Protocol Buffers cannot be parsed in JavaScript',
      'gRPC only runs over UDP',
    ],
    correctIndex: 1,
    explanation: 'gRPC uses HTTP/2 trailers for status and fine-grained stream control that fetch does not offer; gRPC-Web adapts the protocol to what browsers can do.',
  },
  {
    id: 'fs-exp-mcq-12', kind: 'mcq', topic: 'realtime', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A chat server runs as four instances behind a load balancer. A message sent to instance 1 does not reach users connected to instance 3. What is the usual fix?',
    options: [
      'Publish messages through a shared pub/sub channel (for example Redis or NATS) that every instance subscribes to',
      'Enable HTTP keep-alive',
      'Increase the WebSocket frame size',
      'Run only one instance',
    ],
    correctIndex: 0,
    explanation: 'Each instance knows only its own sockets; a broker fans messages out to all instances. Sticky sessions keep a client on one instance but do not solve cross-instance broadcast.',
  },
  {
    id: 'fs-exp-mcq-13', kind: 'mcq', topic: 'distributed-data', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why should you not order events from different servers by their wall-clock timestamps?',
    options: [
      'Timestamps take too much storage',
      'JavaScript dates are not precise to the millisecond',
      'Clocks on different machines drift and can jump, so timestamps can contradict the real order; use sequence numbers from one source or logical clocks',
      'Time zones make timestamps ambiguous even in UTC',
    ],
    correctIndex: 2,
    explanation: 'NTP keeps clocks close but not equal, and clocks can step backwards. Causality needs logical ordering such as a database sequence, Lamport clocks or a log offset.',
  },
  {
    id: 'fs-exp-mcq-14', kind: 'mcq', topic: 'data-modeling', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'How should a recurring meeting "every Monday at 09:00 in Berlin" be stored?',
    options: [
      'As a UTC timestamp of the first occurrence plus 7 days',
      'As local time 09:00 with a fixed offset of +01:00',
      'As the server’s local time',
      'As local time 09:00 with the IANA time zone "Europe/Berlin", converting each occurrence when needed',
    ],
    correctIndex: 3,
    explanation: 'Berlin switches between +01:00 and +02:00, so a fixed UTC instant or offset drifts by an hour across daylight saving changes. Past instants are fine in UTC; future local events need the zone.',
  },
  {
    id: 'fs-exp-mcq-15', kind: 'mcq', topic: 'data-modeling', difficulty: 3, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'How should monetary amounts be represented in an API and database?',
    options: [
      'As integer minor units (cents) or a fixed-point decimal type, together with a currency code',
      'As JavaScript numbers rounded to two decimals',
      'As floats with a tolerance when comparing',
      'As formatted strings like "$1,234.50"',
    ],
    correctIndex: 0,
    explanation: 'Binary floating point cannot represent most decimal fractions exactly, so sums drift. Minor units or DECIMAL are exact, and the currency determines the number of minor digits.',
  },
  {
    id: 'fs-exp-mcq-16', kind: 'mcq', topic: 'api-design', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A feed sorted by created_at DESC uses keyset pagination. Several rows can share the same created_at. Which condition fetches the next page correctly?',
    options: [
      'WHERE created_at < :last_created_at ORDER BY created_at DESC',
      'WHERE (created_at, id) < (:last_created_at, :last_id) ORDER BY created_at DESC, id DESC',
      'WHERE id > :last_id ORDER BY created_at DESC',
      'OFFSET :page * :size',
    ],
    correctIndex: 1,
    explanation: 'A unique tie-breaker makes the sort order total; comparing the (created_at, id) tuple neither skips nor repeats rows with equal timestamps, and an index on (created_at, id) serves it.',
  },
  {
    id: 'fs-exp-mcq-17', kind: 'mcq', topic: 'databases', difficulty: 3, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Sign-up code checks "SELECT 1 FROM users WHERE email = ?" and inserts if no row exists. Under load, duplicate accounts appear. What is the robust fix?',
    options: [
      'Check twice before inserting',
      'Add a sleep between the check and the insert',
      'A unique constraint on email, handling the violation error as "already registered"',
      'Move the check into the frontend',
    ],
    correctIndex: 2,
    explanation: 'Check-then-insert is a race: two requests can both see no row. Only the database can enforce uniqueness atomically (normalising email case in the constraint as well).',
  },
  {
    id: 'fs-exp-mcq-18', kind: 'mcq', topic: 'caching', difficulty: 3, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'How does a write-through cache differ from cache-aside?',
    options: [
      'Write-through never stores data in the database',
      'Write-through updates the cache synchronously as part of every write; with cache-aside the application fills the cache on read misses and invalidates on writes',
      'Cache-aside is only used for static files',
      'They are two names for the same pattern',
    ],
    correctIndex: 1,
    explanation: 'Write-through keeps the cache warm and consistent for written keys at the cost of write latency and caching data that may never be read; cache-aside caches only what is read.',
  },
  {
    id: 'fs-exp-mcq-19', kind: 'mcq', topic: 'security', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'An endpoint fetches any user-supplied URL to build a link preview. What is the main risk?',
    options: [
      'Cross-site request forgery against the user',
      'Clickjacking',
      'SQL injection through the URL',
      'Server-side request forgery: the server can be made to reach internal services such as the cloud metadata endpoint',
    ],
    correctIndex: 3,
    explanation: 'SSRF turns the server into a proxy into the private network. Resolve and validate the target IP (block private, loopback and link-local ranges, re-check after redirects) or fetch through an isolated egress proxy.',
  },
  {
    id: 'fs-exp-mcq-20', kind: 'mcq', topic: 'reliability', difficulty: 3, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What does a token bucket rate limiter allow that a fixed "N requests per second" counter does not?',
    options: [
      'Short bursts up to the bucket size, while enforcing the average refill rate over time',
      'Unlimited requests for authenticated users',
      'Exact fairness between all clients',
      'Rate limiting without storing any state',
    ],
    correctIndex: 0,
    explanation: 'Tokens accumulate while a client is idle, up to capacity, so a burst can be served immediately; sustained traffic is capped by the refill rate.',
  },
  {
    id: 'fs-exp-mcq-21', kind: 'mcq', topic: 'scalability', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why is consistent hashing used to assign keys to cache nodes?',
    options: [
      'It encrypts the keys',
      'It guarantees every node holds exactly the same number of keys',
      'When a node is added or removed, only about 1/n of the keys move, instead of almost all of them with hash mod n',
      'It makes lookups O(1) instead of O(log n)',
    ],
    correctIndex: 2,
    explanation: 'With modulo hashing, changing n remaps most keys and empties the cache. Consistent hashing (often with virtual nodes for balance) limits remapping to the affected ranges.',
  },
  {
    id: 'fs-exp-mcq-22', kind: 'mcq', topic: 'deployment', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'During a rolling deploy, old and new app versions run at the same time. Which database change is safe to ship together with the new code?',
    options: [
      'Renaming a column the old code still reads',
      'Adding a NOT NULL column without a default that the old code does not write',
      'Dropping a table the old code queries',
      'Adding a new nullable column that only the new code uses',
    ],
    correctIndex: 3,
    explanation: 'Both versions must work against the schema during the rollout. Additive, optional changes are compatible; renames, drops and required columns need expand-and-contract across releases.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'fs-exp-code-01', kind: 'coding', topic: 'reliability', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Token bucket rate limiter',
    statement:
      'Write tokenBucket(capacity, refillPerSecond, requests) simulating one client’s token bucket. The bucket holds at most capacity tokens and is full at time 0. Tokens are added continuously at refillPerSecond per second (never above capacity). requests is an array of { time, cost } with time in milliseconds, non-decreasing and at least 0. For each request, first add the tokens earned since the previous request (or since time 0), then allow it if the bucket holds at least cost tokens, subtracting cost; otherwise reject it without changing the tokens. Return an array of booleans.',
    language: 'typescript',
    functionName: 'tokenBucket',
    signature: 'function tokenBucket(capacity: number, refillPerSecond: number, requests: Array<{ time: number; cost: number }>): boolean[]',
    starterCode:
      'function tokenBucket(capacity: number, refillPerSecond: number, requests: Array<{ time: number; cost: number }>): boolean[] {\n  // your code here\n  return requests.map(() => true);\n}\n',
    referenceSolution: `function tokenBucket(capacity, refillPerSecond, requests) {
  let tokens = capacity;
  let last = 0;
  return requests.map(({ time, cost }) => {
    tokens = Math.min(capacity, tokens + ((time - last) * refillPerSecond) / 1000);
    last = time;
    if (tokens >= cost) {
      tokens -= cost;
      return true;
    }
    return false;
  });
}`,
    exampleTests: [
      {
        args: [3, 1, [{ time: 0, cost: 1 }, { time: 0, cost: 1 }, { time: 0, cost: 1 }, { time: 0, cost: 1 }]],
        expected: [true, true, true, false],
      },
    ],
    hiddenTests: [
      {
        args: [3, 1, [
          { time: 0, cost: 1 }, { time: 0, cost: 1 }, { time: 0, cost: 1 }, { time: 0, cost: 1 },
          { time: 500, cost: 1 }, { time: 1000, cost: 1 }, { time: 5000, cost: 3 }, { time: 5000, cost: 1 },
        ]],
        expected: [true, true, true, false, false, true, true, false],
      },
      { args: [2, 1, [{ time: 0, cost: 3 }, { time: 10000, cost: 3 }]], expected: [false, false] },
      { args: [5, 2, [{ time: 0, cost: 5 }, { time: 1500, cost: 3 }, { time: 2000, cost: 1 }, { time: 2000, cost: 1 }]], expected: [true, true, true, false] },
      { args: [1, 1, []], expected: [] },
      { args: [10, 4, [{ time: 250, cost: 10 }, { time: 750, cost: 2 }, { time: 1000, cost: 2 }]], expected: [true, true, false] },
    ],
  },
  {
    id: 'fs-exp-code-02', kind: 'coding', topic: 'scheduling', difficulty: 4, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Find common free slots',
    statement:
      'Write freeSlots(busy, dayStart, dayEnd, minDuration) for a meeting scheduler. busy holds one array of [start, end] intervals per attendee (minutes, half-open [start, end), possibly unsorted, overlapping, touching or extending beyond the day). Return, in order, the maximal intervals [start, end] within [dayStart, dayEnd) during which no attendee is busy and whose length is at least minDuration. Intervals with end <= start can be ignored.',
    language: 'typescript',
    functionName: 'freeSlots',
    signature: 'function freeSlots(busy: Array<Array<[number, number]>>, dayStart: number, dayEnd: number, minDuration: number): Array<[number, number]>',
    starterCode:
      'function freeSlots(busy: Array<Array<[number, number]>>, dayStart: number, dayEnd: number, minDuration: number): Array<[number, number]> {\n  // your code here\n  return [[dayStart, dayEnd]];\n}\n',
    referenceSolution: `function freeSlots(busy, dayStart, dayEnd, minDuration) {
  const intervals = busy
    .flat()
    .map(([s, e]) => [Math.max(s, dayStart), Math.min(e, dayEnd)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const free = [];
  let cursor = dayStart;
  for (const [s, e] of intervals) {
    if (s > cursor && s - cursor >= minDuration) free.push([cursor, s]);
    cursor = Math.max(cursor, e);
  }
  if (dayEnd > cursor && dayEnd - cursor >= minDuration) free.push([cursor, dayEnd]);
  return free;
}`,
    exampleTests: [
      {
        args: [[[[540, 600], [720, 780]], [[570, 660]]], 480, 1020, 30],
        expected: [[480, 540], [660, 720], [780, 1020]],
      },
    ],
    hiddenTests: [
      { args: [[], 480, 1020, 60], expected: [[480, 1020]] },
      { args: [[[[480, 540]], [[540, 600]]], 480, 600, 1], expected: [] },
      { args: [[[[500, 600]]], 480, 700, 30], expected: [[600, 700]] },
      { args: [[[[0, 500], [1000, 2000]]], 480, 1020, 15], expected: [[500, 1000]] },
      { args: [[[[510, 600]]], 480, 600, 30], expected: [[480, 510]] },
      { args: [[[[700, 800], [600, 900], [650, 660]]], 600, 1000, 50], expected: [[900, 1000]] },
      { args: [[[[600, 600], [650, 640]], []], 600, 700, 10], expected: [[600, 700]] },
      { args: [[[[0, 2000]]], 480, 1020, 1], expected: [] },
    ],
  },
  {
    id: 'fs-exp-code-03', kind: 'coding', topic: 'api-design', difficulty: 5, archetypes: ['fullstack'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Evaluate a query filter',
    statement:
      'An API accepts MongoDB-style filters. Write matchFilter(record, filter) returning whether a JSON record matches. All entries of a filter object must hold (an empty filter matches). "$and" and "$or" take arrays of filters (all / at least one must match); "$not" takes one filter that must not match. Every other key is a field path: dot-separated names into nested objects ("address.city"); a missing step gives undefined. A condition is an operator object if it is a non-empty plain object whose keys all start with "$"; then every operator must hold. Otherwise it is a literal and the field must equal it. Equality: deep equality of JSON values, and if the field is an array and the literal is not, it also matches when any element deep-equals the literal. Operators: $eq (equality as above), $ne (not $eq), $gt, $gte, $lt, $lte (true only when both values are numbers or both are strings, then compared), $in (array; equality with any element), $nin (not $in), $exists (boolean; whether the field is not undefined). Any other operator never matches.',
    language: 'typescript',
    functionName: 'matchFilter',
    signature: 'function matchFilter(record: Record<string, unknown>, filter: Record<string, unknown>): boolean',
    starterCode: 'function matchFilter(record: Record<string, unknown>, filter: Record<string, unknown>): boolean {\n  // your code here\n  return true;\n}\n',
    referenceSolution: `function matchFilter(record, filter) {
  const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const deepEqual = (a, b) => {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
    if (isPlain(a) && isPlain(b)) {
      const ka = Object.keys(a), kb = Object.keys(b);
      return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
    }
    return false;
  };
  const equals = (value, literal) =>
    deepEqual(value, literal) || (Array.isArray(value) && !Array.isArray(literal) && value.some((el) => deepEqual(el, literal)));
  const comparable = (a, b) => (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  const get = (obj, path) => path.split('.').reduce((cur, key) => (isPlain(cur) ? cur[key] : undefined), obj);
  const operator = (value, op, arg) => {
    switch (op) {
      case '$eq': return equals(value, arg);
      case '$ne': return !equals(value, arg);
      case '$gt': return comparable(value, arg) && value > arg;
      case '$gte': return comparable(value, arg) && value >= arg;
      case '$lt': return comparable(value, arg) && value < arg;
      case '$lte': return comparable(value, arg) && value <= arg;
      case '$in': return Array.isArray(arg) && arg.some((x) => equals(value, x));
      case '$nin': return Array.isArray(arg) && !arg.some((x) => equals(value, x));
      case '$exists': return (value !== undefined) === Boolean(arg);
      default: return false;
    }
  };
  const matches = (f) =>
    Object.keys(f).every((key) => {
      const cond = f[key];
      if (key === '$and') return Array.isArray(cond) && cond.every(matches);
      if (key === '$or') return Array.isArray(cond) && cond.some(matches);
      if (key === '$not') return isPlain(cond) && !matches(cond);
      const value = get(record, key);
      const keys = isPlain(cond) ? Object.keys(cond) : [];
      if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) return keys.every((op) => operator(value, op, cond[op]));
      return equals(value, cond);
    });
  return matches(filter);
}`,
    exampleTests: [
      { args: [{ name: 'Ada', age: 36 }, { name: 'Ada', age: { $gte: 18, $lt: 40 } }], expected: true },
      { args: [{ name: 'Ada', tags: ['admin', 'beta'] }, { tags: 'beta' }], expected: true },
    ],
    hiddenTests: [
      { args: [{ a: 1 }, {}], expected: true },
      { args: [{ age: 36 }, { age: { $gt: '30' } }], expected: false },
      { args: [{ tags: ['admin', 'beta'] }, { tags: ['admin', 'beta'] }], expected: true },
      { args: [{ tags: ['admin', 'beta'] }, { tags: { $in: ['x', 'admin'] } }], expected: true },
      { args: [{ tags: ['admin', 'beta'] }, { tags: { $nin: ['admin'] } }], expected: false },
      { args: [{ address: { city: 'London', zip: 'N1' } }, { 'address.city': 'London' }], expected: true },
      { args: [{ address: { city: 'London', zip: 'N1' } }, { address: { city: 'London' } }], expected: false },
      { args: [{ address: { city: 'London' } }, { 'address.country': { $exists: false } }], expected: true },
      { args: [{ score: null }, { score: null, other: { $exists: false } }], expected: true },
      { args: [{ score: null }, { score: { $exists: true } }], expected: true },
      { args: [{ age: 36, address: { city: 'London' } }, { $or: [{ age: { $lt: 18 } }, { 'address.city': 'London' }] }], expected: true },
      { args: [{ name: 'Ada', tags: ['admin'] }, { $and: [{ name: 'Ada' }, { $not: { tags: 'admin' } }] }], expected: false },
      { args: [{ name: 'Ada' }, { name: { $ne: 'Bob' }, missing: { $ne: 1 } }], expected: true },
      { args: [{ age: 36 }, { age: { $foo: 1 } }], expected: false },
      { args: [{ n: 'b' }, { n: { $gte: 'a', $lte: 'c' } }], expected: true },
      { args: [{ items: [{ sku: 'x', qty: 2 }] }, { items: { $eq: { sku: 'x', qty: 2 } } }], expected: true },
    ],
  },
];
