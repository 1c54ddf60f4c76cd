import type { BankItem } from '../bank-item';

/** Backend, standard depth: fundamentals every backend engineer should explain with confidence. */
export const BACKEND_STANDARD: BankItem[] = [
  // ---------------------------------------------------------------- spoken
  {
    id: 'be-std-spk-01',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is a database index, how does it make a query faster, and what does it cost you?',
    referenceAnswer:
      'An index is a separate data structure, usually a B-tree, that keeps the values of one or more columns sorted with pointers back to the rows. Instead of a full table scan the database walks the tree in logarithmic time to find matching rows, and it can also serve ORDER BY or range queries from the sorted order. The cost is extra storage and slower writes, because every insert, update or delete must also maintain each index. Indexes help most on selective columns; on a low-selectivity column the planner may still prefer a scan.',
    keyConcepts: ['B-tree', 'full table scan', 'sorted', 'slower writes', 'storage', 'selective'],
  },
  {
    id: 'be-std-spk-02',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Explain what ACID means for a database transaction, with a short example for each letter.',
    referenceAnswer:
      'Atomicity means all statements of a transaction take effect or none do: a money transfer never debits one account without crediting the other. Consistency means a transaction moves the database from one valid state to another, respecting constraints such as foreign keys or a non-negative balance check. Isolation means concurrent transactions do not see each other\'s intermediate state, to the degree the isolation level promises. Durability means that once a commit is acknowledged it survives a crash, typically because it was written to a write-ahead log and flushed to disk.',
    keyConcepts: ['atomicity', 'consistency', 'isolation', 'durability', 'commit', 'crash'],
  },
  {
    id: 'be-std-spk-03',
    kind: 'spoken',
    topic: 'api-design',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is the difference between POST, PUT and PATCH in an HTTP API, and which of them are idempotent?',
    referenceAnswer:
      'POST asks the server to process the enclosed representation, typically to create a new resource in a collection, and the server picks the identifier. PUT replaces the whole resource at a known URL with the body sent, so sending it twice leaves the same state: it is idempotent. PATCH applies a partial modification; it is not guaranteed to be idempotent, for example an "increment counter" patch changes the state each time, although a JSON merge patch that sets fields is idempotent in practice. POST is neither safe nor idempotent, which is why retries of POST need an idempotency key.',
    keyConcepts: ['idempotent', 'replace', 'partial update', 'create', 'retry'],
  },
  {
    id: 'be-std-spk-04',
    kind: 'spoken',
    topic: 'api-design',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'How would you paginate a list endpoint that returns millions of records? Compare offset pagination with cursor pagination.',
    referenceAnswer:
      'Offset pagination uses LIMIT and OFFSET: it is simple and lets a client jump to page 50, but the database still reads and discards all skipped rows, so deep pages get slow, and inserts or deletes between requests shift the window so items are skipped or duplicated. Cursor, or keyset, pagination returns an opaque cursor encoding the sort key of the last item, and the next query asks for rows after that key using an index, so every page costs the same and the results are stable under concurrent writes. The sort key must be unique, so you add the id as a tie-breaker. Cursor pagination cannot jump to an arbitrary page, which is usually fine for feeds and APIs.',
    keyConcepts: ['offset', 'cursor', 'deep pages', 'index', 'stable', 'tie-breaker'],
  },
  {
    id: 'be-std-spk-05',
    kind: 'spoken',
    topic: 'caching',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Describe the cache-aside pattern. How do you keep the cache from serving stale data?',
    referenceAnswer:
      'With cache-aside the application checks the cache first; on a miss it reads from the database, writes the result into the cache and returns it. On writes the application updates the database and then deletes, or invalidates, the cached key so the next read repopulates it. Deleting is safer than updating the cache because two concurrent writers could otherwise leave an older value in the cache. A TTL bounds how long any stale entry can live, which is the safety net for missed invalidations, and the TTL length is a trade-off between freshness and hit rate.',
    keyConcepts: ['cache miss', 'invalidate', 'TTL', 'stale', 'database'],
  },
  {
    id: 'be-std-spk-06',
    kind: 'spoken',
    topic: 'concurrency',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Two requests try to buy the last item in stock at the same moment. What can go wrong and how do you prevent it?',
    referenceAnswer:
      'This is a race condition, a lost update: both requests read stock equals one, both decide they can sell, and both write stock zero, so the item is sold twice. You prevent it by making the check and the write atomic: a single conditional update such as UPDATE items SET stock = stock - 1 WHERE id = ? AND stock > 0 and checking the affected row count, or a row lock with SELECT ... FOR UPDATE inside a transaction, or optimistic concurrency with a version column where the update fails if the version changed. A uniqueness or check constraint in the database is a good last line of defence.',
    keyConcepts: ['race condition', 'lost update', 'atomic', 'row lock', 'optimistic', 'version'],
  },
  {
    id: 'be-std-spk-07',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is the N+1 query problem, how do you spot it, and how do you fix it?',
    referenceAnswer:
      'N+1 happens when code loads a list with one query and then runs one more query per item to fetch related data, often hidden by an ORM\'s lazy loading, so a page of 100 orders issues 101 queries. You spot it in query logs, APM traces, or a test that counts queries per request. The fix is to fetch the related data in bulk: a join, eager loading in the ORM, or a second query with WHERE id IN (...) and stitching in memory; in GraphQL a DataLoader batches the per-item lookups.',
    keyConcepts: ['lazy loading', 'one query per item', 'join', 'eager loading', 'batch'],
  },
  {
    id: 'be-std-spk-08',
    kind: 'spoken',
    topic: 'api-design',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Which HTTP status codes would you return for: bad input, missing credentials, insufficient permissions, a resource that does not exist, a conflicting update, and a server bug?',
    referenceAnswer:
      'Bad or invalid input is 400 Bad Request, or 422 if you distinguish well-formed but semantically invalid bodies. Missing or invalid credentials is 401 Unauthorized, which really means unauthenticated and should come with a WWW-Authenticate header. Authenticated but not allowed is 403 Forbidden. A missing resource is 404 Not Found, which some APIs also use instead of 403 to avoid revealing that a resource exists. A conflicting update, such as a version mismatch or duplicate, is 409 Conflict, or 412 Precondition Failed with If-Match. An unhandled bug is 500 Internal Server Error. 4xx means the client should change the request, 5xx means the server failed.',
    keyConcepts: ['bad request', 'unauthorized', 'forbidden', 'not found', 'conflict', 'internal server error'],
  },
  {
    id: 'be-std-spk-09',
    kind: 'spoken',
    topic: 'messaging',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Why would you put a message queue between two services instead of having one call the other over HTTP?',
    referenceAnswer:
      'A queue decouples the producer from the consumer in time: the producer can accept work even when the consumer is slow or down, and the queue buffers bursts so the consumer processes at its own pace. It enables retries and a dead-letter queue for messages that keep failing, and lets you scale consumers horizontally. The cost is eventual consistency, the caller does not get the result synchronously, and most queues give at-least-once delivery, so consumers must be idempotent to handle duplicates. You also need to monitor queue depth and consumer lag.',
    keyConcepts: ['decouple', 'buffer', 'retries', 'at-least-once', 'idempotent', 'asynchronous'],
  },
  {
    id: 'be-std-spk-10',
    kind: 'spoken',
    topic: 'performance',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'An endpoint that used to respond in 100 milliseconds now takes 3 seconds. Walk me through how you would investigate.',
    referenceAnswer:
      'First confirm and scope it with metrics: is it every request or a percentile, one endpoint or all, since when, and did a deploy or traffic change coincide. Then look at a distributed trace or request timing breakdown to see where the time goes: database, downstream calls, or the application itself. For database time, take the slow query and run EXPLAIN to check whether an index is missing or the plan changed, and check lock waits and connection pool saturation. For application time use a profiler. Fix the cause, then verify the latency graph returns to baseline and add an alert.',
    keyConcepts: ['metrics', 'percentile', 'trace', 'EXPLAIN', 'profiler', 'deploy'],
  },
  {
    id: 'be-std-spk-11',
    kind: 'spoken',
    topic: 'databases',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is database normalization, and when would you deliberately denormalize?',
    referenceAnswer:
      'Normalization organises tables so each fact is stored once, removing redundancy: for example customer addresses live in a customers table referenced by a foreign key, not copied into every order. That avoids update anomalies where two copies disagree. Denormalization deliberately duplicates data to make reads cheaper, for example storing an order total or the customer name on the order to avoid joins on a hot path, or building a read model for reporting. The price is that writes must keep copies in sync, so you denormalize when reads dominate and you have measured the join cost.',
    keyConcepts: ['redundancy', 'foreign key', 'update anomalies', 'joins', 'read performance'],
  },
  {
    id: 'be-std-spk-12',
    kind: 'spoken',
    topic: 'distributed-systems',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What does it mean for an API operation to be idempotent, and how would you make a "charge the customer" endpoint safe to retry?',
    referenceAnswer:
      'An operation is idempotent if performing it several times has the same effect as performing it once. Networks time out, so clients retry and a charge endpoint could bill twice. The client sends a unique idempotency key with the request; the server stores the key with the request fingerprint and the result, ideally in the same transaction as the charge. A retry with the same key returns the stored result instead of charging again, and a reuse of the key with a different body is rejected. A unique constraint on the key handles two concurrent retries, and keys expire after some retention period.',
    keyConcepts: ['idempotency key', 'retry', 'same effect', 'stored result', 'unique constraint', 'timeout'],
  },
  {
    id: 'be-std-spk-13',
    kind: 'spoken',
    topic: 'performance',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is a database connection pool, why do backends use one, and how do you size it?',
    referenceAnswer:
      'Opening a database connection costs a TCP handshake, often TLS, authentication and server-side memory, so a pool keeps a set of open connections and lends them to requests. That cuts latency and caps the number of connections the database must handle. Sizing: the database can only run so many queries in parallel, roughly tied to its CPU cores and disks, so a small pool often gives better throughput than a huge one. The total across all application instances must stay under the database max connections limit. Too small a pool shows up as requests waiting to acquire a connection, so monitor wait time and utilisation.',
    keyConcepts: ['reuse connections', 'handshake', 'max connections', 'pool size', 'waiting'],
  },
  // ---------------------------------------------------------------- multiple choice
  {
    id: 'be-std-mcq-01',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Which SQL isolation level prevents dirty reads but still allows non-repeatable reads?',
    options: ['Read uncommitted', 'Read committed', 'Repeatable read', 'Serializable'],
    correctIndex: 1,
    explanation:
      'Read committed only shows data committed before each statement starts, so dirty reads are impossible, but a row read twice in one transaction can change between the reads.',
  },
  {
    id: 'be-std-mcq-02',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'According to the HTTP semantics (RFC 9110), which method is neither safe nor idempotent?',
    options: ['GET', 'PUT', 'DELETE', 'POST'],
    correctIndex: 3,
    explanation:
      'GET is safe and idempotent; PUT and DELETE are idempotent; POST makes no idempotency promise, so a retried POST can create a second resource.',
  },
  {
    id: 'be-std-mcq-03',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'A POST request successfully creates a new resource. Which response is most appropriate?',
    options: [
      '201 Created, with a Location header for the new resource',
      '200 OK with an empty body and no headers about the resource',
      '202 Accepted, since the resource now exists on the server',
      '204 No Content with a Location header',
    ],
    correctIndex: 0,
    explanation:
      '201 Created signals that a new resource exists, and the Location header tells the client its URL. 202 is for work accepted but not yet done.',
  },
  {
    id: 'be-std-mcq-04',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'A table has a composite B-tree index on (last_name, first_name). Which query can use the index most efficiently?',
    options: [
      "WHERE first_name = 'Ann'",
      "WHERE last_name = 'Lee'",
      "WHERE first_name LIKE '%nn'",
      "WHERE last_name LIKE '%ee'",
    ],
    correctIndex: 1,
    explanation:
      'A composite index is sorted by its leftmost column first, so an equality filter on last_name (a leftmost prefix) can seek into it. Filters on first_name alone or leading-wildcard patterns cannot use the sort order.',
  },
  {
    id: 'be-std-mcq-05',
    kind: 'mcq',
    topic: 'caching',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is a cache stampede (thundering herd)?',
    options: [
      'The cache evicting entries faster than new entries can be written to it',
      'Two cache nodes holding different values for the same key after a network split',
      'Many requests missing on the same expired hot key at once and all hitting the database',
      'A client ignoring Cache-Control headers and always revalidating',
    ],
    correctIndex: 2,
    explanation:
      'When a popular key expires, every concurrent request misses and recomputes it, overloading the backing store. Request coalescing, locks or early probabilistic refresh prevent it.',
  },
  {
    id: 'be-std-mcq-06',
    kind: 'mcq',
    topic: 'caching',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What does the response header "Cache-Control: no-cache" mean?',
    options: [
      'The response must never be stored by any cache',
      'Caches may store it but must revalidate with the origin before each reuse',
      'Only shared caches such as CDNs may store it',
      'The response may be reused without revalidation for the default heuristic lifetime',
    ],
    correctIndex: 1,
    explanation:
      'no-cache permits storage but requires revalidation (for example with an ETag) before every reuse. Forbidding storage entirely is no-store.',
  },
  {
    id: 'be-std-mcq-07',
    kind: 'mcq',
    topic: 'concurrency',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Which situation describes a deadlock?',
    options: [
      'A query that runs slowly because it scans the whole table',
      'A transaction rolled back because it violated a unique constraint on insert',
      'A thread repeatedly retrying an operation that keeps failing with a timeout',
      'A holds a lock B needs while B holds a lock A needs, so neither proceeds',
    ],
    correctIndex: 3,
    explanation:
      'A deadlock is a cycle of waits. Databases detect it and abort one transaction; acquiring locks in a consistent order avoids it.',
  },
  {
    id: 'be-std-mcq-08',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is the primary defence against SQL injection?',
    options: [
      'Parameterized queries (prepared statements) that send user input separately from the SQL text',
      'Escaping single quotes in all user input with a regular expression before building the query',
      'Running the database on a private network',
      'Limiting the length of every input field',
    ],
    correctIndex: 0,
    explanation:
      'Bound parameters are never parsed as SQL, so input cannot change the query structure. Hand-written escaping is error-prone; network isolation and length limits do not stop injection.',
  },
  {
    id: 'be-std-mcq-09',
    kind: 'mcq',
    topic: 'messaging',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'A queue guarantees at-least-once delivery. What must the consumer be designed for?',
    options: [
      'Messages that are silently dropped and never delivered at all',
      'Messages that arrive encrypted',
      'The same message being delivered more than once',
      'Messages that always arrive in a single global order',
    ],
    correctIndex: 2,
    explanation:
      'At-least-once means a message is redelivered when an acknowledgement is lost or a consumer crashes, so processing must be idempotent or deduplicated.',
  },
  {
    id: 'be-std-mcq-10',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is the time complexity of finding one key through a B-tree index on a table with n rows?',
    options: ['O(1)', 'O(n)', 'O(n log n)', 'O(log n)'],
    correctIndex: 3,
    explanation:
      'A B-tree is balanced, so a lookup descends a number of levels proportional to log n; with a high fan-out that is only 3 or 4 page reads for millions of rows.',
  },
  {
    id: 'be-std-mcq-11',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Which REST endpoint design is the most conventional way to list the orders of user 42?',
    options: ['POST /getOrders?user=42', 'GET /users/42/orders', 'GET /orders/list/user42', 'PUT /users/42/orders'],
    correctIndex: 1,
    explanation:
      'Resources are nouns in the path, the HTTP method carries the action, and GET is the safe method for reads. Verbs in paths and POST for reads are anti-patterns.',
  },
  {
    id: 'be-std-mcq-12',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'According to the CAP theorem, during a network partition a distributed data store must choose between:',
    options: [
      'Consistency and availability',
      'Latency and throughput',
      'Durability and partition tolerance',
      'Atomicity and isolation',
    ],
    correctIndex: 0,
    explanation:
      'When nodes cannot communicate, a store either refuses some requests to stay linearizable (consistency) or answers them with possibly stale data (availability).',
  },
  {
    id: 'be-std-mcq-13',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What does a foreign key constraint enforce?',
    options: [
      'That a column contains no duplicate values across the whole table',
      'That the column is automatically indexed in every database engine',
      'That referencing values exist in the referenced table',
      'That a column can never be NULL',
    ],
    correctIndex: 2,
    explanation:
      'A foreign key enforces referential integrity: rows cannot point at parents that do not exist. Uniqueness and NOT NULL are separate constraints, and not every database indexes foreign keys automatically.',
  },
  {
    id: 'be-std-mcq-14',
    kind: 'mcq',
    topic: 'concurrency',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'How does optimistic concurrency control usually detect a conflicting update?',
    options: [
      'It takes a row lock at the first read and holds it until the transaction commits',
      'It serializes all writes to the table through a single writer thread',
      'It retries every write three times',
      'It checks at write time that a version or ETag is unchanged since the read',
    ],
    correctIndex: 3,
    explanation:
      'The write is conditional, e.g. UPDATE ... WHERE id = ? AND version = ?; if another writer bumped the version, zero rows change and the client must re-read and retry.',
  },
  {
    id: 'be-std-mcq-15',
    kind: 'mcq',
    topic: 'caching',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'A full cache with an LRU eviction policy needs room for a new entry. Which entry does it evict?',
    options: [
      'The entry that was inserted first',
      'The entry that was accessed least recently',
      'The entry that was accessed the fewest times',
      'A random entry',
    ],
    correctIndex: 1,
    explanation:
      'Least Recently Used evicts the entry whose last access is oldest. Evicting by insertion order is FIFO; by access count is LFU.',
  },
  {
    id: 'be-std-mcq-16',
    kind: 'mcq',
    topic: 'api-design',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'A request carries a valid token, but the user lacks permission for the resource. Which status code fits best?',
    options: ['401 Unauthorized', '400 Bad Request', '403 Forbidden', '407 Proxy Authentication Required'],
    correctIndex: 2,
    explanation:
      '401 means the request is not authenticated (missing or invalid credentials). An authenticated caller without permission gets 403.',
  },
  {
    id: 'be-std-mcq-17',
    kind: 'mcq',
    topic: 'performance',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Request latency climbs under load while database CPU stays low and queries themselves are fast. What is the most likely cause?',
    options: [
      'Requests are waiting to acquire a connection from an undersized connection pool',
      'The database is missing an index on the filtered columns',
      'The network is dropping packets between the application and the database',
      'The JSON serializer is too slow',
    ],
    correctIndex: 0,
    explanation:
      'Fast queries and an idle database with rising latency point to queueing before the database, typically pool acquisition waits. A missing index would show slow queries and database load.',
  },
  {
    id: 'be-std-mcq-18',
    kind: 'mcq',
    topic: 'databases',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What does running EXPLAIN in front of a SQL query show?',
    options: [
      'The rows the query would return, read without taking any locks on them',
      'A syntax check of the query only',
      'The permissions needed to run the query',
      'The execution plan the optimizer chose, e.g. index or sequential scans',
    ],
    correctIndex: 3,
    explanation:
      'EXPLAIN shows the plan and cost estimates; EXPLAIN ANALYZE (PostgreSQL) also executes the query and reports actual times and row counts.',
  },
  {
    id: 'be-std-mcq-19',
    kind: 'mcq',
    topic: 'messaging',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'What is a dead-letter queue for?',
    options: [
      'Storing messages whose producer shut down before the broker acknowledged them',
      'Holding messages that keep failing so they can be inspected and replayed',
      'Delaying messages until a scheduled delivery time set by the producer',
      'Replicating messages to another region',
    ],
    correctIndex: 1,
    explanation:
      'After a maximum number of delivery attempts a poison message is moved to the DLQ, so the main queue keeps flowing and engineers can inspect and replay it.',
  },
  {
    id: 'be-std-mcq-20',
    kind: 'mcq',
    topic: 'distributed-systems',
    difficulty: 1,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'Why does a load balancer run health checks against backend instances?',
    options: [
      'To measure the average response size',
      'To encrypt traffic between the balancer and the instances',
      'To stop routing traffic to instances that are failing',
      'To restart crashed instances automatically',
    ],
    correctIndex: 2,
    explanation:
      'Failing health checks remove an instance from rotation until it recovers. Restarting instances is the job of an orchestrator or supervisor, not the balancer.',
  },
  {
    id: 'be-std-mcq-21',
    kind: 'mcq',
    topic: 'concurrency',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    prompt: 'A Node.js HTTP handler runs a CPU-heavy synchronous loop for 2 seconds. What happens to other requests on that process?',
    options: [
      'They are served in parallel on other threads of the libuv pool automatically',
      'They are rejected with 503 by Node.js',
      'They run normally because the loop yields to the event loop after each iteration',
      'They wait, because the single event-loop thread is blocked until the loop finishes',
    ],
    correctIndex: 3,
    explanation:
      'JavaScript runs on one event-loop thread; synchronous work blocks every other callback. Move CPU work to worker threads or another service, or split it up.',
  },
  // ---------------------------------------------------------------- coding
  {
    id: 'be-std-code-1',
    kind: 'coding',
    topic: 'api-design',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    title: 'Match a URL path against a route pattern',
    statement:
      'Write matchRoute(pattern, path). Both strings start with "/". A pattern segment starting with ":" is a parameter that matches exactly one non-empty path segment; every other segment must match literally (case-sensitive). A single trailing slash on the pattern or the path is ignored. Return an object mapping parameter names to the percent-decoded segment values ({} for a route without parameters), or null if the path does not match. If a parameter value is not valid percent-encoding, return null.',
    language: 'typescript',
    functionName: 'matchRoute',
    signature: 'function matchRoute(pattern: string, path: string): Record<string, string> | null',
    starterCode:
      'function matchRoute(pattern: string, path: string): Record<string, string> | null {\n  // TODO: split into segments and compare\n  return null;\n}\n',
    referenceSolution: `function matchRoute(pattern, path) {
  const segments = (s) => (s.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s).split('/').slice(1);
  const p = segments(pattern);
  const s = segments(path);
  if (p.length !== s.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      if (s[i] === '') return null;
      try {
        params[p[i].slice(1)] = decodeURIComponent(s[i]);
      } catch {
        return null;
      }
    } else if (p[i] !== s[i]) {
      return null;
    }
  }
  return params;
}`,
    exampleTests: [
      { args: ['/users/:id', '/users/42'], expected: { id: '42' } },
      { args: ['/users/:id/posts/:postId', '/users/7/posts/abc'], expected: { id: '7', postId: 'abc' } },
      { args: ['/health', '/health'], expected: {} },
    ],
    hiddenTests: [
      { args: ['/users/:id', '/users'], expected: null, description: 'missing parameter segment' },
      { args: ['/users/:id', '/users/42/'], expected: { id: '42' }, description: 'trailing slash ignored' },
      { args: ['/users/:id/', '/users/42'], expected: { id: '42' }, description: 'trailing slash on pattern' },
      { args: ['/users/:id', '/users//'], expected: null, description: 'empty parameter segment' },
      { args: ['/users/:id', '/Users/42'], expected: null, description: 'literal match is case-sensitive' },
      { args: ['/files/:name', '/files/report%202024.pdf'], expected: { name: 'report 2024.pdf' } },
      { args: ['/files/:name', '/files/%E0%A4%A'], expected: null, description: 'malformed percent-encoding' },
      { args: ['/', '/'], expected: {} },
      { args: ['/', '/a'], expected: null },
      { args: ['/a/:x', '/a/1/b'], expected: null, description: 'extra segment' },
      { args: ['/orgs/:org/repos/:repo', '/orgs/acme/teams/web'], expected: null },
    ],
    timeLimitSec: 900,
  },
  {
    id: 'be-std-code-2',
    kind: 'coding',
    topic: 'caching',
    difficulty: 3,
    archetypes: ['backend'],
    depths: ['standard'],
    title: 'LRU cache',
    statement:
      'Write lruCache(capacity, ops) that simulates a least-recently-used cache holding at most capacity entries (capacity >= 1). Each op is either ["put", key, value] or ["get", key]. A get of a present key returns its value and makes it the most recently used; a get of a missing key returns null. A put inserts or updates the key and makes it the most recently used; if the cache then holds more than capacity entries, the least recently used entry is evicted. Return the array of results of the get operations, in order. Aim for O(1) per operation.',
    language: 'typescript',
    functionName: 'lruCache',
    signature:
      'function lruCache(capacity: number, ops: Array<["put", string, unknown] | ["get", string]>): unknown[]',
    starterCode:
      'type Op = ["put", string, unknown] | ["get", string];\n\nfunction lruCache(capacity: number, ops: Op[]): unknown[] {\n  const results: unknown[] = [];\n  // TODO\n  return results;\n}\n',
    referenceSolution: `function lruCache(capacity, ops) {
  const entries = new Map();
  const results = [];
  for (const op of ops) {
    const key = op[1];
    if (op[0] === 'get') {
      if (!entries.has(key)) {
        results.push(null);
        continue;
      }
      const value = entries.get(key);
      entries.delete(key);
      entries.set(key, value);
      results.push(value);
    } else {
      entries.delete(key);
      entries.set(key, op[2]);
      if (entries.size > capacity) entries.delete(entries.keys().next().value);
    }
  }
  return results;
}`,
    exampleTests: [
      {
        args: [2, [['put', '1', 1], ['put', '2', 2], ['get', '1'], ['put', '3', 3], ['get', '2'], ['put', '4', 4], ['get', '1'], ['get', '3'], ['get', '4']]],
        expected: [1, null, null, 3, 4],
      },
    ],
    hiddenTests: [
      { args: [1, [['put', 'a', 1], ['put', 'b', 2], ['get', 'a'], ['get', 'b']]], expected: [null, 2], description: 'capacity one' },
      {
        args: [2, [['put', 'a', 1], ['put', 'b', 2], ['put', 'a', 10], ['put', 'c', 3], ['get', 'a'], ['get', 'b'], ['get', 'c']]],
        expected: [10, null, 3],
        description: 'updating a key refreshes its recency',
      },
      {
        args: [2, [['put', 'x', 1], ['put', 'y', 2], ['get', 'x'], ['put', 'z', 3], ['get', 'y'], ['get', 'x'], ['get', 'z']]],
        expected: [1, null, 1, 3],
        description: 'get refreshes recency',
      },
      { args: [3, []], expected: [], description: 'no operations' },
      { args: [2, [['get', 'missing']]], expected: [null], description: 'get on empty cache' },
      {
        args: [2, [['put', 'k', { n: 1 }], ['put', 'k', 'text'], ['get', 'k']]],
        expected: ['text'],
        description: 'values of any JSON type',
      },
    ],
    timeLimitSec: 900,
  },
  {
    id: 'be-std-code-3',
    kind: 'coding',
    topic: 'api-design',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    title: 'Parse a URL query string',
    statement:
      'Write parseQueryString(qs) that parses an application/x-www-form-urlencoded query string into an object. A leading "?" is optional. Pairs are separated by "&"; empty pairs are skipped. A pair is split at its first "=": a pair without "=" has the value "". In keys and values "+" means a space and percent-escapes are decoded; if decoding fails, keep the text as it is (with "+" still turned into spaces). A key seen once maps to its string value; a key seen several times maps to an array of its values in order. Keys such as "constructor" are ordinary keys.',
    language: 'typescript',
    functionName: 'parseQueryString',
    signature: 'function parseQueryString(qs: string): Record<string, string | string[]>',
    starterCode:
      'function parseQueryString(qs: string): Record<string, string | string[]> {\n  const result: Record<string, string | string[]> = {};\n  // TODO\n  return result;\n}\n',
    referenceSolution: `function parseQueryString(qs) {
  const result = {};
  const body = qs.startsWith('?') ? qs.slice(1) : qs;
  const decode = (text) => {
    const spaced = text.replace(/\\+/g, ' ');
    try {
      return decodeURIComponent(spaced);
    } catch {
      return spaced;
    }
  };
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    if (Object.prototype.hasOwnProperty.call(result, key)) {
      const current = result[key];
      result[key] = Array.isArray(current) ? [...current, value] : [current, value];
    } else {
      result[key] = value;
    }
  }
  return result;
}`,
    exampleTests: [
      { args: ['?page=2&sort=name'], expected: { page: '2', sort: 'name' } },
      { args: ['tag=a&tag=b&tag=c'], expected: { tag: ['a', 'b', 'c'] } },
    ],
    hiddenTests: [
      { args: [''], expected: {}, description: 'empty string' },
      { args: ['?'], expected: {}, description: 'only a question mark' },
      { args: ['q=hello+world&city=S%C3%A3o%20Paulo'], expected: { q: 'hello world', city: 'São Paulo' } },
      { args: ['flag&x=1'], expected: { flag: '', x: '1' }, description: 'key without value' },
      { args: ['a=1&&b=2&'], expected: { a: '1', b: '2' }, description: 'empty pairs skipped' },
      { args: ['eq=a%3Db&raw=50%'], expected: { eq: 'a=b', raw: '50%' }, description: 'malformed escape kept' },
      { args: ['constructor=1&toString=2'], expected: { constructor: '1', toString: '2' }, description: 'prototype names are plain keys' },
      { args: ['x=1&x=&x=3'], expected: { x: ['1', '', '3'] }, description: 'repeated key with empty value' },
      { args: ['k=v=w'], expected: { k: 'v=w' }, description: 'split at first equals sign' },
      { args: ['a%20b=c'], expected: { 'a b': 'c' }, description: 'encoded key' },
    ],
    timeLimitSec: 900,
  },
];
