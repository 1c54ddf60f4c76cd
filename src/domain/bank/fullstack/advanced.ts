import type { BankItem } from '../bank-item';

/** Full-stack, advanced depth: trade-offs in API styles, data consistency, auth, caching and delivery. */
export const FULLSTACK_ADVANCED: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'fs-adv-spk-01', kind: 'spoken', topic: 'api-design', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Compare REST, GraphQL and RPC-style APIs such as gRPC or tRPC. When would you choose each?',
    referenceAnswer:
      'REST models resources over plain HTTP, so it benefits from HTTP caching, is easy to consume by anyone and fits public APIs, but clients may over-fetch or need several round trips. GraphQL exposes a typed schema and lets the client ask for exactly the fields it needs in one request, which suits varied frontends, at the price of harder HTTP caching, N+1 resolver problems that need batching, and query cost limits. RPC styles call typed procedures: gRPC with protobuf is efficient for service-to-service calls, and tRPC gives end-to-end type safety when one TypeScript team owns both sides. Versioning and evolution differ too: REST versions endpoints, GraphQL deprecates fields.',
    keyConcepts: ['over-fetching', 'schema', 'HTTP caching', 'N+1', 'type safety', 'versioning'],
  },
  {
    id: 'fs-adv-spk-02', kind: 'spoken', topic: 'databases', difficulty: 4, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Explain transaction isolation levels and give an anomaly each level prevents.',
    referenceAnswer:
      'Read uncommitted allows dirty reads of other transactions\' uncommitted changes; read committed, the PostgreSQL default, prevents dirty reads but a row read twice can change in between, a non-repeatable read. Repeatable read gives the transaction a stable snapshot, preventing non-repeatable reads, and in PostgreSQL also phantoms, but write skew is still possible. Serializable guarantees the result equals some serial order, preventing write skew, at the cost of aborts that the application must retry. Lost updates from read-modify-write cycles need either atomic updates, SELECT FOR UPDATE or a higher level.',
    keyConcepts: ['dirty read', 'read committed', 'non-repeatable read', 'repeatable read', 'serializable', 'lost update'],
  },
  {
    id: 'fs-adv-spk-03', kind: 'spoken', topic: 'auth', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Compare server-side sessions and JWTs for authenticating users of a web app.',
    referenceAnswer:
      'A server-side session is stateful: the cookie carries an opaque id and the server looks up the session, so logging out or revoking access is immediate, at the cost of a shared session store. A JWT is stateless: the signed token carries the claims, so any service can verify it without a lookup, which helps across services, but it cannot be revoked before it expires without extra state such as a denylist. So JWT access tokens should be short-lived with a refresh token that can be revoked and rotated. In the browser, store either in an HttpOnly cookie rather than localStorage, and protect cookie-based auth against CSRF.',
    keyConcepts: ['stateful', 'stateless', 'revocation', 'expiry', 'refresh token', 'HttpOnly cookie'],
  },
  {
    id: 'fs-adv-spk-04', kind: 'spoken', topic: 'caching', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How would you add caching to a read-heavy API, and how do you handle invalidation?',
    referenceAnswer:
      'The usual pattern is cache-aside with Redis: on a read, try the cache, on a miss load from the database and store the result with a TTL. On writes, delete the affected keys after the database commit, or publish change events that do it, and keep the TTL as a safety net for missed invalidations, accepting some stale data for that period. Key design matters, including the user or tenant for personalised data. To avoid a cache stampede when a hot key expires, let one request recompute while others wait or serve the stale value, and add jitter to TTLs. Also consider HTTP caching at a CDN for public responses.',
    keyConcepts: ['cache-aside', 'TTL', 'invalidation', 'stale data', 'cache stampede', 'Redis'],
  },
  {
    id: 'fs-adv-spk-05', kind: 'spoken', topic: 'architecture', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you handle long-running work, such as sending emails or generating reports, in a web application?',
    referenceAnswer:
      'Do not do it inside the request. The handler validates the request, stores a job record and puts a message on a queue, such as a database-backed queue, Redis with BullMQ, or SQS, and returns 202 Accepted with a job id. Background workers pick up jobs, retry failures with backoff and send poison messages to a dead-letter queue. Because delivery is at least once, job handlers must be idempotent. The client polls a status endpoint or receives a push notification when the job finishes, and the UI shows progress.',
    keyConcepts: ['background job', 'queue', 'worker', 'retry', 'idempotent', 'status'],
  },
  {
    id: 'fs-adv-spk-06', kind: 'spoken', topic: 'realtime', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Compare polling, long polling, server-sent events and WebSockets for pushing updates to the browser.',
    referenceAnswer:
      'Polling asks the server on an interval: simple and cache friendly but wasteful and delayed. Long polling holds the request open until there is news, lowering latency at the cost of many open requests. Server-sent events are a one-way stream from server to client over plain HTTP with automatic reconnection and last event id, good for notifications and feeds. WebSockets are bidirectional and low-latency, suited to chat, games and collaboration, but need their own scaling, heartbeats and reconnect logic, and some proxies interfere. Choose the simplest that meets the latency and direction needs.',
    keyConcepts: ['polling', 'long polling', 'server-sent events', 'WebSocket', 'bidirectional', 'reconnect'],
  },
  {
    id: 'fs-adv-spk-07', kind: 'spoken', topic: 'databases', difficulty: 4, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you change a database schema, such as renaming a column, without downtime?',
    referenceAnswer:
      'Use expand and contract, so that every step is backward compatible with the code that is still running. First add the new column, without removing the old one. Deploy code that writes to both columns. Backfill existing rows in batches. Deploy code that reads from the new column. Stop writing the old column, and finally drop it in a later release. Each step can be rolled back on its own. Also watch for migrations that lock large tables, for example build indexes concurrently.',
    keyConcepts: ['expand and contract', 'backward compatible', 'write to both', 'backfill', 'rollback'],
  },
  {
    id: 'fs-adv-spk-08', kind: 'spoken', topic: 'api-design', difficulty: 4, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'A client may retry a "create payment" request after a timeout. How do you make the endpoint safe to retry?',
    referenceAnswer:
      'Require an idempotency key, a unique value the client generates once per logical payment and sends in a header with every retry. The server stores the key together with the request fingerprint and the result, protected by a unique constraint, in the same transaction as the payment. A retry with the same key returns the stored result instead of charging again; a concurrent duplicate waits or gets a conflict; a reuse of the key with a different body is rejected. Keys expire after a retention period.',
    keyConcepts: ['idempotency key', 'retry', 'store the result', 'unique constraint', 'duplicate'],
  },
  {
    id: 'fs-adv-spk-09', kind: 'spoken', topic: 'performance', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you find and fix slow SQL queries in a production application?',
    referenceAnswer:
      'Find them with data: the slow query log or pg_stat_statements ranks queries by total time, and application tracing shows which endpoints issue them and how often, which reveals N+1 patterns. For a suspect query, run EXPLAIN ANALYZE to see the plan: sequential scans on large tables, bad row estimates, sorts spilling to disk. Fixes include the right index, often composite and matching the filter and sort order, rewriting the query, selecting fewer columns, batching, and keeping statistics up to date. Check the connection pool too, since waiting for a connection looks like a slow query.',
    keyConcepts: ['slow query log', 'EXPLAIN ANALYZE', 'index', 'N+1', 'connection pool'],
  },
  {
    id: 'fs-adv-spk-10', kind: 'spoken', topic: 'deployment', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Describe a CI/CD pipeline for a full-stack application, including how you deploy safely.',
    referenceAnswer:
      'Every push runs linting, type checks, unit and integration tests in CI. On merge to main the pipeline builds the artifact once, a container image tagged with the commit, and promotes that same image through staging to production, running database migrations that are backward compatible before the new code. Production releases use blue-green or canary deployment: a small share of traffic goes to the new version while error rates and latency are watched, with automatic rollback if they degrade. Feature flags decouple deploy from release.',
    keyConcepts: ['automated tests', 'build once', 'staging', 'canary', 'blue-green', 'rollback'],
  },
  {
    id: 'fs-adv-spk-11', kind: 'spoken', topic: 'frontend-integration', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you keep the frontend and backend in agreement about API contracts as both evolve?',
    referenceAnswer:
      'Have a single source of truth for the contract. In a TypeScript monorepo that can be shared types or schemas, for example zod schemas used for runtime validation on the server and type inference on the client. Across teams or languages, an OpenAPI or GraphQL schema with generated clients and types. Types vanish at runtime, so the server still validates input and ideally the client validates responses at the boundary. Contract tests in CI catch breaking changes, and changes are additive, with deprecation before removal.',
    keyConcepts: ['shared types', 'OpenAPI', 'code generation', 'runtime validation', 'contract tests'],
  },
  {
    id: 'fs-adv-spk-12', kind: 'spoken', topic: 'security', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How would you implement role-based access control across the API and the user interface?',
    referenceAnswer:
      'Define permissions for actions, such as invoice read or invoice approve, and group them into roles assigned to users, possibly per organisation. The server is the authority: every endpoint checks permissions in middleware or a central policy function, including object-level checks that the record belongs to the user\'s tenant. The UI receives the user\'s permissions and hides or disables what they cannot do, purely for usability. Follow least privilege, test the authorization rules, and keep an audit log of sensitive actions.',
    keyConcepts: ['roles', 'permissions', 'server-side checks', 'object-level', 'hide in the UI', 'least privilege'],
  },
  {
    id: 'fs-adv-spk-13', kind: 'spoken', topic: 'observability', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What would you log and measure in a production web application, and how do you follow one request across services?',
    referenceAnswer:
      'Structured JSON logs with a level, a message and context such as user and request ids, without secrets or personal data. Metrics for the golden signals: request rate, error rate, latency percentiles and saturation, for each endpoint and dependency. Distributed tracing, for example with OpenTelemetry, propagates a trace or correlation id in headers from the browser through every service, so one request\'s spans and logs can be joined. Alerts fire on user-facing symptoms like error rate and latency, with dashboards for diagnosis.',
    keyConcepts: ['structured logs', 'metrics', 'latency', 'tracing', 'correlation id', 'alerts'],
  },
  {
    id: 'fs-adv-spk-14', kind: 'spoken', topic: 'data-modeling', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'When would you denormalise data in a relational database, and what does it cost you?',
    referenceAnswer:
      'Normalisation removes duplication so each fact lives in one place. Denormalising, for example storing a comment count on posts or copying the customer name onto orders, avoids expensive joins or aggregates on hot read paths. The cost is duplication that must be kept consistent: extra writes, triggers or background jobs, and the risk of the copies drifting apart. Sometimes duplication is correct, such as the price at the time of purchase. I measure first and prefer indexes or materialised views before denormalising.',
    keyConcepts: ['normalization', 'joins', 'read performance', 'duplication', 'consistency'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'fs-adv-mcq-01', kind: 'mcq', topic: 'databases', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which anomaly can still occur under the READ COMMITTED isolation level?',
    options: ['Dirty reads', 'Non-repeatable reads', 'Reading data from rolled-back transactions', 'Partial commits'],
    correctIndex: 1,
    explanation: 'Each statement sees data committed before it began, so two reads of the same row in one transaction may differ. Dirty reads are prevented at this level.',
  },
  {
    id: 'fs-adv-mcq-02', kind: 'mcq', topic: 'databases', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'How does optimistic locking with a version column detect conflicting edits?',
    options: [
      'It locks the row with SELECT ... FOR UPDATE before every read',
      'UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?; zero affected rows means someone else changed it',
      'It compares updated_at timestamps in the client',
      'It retries every update three times',
    ],
    correctIndex: 1,
    explanation: 'The update succeeds only if the version is still the one read. On zero rows the application reports a conflict or reloads; no locks are held in between.',
  },
  {
    id: 'fs-adv-mcq-03', kind: 'mcq', topic: 'databases', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A B-tree index exists on (last_name, first_name). Which query can use it efficiently?',
    options: [
      "WHERE first_name = 'Ada'",
      "WHERE first_name LIKE '%da'",
      "WHERE last_name = 'Lovelace'",
      "WHERE lower(first_name) = 'ada'",
    ],
    correctIndex: 2,
    explanation: 'A composite index is sorted by its leftmost column first, so filters on a leftmost prefix can use it. first_name alone, leading wildcards and functions on the column cannot (without a matching expression index).',
  },
  {
    id: 'fs-adv-mcq-04', kind: 'mcq', topic: 'caching', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A popular cache key expires and hundreds of concurrent requests all miss and hit the database at once. Which mitigation addresses this?',
    options: [
      'Let one request recompute the value (a lock or request coalescing) while others wait or serve the stale value',
      'Lower the TTL so the key expires more often',
      'Disable the cache for popular keys',
      'Increase the database connection pool',
    ],
    correctIndex: 0,
    explanation: 'This is a cache stampede. Single-flight recomputation, serving stale while revalidating, or early probabilistic refresh keep the load on the database to one query.',
  },
  {
    id: 'fs-adv-mcq-05', kind: 'mcq', topic: 'auth', difficulty: 4, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'In the OAuth 2 authorization code flow, what does PKCE protect against?',
    options: [
      'Phishing of the user’s password on the login page',
      'Expired access tokens',
      'Cross-site scripting in the client',
      'An attacker who intercepts the authorization code redeeming it, since they lack the code verifier',
    ],
    correctIndex: 3,
    explanation: 'The client sends a hash of a random verifier with the authorization request and the verifier itself when exchanging the code, so a stolen code is useless. It is required for public clients such as SPAs and mobile apps.',
  },
  {
    id: 'fs-adv-mcq-06', kind: 'mcq', topic: 'auth', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What is the main drawback of long-lived, stateless JWT access tokens?',
    options: [
      'They cannot carry user roles',
      'They cannot be revoked before expiry without adding server-side state such as a denylist',
      'They can only be used over HTTP/2',
      'They must be re-signed on every request',
    ],
    correctIndex: 1,
    explanation: 'Verification needs no lookup, which is the point, but also means a stolen token works until it expires. Keep access tokens short-lived and revoke refresh tokens instead.',
  },
  {
    id: 'fs-adv-mcq-07', kind: 'mcq', topic: 'api-design', difficulty: 2, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'POST /users is called with an email address that is already registered. Which status code fits best?',
    options: ['404 Not Found', '401 Unauthorized', '409 Conflict', '500 Internal Server Error'],
    correctIndex: 2,
    explanation: '409 signals that the request conflicts with the current state of the resource, here a unique email. Validation failures of the input itself are 400 or 422.',
  },
  {
    id: 'fs-adv-mcq-08', kind: 'mcq', topic: 'api-design', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A client sends PUT /documents/7 with If-Match: "v3", but the document’s current ETag is "v4". What should the server respond?',
    options: ['412 Precondition Failed', '304 Not Modified', '200 OK, overwriting v4', '409 Conflict with the new body merged'],
    correctIndex: 0,
    explanation: 'If-Match makes the update conditional; a mismatch means someone else changed the document, so the server refuses with 412 and the client can reload and retry.',
  },
  {
    id: 'fs-adv-mcq-09', kind: 'mcq', topic: 'realtime', difficulty: 2, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which describes server-sent events (EventSource)?',
    options: [
      'A bidirectional binary protocol that replaces HTTP',
      'Browser-to-server push over UDP',
      'A one-way text stream from server to client over HTTP, with automatic reconnection and Last-Event-ID',
      'A way for service workers to receive push notifications when the page is closed',
    ],
    correctIndex: 2,
    explanation: 'SSE is simple HTTP streaming in one direction; the browser reconnects and sends the last event id. For client-to-server messages use ordinary requests or WebSockets.',
  },
  {
    id: 'fs-adv-mcq-10', kind: 'mcq', topic: 'architecture', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A message queue guarantees at-least-once delivery. What must consumers therefore be?',
    options: ['Stateless', 'Idempotent, so processing the same message twice has no extra effect', 'Single-threaded', 'Written in the same language as producers'],
    correctIndex: 1,
    explanation: 'A message can be redelivered after a crash or timeout before acknowledgement. Deduplicate by message id or make the effect naturally idempotent.',
  },
  {
    id: 'fs-adv-mcq-11', kind: 'mcq', topic: 'performance', difficulty: 2, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Why do applications use a database connection pool?',
    options: [
      'To cache query results',
      'To encrypt traffic to the database',
      'To run queries in parallel inside one connection',
      'Opening connections is expensive and the database allows a limited number, so connections are reused',
    ],
    correctIndex: 3,
    explanation: 'Each connection costs a TCP/TLS handshake, authentication and, in PostgreSQL, a backend process. A bounded pool reuses them and protects the database from overload.',
  },
  {
    id: 'fs-adv-mcq-12', kind: 'mcq', topic: 'security', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A single-page app sends its access token in an Authorization header set by JavaScript, never in a cookie. Which attack is it therefore largely not exposed to?',
    options: ['Cross-site scripting', 'Cross-site request forgery', 'SQL injection', 'Credential stuffing'],
    correctIndex: 1,
    explanation: 'Browsers attach cookies automatically but never a custom Authorization header, so a forged cross-site request carries no credentials. XSS, however, can read the token.',
  },
  {
    id: 'fs-adv-mcq-13', kind: 'mcq', topic: 'auth', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which design is right for password reset tokens?',
    options: [
      'The user id encoded in base64, valid forever',
      'A random token that is single-use, expires quickly and is stored hashed',
      'The user’s current password hash, sent by email',
      'A sequential number stored in plain text',
    ],
    correctIndex: 1,
    explanation: 'Reset tokens are bearer credentials: make them unguessable, short-lived, single-use, and store only a hash so a database leak does not expose live tokens.',
  },
  {
    id: 'fs-adv-mcq-14', kind: 'mcq', topic: 'deployment', difficulty: 2, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What characterises a blue-green deployment?',
    options: [
      'Two identical production environments; traffic switches from the old to the new one at once, and back for rollback',
      'Releasing to 1% of users and growing gradually',
      'Deploying frontend and backend on alternate days',
      'Running tests in production',
    ],
    correctIndex: 0,
    explanation: 'Blue-green switches the router between two complete environments, giving instant rollback. Gradual percentage rollout is a canary release.',
  },
  {
    id: 'fs-adv-mcq-15', kind: 'mcq', topic: 'deployment', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'In Kubernetes, what does a failing readiness probe cause?',
    options: [
      'The container is restarted',
      'The node is drained',
      'The pod is removed from Service endpoints, so it stops receiving traffic until it is ready again',
      'The deployment is rolled back',
    ],
    correctIndex: 2,
    explanation: 'Readiness gates traffic; liveness probe failures restart the container. Using liveness for dependency checks can cause restart storms.',
  },
  {
    id: 'fs-adv-mcq-16', kind: 'mcq', topic: 'databases', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does EXPLAIN ANALYZE do in PostgreSQL?',
    options: [
      'Shows the estimated plan without running the query',
      'Rebuilds the table statistics',
      'Rewrites the query into a faster form',
      'Executes the query and shows the plan with actual row counts and timings',
    ],
    correctIndex: 3,
    explanation: 'ANALYZE runs the statement for real (wrap data-modifying statements in a transaction you roll back), letting you compare estimated and actual rows per plan node.',
  },
  {
    id: 'fs-adv-mcq-17', kind: 'mcq', topic: 'api-design', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A GraphQL query for 50 posts with their authors triggers 51 database queries. What is the standard fix?',
    options: [
      'Batch and cache the author lookups per request, for example with DataLoader',
      'Switch the endpoint to REST',
      'Limit queries to 10 posts',
      'Disable the author field',
    ],
    correctIndex: 0,
    explanation: 'Field resolvers run per object, causing N+1 queries. DataLoader collects the keys requested in one tick and loads them in a single query.',
  },
  {
    id: 'fs-adv-mcq-18', kind: 'mcq', topic: 'node-runtime', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Where should CPU-heavy image resizing run in a Node.js API?',
    options: [
      'Inside the request handler, wrapped in async/await',
      'In setTimeout(..., 0) so it runs later',
      'In worker threads or a separate job worker, so the event loop keeps serving requests',
      'In process.nextTick callbacks',
    ],
    correctIndex: 2,
    explanation: 'async/await and timers do not move CPU work off the main thread. worker_threads, a worker pool or a queue-backed service do.',
  },
  {
    id: 'fs-adv-mcq-19', kind: 'mcq', topic: 'caching', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'After adding a CDN, users sometimes see another user’s dashboard. The server-rendered dashboard responses carry Cache-Control: max-age=60. What is the fix?',
    options: [
      'Increase the max-age',
      'Mark personalised responses Cache-Control: private (or no-store) so shared caches do not store them',
      'Add an ETag',
      'Use HTTP/2',
    ],
    correctIndex: 1,
    explanation: 'max-age without private allows shared caches such as CDNs to store and serve the response to anyone. Personal data must be private or no-store.',
  },
  {
    id: 'fs-adv-mcq-20', kind: 'mcq', topic: 'data-modeling', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What is a common pitfall of soft deletes with a deleted_at column?',
    options: [
      'Rows are physically removed after 30 days',
      'Soft-deleted rows cannot be restored',
      'Every query must filter out deleted rows, and unique constraints still count them unless made partial',
      'They require a NoSQL database',
    ],
    correctIndex: 2,
    explanation: 'Forgetting WHERE deleted_at IS NULL leaks deleted data, and a deleted user’s email blocks re-registration unless the unique index is partial.',
  },
  {
    id: 'fs-adv-mcq-21', kind: 'mcq', topic: 'testing', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What problem do consumer-driven contract tests (for example with Pact) address?',
    options: [
      'Slow database queries',
      'A provider changing its API in a way that breaks a consumer, caught before deployment',
      'Visual regressions in the UI',
      'Memory leaks in long-running services',
    ],
    correctIndex: 1,
    explanation: 'Consumers record the interactions they rely on; the provider’s CI verifies it still satisfies them, without full end-to-end environments.',
  },
  {
    id: 'fs-adv-mcq-22', kind: 'mcq', topic: 'caching', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does the response header Vary: Accept-Encoding tell caches?',
    options: [
      'Store separate variants of the response for different Accept-Encoding request values',
      'Compress the response with a random encoding',
      'The response must not be cached',
      'The client may choose any encoding it likes',
    ],
    correctIndex: 0,
    explanation: 'Vary lists request headers that change the response, so a cache does not serve a Brotli body to a client that only accepts gzip.',
  },
  {
    id: 'fs-adv-mcq-23', kind: 'mcq', topic: 'databases', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Two requests each read a balance of 100, subtract 30 in application code and write the result. The final balance is 70 instead of 40. What prevents this lost update?',
    options: [
      'Running the two requests on different servers',
      'Adding an index on the balance column',
      'Caching the balance in Redis',
      'An atomic UPDATE accounts SET balance = balance - 30, or locking the row with SELECT ... FOR UPDATE',
    ],
    correctIndex: 3,
    explanation: 'Read-modify-write in the application races. Let the database do the arithmetic atomically, lock the row for the transaction, or use optimistic versioning.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'fs-adv-code-01', kind: 'coding', topic: 'rate-limiting', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Sliding-window rate limiter',
    statement:
      'Write rateLimit(limit, windowMs, requests) for an API gateway. requests is an array of { client, time } (time in milliseconds, non-decreasing). A request is allowed if the number of earlier allowed requests from the same client with time greater than time - windowMs is less than limit; rejected requests do not count. Return an array of booleans, one per request, in order.',
    language: 'typescript',
    functionName: 'rateLimit',
    signature: 'function rateLimit(limit: number, windowMs: number, requests: Array<{ client: string; time: number }>): boolean[]',
    starterCode:
      'function rateLimit(limit: number, windowMs: number, requests: Array<{ client: string; time: number }>): boolean[] {\n  // your code here\n  return requests.map(() => true);\n}\n',
    referenceSolution: `function rateLimit(limit, windowMs, requests) {
  const allowedTimes = new Map();
  return requests.map(({ client, time }) => {
    const times = allowedTimes.get(client) || [];
    while (times.length > 0 && times[0] <= time - windowMs) times.shift();
    if (times.length < limit) {
      times.push(time);
      allowedTimes.set(client, times);
      return true;
    }
    allowedTimes.set(client, times);
    return false;
  });
}`,
    exampleTests: [
      {
        args: [2, 1000, [{ client: 'a', time: 0 }, { client: 'a', time: 100 }, { client: 'a', time: 200 }, { client: 'a', time: 1000 }]],
        expected: [true, true, false, true],
      },
    ],
    hiddenTests: [
      { args: [1, 1000, []], expected: [] },
      {
        args: [2, 1000, [
          { client: 'a', time: 0 }, { client: 'a', time: 100 }, { client: 'a', time: 200 },
          { client: 'a', time: 1000 }, { client: 'a', time: 1050 }, { client: 'b', time: 1050 },
        ]],
        expected: [true, true, false, true, false, true],
      },
      {
        args: [1, 500, [{ client: 'x', time: 0 }, { client: 'x', time: 499 }, { client: 'x', time: 500 }, { client: 'x', time: 999 }, { client: 'x', time: 1000 }]],
        expected: [true, false, true, false, true],
      },
      {
        args: [3, 60000, [{ client: 'k', time: 1 }, { client: 'k', time: 2 }, { client: 'k', time: 3 }, { client: 'k', time: 4 }, { client: 'j', time: 5 }, { client: 'k', time: 60002 }]],
        expected: [true, true, true, false, true, true],
      },
    ],
  },
  {
    id: 'fs-adv-code-02', kind: 'coding', topic: 'data-modeling', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Diff two records for an audit log',
    statement:
      'Write diffRecords(before, after) returning the changes between two JSON objects as a list of operations, for an audit log. Visit the union of keys of both objects in sorted order (default string sort) and, for each key with path = parentPath + "/" + escapedKey: if it exists only in after, emit { op: "add", path, value }; if only in before, emit { op: "remove", path }; if both values are plain objects (not null, not arrays), recurse into them; otherwise, if the values are not deeply equal, emit { op: "replace", path, value } with the new value. Arrays are compared as whole values. Escape keys as in JSON Pointer: "~" becomes "~0" and "/" becomes "~1". The root path is "".',
    language: 'typescript',
    functionName: 'diffRecords',
    signature:
      'function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): Array<{ op: "add" | "remove" | "replace"; path: string; value?: unknown }>',
    starterCode:
      'function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>): Array<{ op: "add" | "remove" | "replace"; path: string; value?: unknown }> {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function diffRecords(before, after) {
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const equal = (a, b) => {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
    if (isObject(a) && isObject(b)) {
      const ka = Object.keys(a), kb = Object.keys(b);
      return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
    }
    return false;
  };
  const escape = (k) => k.replace(/~/g, '~0').replace(/\\//g, '~1');
  const ops = [];
  const walk = (a, b, base) => {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const path = base + '/' + escape(key);
      const inA = Object.prototype.hasOwnProperty.call(a, key);
      const inB = Object.prototype.hasOwnProperty.call(b, key);
      if (!inA) ops.push({ op: 'add', path, value: b[key] });
      else if (!inB) ops.push({ op: 'remove', path });
      else if (isObject(a[key]) && isObject(b[key])) walk(a[key], b[key], path);
      else if (!equal(a[key], b[key])) ops.push({ op: 'replace', path, value: b[key] });
    }
  };
  walk(before, after, '');
  return ops;
}`,
    exampleTests: [
      {
        args: [{ a: 1, b: 2 }, { a: 1, b: 3, c: 4 }],
        expected: [{ op: 'replace', path: '/b', value: 3 }, { op: 'add', path: '/c', value: 4 }],
      },
    ],
    hiddenTests: [
      { args: [{ x: { y: [1, { z: 2 }] } }, { x: { y: [1, { z: 2 }] } }], expected: [] },
      {
        args: [{ user: { name: 'Ada', tags: ['x'] } }, { user: { name: 'Ada', tags: ['x', 'y'] } }],
        expected: [{ op: 'replace', path: '/user/tags', value: ['x', 'y'] }],
      },
      { args: [{ a: 1, b: { c: 1 } }, { b: {} }], expected: [{ op: 'remove', path: '/a' }, { op: 'remove', path: '/b/c' }] },
      { args: [{ a: { b: 1 } }, { a: 5 }], expected: [{ op: 'replace', path: '/a', value: 5 }] },
      { args: [{ a: null }, { a: {} }], expected: [{ op: 'replace', path: '/a', value: {} }] },
      { args: [{ z: 1, a: 1 }, {}], expected: [{ op: 'remove', path: '/a' }, { op: 'remove', path: '/z' }] },
      { args: [{ 'a/b': 1, 'm~n': 1 }, { 'a/b': 2, 'm~n': 1 }], expected: [{ op: 'replace', path: '/a~1b', value: 2 }] },
      { args: [{ n: 0 }, { n: false }], expected: [{ op: 'replace', path: '/n', value: false }] },
    ],
  },
  {
    id: 'fs-adv-code-03', kind: 'coding', topic: 'databases', difficulty: 3, archetypes: ['fullstack'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Order database migrations',
    statement:
      'Write migrationOrder(migrations) that returns the names of the migrations in the order to apply them. Each migration is { name, dependsOn } where dependsOn lists names that must run first. Whenever several migrations are ready, run the alphabetically smallest name first (default string comparison), so the order is deterministic. Return null if a dependency names a migration that is not in the list, or if dependencies form a cycle.',
    language: 'typescript',
    functionName: 'migrationOrder',
    signature: 'function migrationOrder(migrations: Array<{ name: string; dependsOn: string[] }>): string[] | null',
    starterCode:
      'function migrationOrder(migrations: Array<{ name: string; dependsOn: string[] }>): string[] | null {\n  // your code here\n  return migrations.map((m) => m.name);\n}\n',
    referenceSolution: `function migrationOrder(migrations) {
  const names = new Set(migrations.map((m) => m.name));
  const remaining = new Map();
  const dependents = new Map();
  for (const m of migrations) {
    for (const dep of m.dependsOn) {
      if (!names.has(dep)) return null;
      if (!dependents.has(dep)) dependents.set(dep, []);
      dependents.get(dep).push(m.name);
    }
    remaining.set(m.name, new Set(m.dependsOn).size);
  }
  const ready = [...remaining].filter(([, n]) => n === 0).map(([name]) => name);
  const order = [];
  while (ready.length > 0) {
    ready.sort();
    const next = ready.shift();
    order.push(next);
    for (const d of new Set(dependents.get(next) || [])) {
      remaining.set(d, remaining.get(d) - 1);
      if (remaining.get(d) === 0) ready.push(d);
    }
  }
  return order.length === migrations.length ? order : null;
}`,
    exampleTests: [
      {
        args: [[{ name: '002_orders', dependsOn: ['001_users'] }, { name: '001_users', dependsOn: [] }]],
        expected: ['001_users', '002_orders'],
      },
    ],
    hiddenTests: [
      { args: [[]], expected: [] },
      {
        args: [[
          { name: 'd', dependsOn: ['b', 'c'] },
          { name: 'c', dependsOn: ['a'] },
          { name: 'b', dependsOn: ['a'] },
          { name: 'a', dependsOn: [] },
        ]],
        expected: ['a', 'b', 'c', 'd'],
      },
      {
        args: [[{ name: 'z', dependsOn: [] }, { name: 'y', dependsOn: [] }, { name: 'x', dependsOn: ['z'] }]],
        expected: ['y', 'z', 'x'],
      },
      { args: [[{ name: 'a', dependsOn: ['b'] }, { name: 'b', dependsOn: ['a'] }]], expected: null },
      { args: [[{ name: 'a', dependsOn: ['ghost'] }]], expected: null },
      { args: [[{ name: 'a', dependsOn: [] }, { name: 'b', dependsOn: ['a', 'a'] }]], expected: ['a', 'b'] },
      {
        args: [[{ name: 'm1', dependsOn: [] }, { name: 'm2', dependsOn: ['m3'] }, { name: 'm3', dependsOn: ['m4'] }, { name: 'm4', dependsOn: ['m2'] }]],
        expected: null,
      },
    ],
  },
];
