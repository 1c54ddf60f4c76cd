import type { BankItem } from '../bank-item';

/** Full-stack, standard depth: HTTP, APIs, databases, auth and the path from browser to database. */
export const FULLSTACK_STANDARD: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'fs-std-spk-01', kind: 'spoken', topic: 'api-design', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What makes a REST API well designed? Describe how you would name endpoints and use HTTP methods and status codes.',
    referenceAnswer:
      'Endpoints name resources with plural nouns, such as /orders and /orders/42/items, not verbs. HTTP methods carry the action: GET reads, POST creates, PUT replaces, PATCH partially updates and DELETE removes; GET, PUT and DELETE should be idempotent so clients can retry them. Responses use meaningful status codes, 201 for created, 400 for invalid input, 404 for missing resources, with a consistent JSON error body. Large collections are paginated and filterable through query parameters, and the API is versioned and documented, for example with OpenAPI.',
    keyConcepts: ['resources', 'nouns', 'HTTP methods', 'status codes', 'idempotent', 'pagination'],
  },
  {
    id: 'fs-std-spk-02', kind: 'spoken', topic: 'databases', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Explain the difference between relational (SQL) and document (NoSQL) databases, and how you would choose one for a new project.',
    referenceAnswer:
      'A relational database such as PostgreSQL stores data in tables with a fixed schema and relations between them through foreign keys, supports joins and ACID transactions, and is a strong default for business data. A document store such as MongoDB keeps JSON-like documents with a flexible schema, which fits data read and written as a whole and can scale horizontally more easily, but joins and multi-document transactions are weaker. I choose from the access patterns and consistency needs: relational unless the data is naturally document-shaped or the scale demands otherwise.',
    keyConcepts: ['schema', 'tables', 'joins', 'transactions', 'documents', 'access patterns'],
  },
  {
    id: 'fs-std-spk-03', kind: 'spoken', topic: 'auth', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What is the difference between authentication and authorization, and how does a typical session-based login work?',
    referenceAnswer:
      'Authentication establishes who the user is; authorization decides what that user may do. In a session login the user submits credentials, the server checks the password against a stored salted hash, creates a session record and sends back a random session id in a cookie marked HttpOnly, Secure and SameSite. On each request the browser sends the cookie, the server looks up the session to identify the user and then checks permissions for the requested action. Logging out deletes the session on the server.',
    keyConcepts: ['authentication', 'authorization', 'password hash', 'session', 'cookie', 'permissions'],
  },
  {
    id: 'fs-std-spk-04', kind: 'spoken', topic: 'databases', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What is a database index, how does it speed up queries, and what does it cost?',
    referenceAnswer:
      'An index is a separate data structure, usually a B-tree, that keeps the values of one or more columns sorted with pointers to the rows. A query filtering or sorting on those columns can look up matching rows in logarithmic time instead of doing a full table scan. The cost is extra storage and slower writes, since every insert, update and delete must maintain each index, so you index columns used in frequent WHERE, JOIN and ORDER BY clauses, not everything.',
    keyConcepts: ['B-tree', 'sorted', 'full table scan', 'slower writes', 'storage'],
  },
  {
    id: 'fs-std-spk-05', kind: 'spoken', topic: 'http', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What is the difference between GET and POST, and what does it mean for a request to be idempotent?',
    referenceAnswer:
      'GET retrieves a resource; it should be safe, meaning it does not change server state, so it can be cached, bookmarked and prefetched, and its parameters go in the URL. POST submits data in the request body to create something or trigger processing and is neither safe nor idempotent. Idempotent means making the same request several times has the same effect as making it once; GET, PUT and DELETE are idempotent, which is what makes automatic retries after a timeout safe.',
    keyConcepts: ['safe', 'request body', 'cacheable', 'idempotent', 'retry'],
  },
  {
    id: 'fs-std-spk-06', kind: 'spoken', topic: 'architecture', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Walk through what happens in a typical web app when a user clicks "Save" on a form, from the browser to the database and back.',
    referenceAnswer:
      'The click handler validates the form on the client and sends a fetch request, usually a POST or PUT with a JSON body, to an API endpoint. On the server the router dispatches to a handler, middleware authenticates the user, the handler validates the input again because the client cannot be trusted, checks permissions, and writes to the database, often in a transaction. It returns a status code and a JSON response; the frontend then updates the UI, shows a success message or the validation errors, and may refresh cached data.',
    keyConcepts: ['fetch', 'API endpoint', 'validation', 'database', 'JSON response', 'update the UI'],
  },
  {
    id: 'fs-std-spk-07', kind: 'spoken', topic: 'security', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What is SQL injection, and how do you prevent it?',
    referenceAnswer:
      'SQL injection happens when user input is concatenated into a SQL string, so input like a quote followed by OR 1=1 changes the query itself, letting an attacker read or modify data. Prevention is to never build SQL from strings: use parameterized queries or prepared statements, where the database receives the values separately from the query text, or an ORM or query builder that does this for you. Validating input and giving the database user least privilege limit the damage further.',
    keyConcepts: ['user input', 'concatenated', 'parameterized queries', 'prepared statements', 'least privilege'],
  },
  {
    id: 'fs-std-spk-08', kind: 'spoken', topic: 'deployment', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How should an application handle configuration and secrets such as database passwords and API keys?',
    referenceAnswer:
      'Configuration that differs per environment, such as database URLs, feature flags and API keys, comes from environment variables or a configuration service, not from code, so the same build runs in development, staging and production. Secrets never go into source control; locally a git-ignored .env file is fine, in production they come from a secret manager or the platform, with access limited and rotation possible. The app should validate its configuration at start-up and fail fast with a clear message, and never log secrets or send them to the frontend bundle.',
    keyConcepts: ['environment variables', 'per environment', 'secrets', 'not in source control', 'secret manager'],
  },
  {
    id: 'fs-std-spk-09', kind: 'spoken', topic: 'frontend-integration', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How does CORS work, and when do you need to configure it?',
    referenceAnswer:
      'Browsers enforce the same-origin policy: a script may send a request to a different origin, meaning a different scheme, host or port, but may only read the response if the server allows it with the Access-Control-Allow-Origin header. For non-simple requests, such as those with JSON content type or custom headers, the browser first sends an OPTIONS preflight and the server must answer with allowed methods and headers. Sending cookies additionally needs credentials include on the client and Allow-Credentials with an explicit origin on the server. You configure it when the frontend and API are served from different origins; a same-origin setup with a proxy avoids it.',
    keyConcepts: ['same-origin policy', 'different origin', 'Access-Control-Allow-Origin', 'preflight', 'credentials'],
  },
  {
    id: 'fs-std-spk-10', kind: 'spoken', topic: 'testing', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How would you test an API endpoint that creates a user?',
    referenceAnswer:
      'I would write integration tests that send real HTTP requests to the app against a test database that is reset between tests, for example by wrapping each test in a transaction. The happy path checks the 201 status code, the response body and that the row exists with a hashed password. Then the failures: validation errors for missing or malformed fields with a 400, a duplicate email returning a conflict, and an unauthenticated or unauthorized caller being rejected. Unit tests cover the validation logic on its own.',
    keyConcepts: ['integration test', 'test database', 'status code', 'validation errors', 'duplicate email'],
  },
  {
    id: 'fs-std-spk-11', kind: 'spoken', topic: 'data-modeling', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How would you model users, posts and comments in a relational database?',
    referenceAnswer:
      'Three tables, each with a primary key. posts has an author_id foreign key to users, so one user has many posts; comments has a post_id foreign key to posts and an author_id to users, both one-to-many relationships. Foreign key constraints keep references valid, and I would add created_at timestamps and indexes on the foreign key columns because we query comments by post. Fetching a post with its comments and authors is then a join.',
    keyConcepts: ['primary key', 'foreign key', 'one-to-many', 'index', 'join'],
  },
  {
    id: 'fs-std-spk-12', kind: 'spoken', topic: 'http', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'When would you return the HTTP status codes 400, 401, 403, 404 and 500?',
    referenceAnswer:
      'The 4xx codes are client errors. 400 Bad Request when the input is malformed or fails validation. 401 Unauthorized when the request is not authenticated, for example a missing or expired token. 403 Forbidden when the user is authenticated but not allowed to do this. 404 Not Found when the resource does not exist, also sometimes used to hide a resource the user may not know about. 500 Internal Server Error is a server error, an unexpected failure on our side that the client cannot fix, and should be logged and alerted on.',
    keyConcepts: ['client error', 'bad request', 'unauthorized', 'forbidden', 'not found', 'server error'],
  },
  {
    id: 'fs-std-spk-13', kind: 'spoken', topic: 'tooling', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Describe how a feature gets from your local branch to production in a team you would like to work in.',
    referenceAnswer:
      'I create a feature branch from main, commit in small steps and open a pull request early. Continuous integration runs linting, type checks and tests on every push. A teammate does a code review, and once it is approved and green, the branch is merged, ideally squashed or rebased to keep history clean. Merging to main triggers a deployment to staging and then production, possibly behind a feature flag, and we watch monitoring after release with a quick way to roll back.',
    keyConcepts: ['feature branch', 'pull request', 'continuous integration', 'code review', 'merge', 'deploy'],
  },
  {
    id: 'fs-std-spk-14', kind: 'spoken', topic: 'performance', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'A page that lists orders is slow. How would you find out whether the problem is in the frontend, the API or the database?',
    referenceAnswer:
      'Start in the browser network tab: if the API request itself takes most of the time, the problem is server side; if the response is quick but the page still takes long, it is rendering or too much JavaScript, which the performance panel shows. On the server, request logs or tracing split the time between application code and queries. For the database, the slow query log and EXPLAIN show missing indexes or full scans, and counting queries per request reveals an N+1 problem, one query per order. Fix the biggest measured cost first.',
    keyConcepts: ['network tab', 'response time', 'server logs', 'EXPLAIN', 'N+1', 'profiling'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'fs-std-mcq-01', kind: 'mcq', topic: 'http', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which HTTP method is idempotent but not safe?',
    options: ['GET', 'POST', 'PUT', 'HEAD'],
    correctIndex: 2,
    explanation: 'PUT changes state (not safe) but repeating it leaves the same result (idempotent). GET and HEAD are safe and idempotent; POST is neither.',
  },
  {
    id: 'fs-std-mcq-02', kind: 'mcq', topic: 'http', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'A DELETE request succeeds and the response has no body. Which status code fits best?',
    options: ['204 No Content', '200 OK with an empty JSON object', '201 Created', '202 Accepted'],
    correctIndex: 0,
    explanation: '204 signals success with no response body. 202 means the work was accepted but not finished; 201 is for creating resources.',
  },
  {
    id: 'fs-std-mcq-03', kind: 'mcq', topic: 'http', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'A signed-in user requests another customer’s invoice, which they are not allowed to see. Which status code is most appropriate?',
    options: ['400 Bad Request', '401 Unauthorized', '403 Forbidden', '500 Internal Server Error'],
    correctIndex: 2,
    explanation: '401 means not authenticated; the user is authenticated but lacks permission, which is 403. Some APIs return 404 to avoid revealing that the resource exists.',
  },
  {
    id: 'fs-std-mcq-04', kind: 'mcq', topic: 'databases', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which SQL clause filters groups after aggregation, for example customers with more than five orders?',
    options: ['WHERE', 'GROUP BY', 'ORDER BY', 'HAVING'],
    correctIndex: 3,
    explanation: 'WHERE filters rows before grouping; HAVING filters the groups produced by GROUP BY, so it can use aggregates like COUNT(*) > 5.',
  },
  {
    id: 'fs-std-mcq-05', kind: 'mcq', topic: 'databases', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does SELECT ... FROM customers c LEFT JOIN orders o ON o.customer_id = c.id return?',
    options: [
      'Only customers who have at least one order',
      'Every customer, with order columns filled when there is a matching order and NULL otherwise',
      'Every order, including orders without a customer',
      'The Cartesian product of customers and orders',
    ],
    correctIndex: 1,
    explanation: 'A LEFT JOIN keeps all rows of the left table; unmatched rows get NULLs for the right side. An INNER JOIN would drop customers without orders.',
  },
  {
    id: 'fs-std-mcq-06', kind: 'mcq', topic: 'databases', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which ACID property guarantees that a committed transaction survives a crash?',
    options: ['Atomicity', 'Consistency', 'Isolation', 'Durability'],
    correctIndex: 3,
    explanation: 'Durability: once committed, changes are persisted (for example via the write-ahead log). Atomicity is all-or-nothing; isolation controls concurrent visibility.',
  },
  {
    id: 'fs-std-mcq-07', kind: 'mcq', topic: 'data-modeling', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'How do you model a many-to-many relationship between students and courses in a relational database?',
    options: [
      'A comma-separated list of course ids in the students table',
      'A join table such as enrollments with a foreign key to each side',
      'A foreign key to courses in students and a foreign key to students in courses',
      'A single table holding all student and course columns',
    ],
    correctIndex: 1,
    explanation: 'A join (association) table with student_id and course_id, usually with a composite primary key, represents each pairing and can hold extra data such as the grade.',
  },
  {
    id: 'fs-std-mcq-08', kind: 'mcq', topic: 'api-design', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which request best follows REST conventions for fetching the comments of post 42?',
    options: ['GET /getComments?post=42', 'POST /posts/42/comments/list', 'GET /posts/42/comments', 'GET /comments/fetch/42'],
    correctIndex: 2,
    explanation: 'Nested resource paths with nouns and the GET method express "the comments collection of post 42". Verbs in paths and POST for reads break conventions and caching.',
  },
  {
    id: 'fs-std-mcq-09', kind: 'mcq', topic: 'auth', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'How should user passwords be stored?',
    options: [
      'Encrypted with AES so support staff can recover them',
      'Hashed with a single round of SHA-256',
      'In plain text in a separate, restricted table',
      'Hashed with a slow, salted algorithm such as bcrypt, scrypt or Argon2',
    ],
    correctIndex: 3,
    explanation: 'Password hashes must be slow and salted so stolen hashes resist brute force. Fast hashes like SHA-256 are too cheap to guess; encryption is reversible.',
  },
  {
    id: 'fs-std-mcq-10', kind: 'mcq', topic: 'auth', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does the signature of a JSON Web Token (JWT) guarantee?',
    options: [
      'That the token has not been altered and was issued by someone holding the signing key',
      'That nobody can read the claims in the payload',
      'That the token can be revoked at any time',
      'That the token can only be used from one IP address',
    ],
    correctIndex: 0,
    explanation: 'A signed JWT protects integrity and authenticity; its payload is only base64url-encoded and readable by anyone, so never put secrets in it.',
  },
  {
    id: 'fs-std-mcq-11', kind: 'mcq', topic: 'security', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which is the most reliable protection against SQL injection?',
    options: [
      'Escaping single quotes in user input by hand',
      'Parameterized queries that send values separately from the SQL text',
      'Hiding database error messages from users',
      'Allowing only POST requests',
    ],
    correctIndex: 1,
    explanation: 'With parameters the database never interprets input as SQL. Hand escaping is error-prone; hiding errors only makes attacks harder to see.',
  },
  {
    id: 'fs-std-mcq-12', kind: 'mcq', topic: 'frontend-integration', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'A frontend sends fetch("/api/users", { method: "POST", body: JSON.stringify(user) }). What else should it usually set so a JSON API parses the body?',
    options: [
      'The header Accept-Encoding: json',
      'mode: "no-cors"',
      'The header Content-Type: application/json',
      'credentials: "omit"',
    ],
    correctIndex: 2,
    explanation: 'Without Content-Type: application/json, fetch sends a string body as text/plain and many servers will not parse it as JSON.',
  },
  {
    id: 'fs-std-mcq-13', kind: 'mcq', topic: 'frontend-integration', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'The API responds to fetch("/api/report") with status 500. What does the fetch promise do?',
    options: [
      'It rejects with an HTTP error',
      'It resolves with a Response whose ok property is false',
      'It retries the request automatically',
      'It never settles',
    ],
    correctIndex: 1,
    explanation: 'fetch rejects only on network failure or abort. HTTP error statuses resolve normally, so code must check response.ok or response.status.',
  },
  {
    id: 'fs-std-mcq-14', kind: 'mcq', topic: 'caching', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is Redis most commonly used for in a web application stack?',
    options: [
      'As an in-memory store for caching, sessions, rate limits and queues',
      'As the main store for large files and images',
      'As a replacement for the web server',
      'To compile frontend assets',
    ],
    correctIndex: 0,
    explanation: 'Redis keeps data in memory with fast key-value operations, expiry and data structures, which suits caches, sessions, counters and simple queues.',
  },
  {
    id: 'fs-std-mcq-15', kind: 'mcq', topic: 'deployment', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does a reverse proxy such as Nginx typically do in front of an application server?',
    options: [
      'Runs the application’s database migrations',
      'Caches the user’s browser history',
      'Compiles the server code',
      'Terminates TLS, serves static files, routes and load-balances requests to app instances',
    ],
    correctIndex: 3,
    explanation: 'A reverse proxy accepts client connections and forwards them to backends, handling TLS, compression, static assets, buffering and load balancing.',
  },
  {
    id: 'fs-std-mcq-16', kind: 'mcq', topic: 'architecture', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does it mean for web servers behind a load balancer to be stateless?',
    options: [
      'They never read from a database',
      'They keep no per-user state in their own memory between requests, so any instance can serve any request',
      'They do not use cookies',
      'They restart after every request',
    ],
    correctIndex: 1,
    explanation: 'Session data lives in a shared store (database, Redis) or in signed tokens, so instances can be added, removed or restarted freely.',
  },
  {
    id: 'fs-std-mcq-17', kind: 'mcq', topic: 'performance', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is the N+1 query problem?',
    options: [
      'A query that returns one row more than expected',
      'Running N+1 database servers for redundancy',
      'Loading a list with one query and then running one more query per item to load related data',
      'A join over N+1 tables',
    ],
    correctIndex: 2,
    explanation: 'Lazy-loading relations in a loop turns one page into hundreds of queries. Use a join or a single batched query with WHERE id IN (...), or eager loading in the ORM.',
  },
  {
    id: 'fs-std-mcq-18', kind: 'mcq', topic: 'testing', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Why do integration tests often wrap each test in a database transaction that is rolled back afterwards?',
    options: [
      'So each test starts from the same data and tests cannot affect each other',
      'To make the database faster in production',
      'Because ORMs require transactions to run queries',
      'To avoid having to write assertions',
    ],
    correctIndex: 0,
    explanation: 'Rolling back restores a known state cheaply, keeping tests isolated and repeatable regardless of order.',
  },
  {
    id: 'fs-std-mcq-19', kind: 'mcq', topic: 'node-runtime', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'In a Node.js server, a request handler runs a synchronous CPU-heavy loop for two seconds. What happens to other requests meanwhile?',
    options: [
      'They are handled in parallel on other threads automatically',
      'They are rejected with 503',
      'They are processed first because they are shorter',
      'They wait, because the single JavaScript thread and its event loop are blocked',
    ],
    correctIndex: 3,
    explanation: 'Node runs JavaScript on one thread. Long synchronous work blocks every request; move it to worker threads, a job queue or a separate service.',
  },
  {
    id: 'fs-std-mcq-20', kind: 'mcq', topic: 'api-design', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Why is cursor-based pagination often preferred over LIMIT/OFFSET for large lists that change often?',
    options: [
      'It lets clients jump to any page number directly',
      'It stays stable when rows are inserted and avoids scanning all skipped rows',
      'It needs no index',
      'It returns all results in one response',
    ],
    correctIndex: 1,
    explanation: 'A cursor ("after id 1234") continues from a known position using an index. OFFSET skips rows one by one and shifts when rows are added, causing duplicates or gaps.',
  },
  {
    id: 'fs-std-mcq-21', kind: 'mcq', topic: 'deployment', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is the difference between a Docker image and a container?',
    options: [
      'They are the same thing',
      'A container is a read-only template; an image is a running process',
      'An image is a read-only template with the app and its dependencies; a container is a running instance of an image',
      'Images run on Linux only; containers run anywhere',
    ],
    correctIndex: 2,
    explanation: 'Images are built from a Dockerfile in layers and are immutable; each container adds a writable layer and runs a process from the image.',
  },
  {
    id: 'fs-std-mcq-22', kind: 'mcq', topic: 'security', difficulty: 1, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does serving a site over HTTPS protect against?',
    options: [
      'Eavesdropping on and tampering with traffic between browser and server, and impersonation of the server',
      'Cross-site scripting in the page',
      'SQL injection in the API',
      'Weak user passwords',
    ],
    correctIndex: 0,
    explanation: 'TLS encrypts and authenticates the connection. Application bugs such as XSS or injection are unaffected by HTTPS.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'fs-std-code-01', kind: 'coding', topic: 'api-design', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 600,
    title: 'Paginate a result set',
    statement:
      'Write paginate(items, page, pageSize) for a list endpoint. Pages are numbered from 1. Return { items, page, totalPages, hasNext } where items is the slice for that page, totalPages is the number of pages needed for all items (0 for an empty list), and hasNext tells whether a later page exists. A page below 1 is treated as page 1. A page after the last one returns an empty items array (page stays as requested). pageSize is a positive integer.',
    language: 'typescript',
    functionName: 'paginate',
    signature: 'function paginate<T>(items: T[], page: number, pageSize: number): { items: T[]; page: number; totalPages: number; hasNext: boolean }',
    starterCode:
      'function paginate<T>(items: T[], page: number, pageSize: number): { items: T[]; page: number; totalPages: number; hasNext: boolean } {\n  // your code here\n  return { items, page, totalPages: 1, hasNext: false };\n}\n',
    referenceSolution: `function paginate(items, page, pageSize) {
  const current = Math.max(1, page);
  const totalPages = Math.ceil(items.length / pageSize);
  const start = (current - 1) * pageSize;
  return {
    items: items.slice(start, start + pageSize),
    page: current,
    totalPages,
    hasNext: current < totalPages,
  };
}`,
    exampleTests: [
      { args: [[1, 2, 3, 4, 5], 1, 2], expected: { items: [1, 2], page: 1, totalPages: 3, hasNext: true } },
      { args: [[1, 2, 3, 4, 5], 3, 2], expected: { items: [5], page: 3, totalPages: 3, hasNext: false } },
    ],
    hiddenTests: [
      { args: [[], 1, 10], expected: { items: [], page: 1, totalPages: 0, hasNext: false } },
      { args: [['a', 'b', 'c'], 0, 2], expected: { items: ['a', 'b'], page: 1, totalPages: 2, hasNext: true } },
      { args: [['a', 'b', 'c'], 5, 2], expected: { items: [], page: 5, totalPages: 2, hasNext: false } },
      { args: [[1, 2, 3, 4], 2, 2], expected: { items: [3, 4], page: 2, totalPages: 2, hasNext: false } },
      { args: [[{ id: 1 }, { id: 2 }], 1, 5], expected: { items: [{ id: 1 }, { id: 2 }], page: 1, totalPages: 1, hasNext: false } },
    ],
  },
  {
    id: 'fs-std-code-02', kind: 'coding', topic: 'validation', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 600,
    title: 'Validate a sign-up form',
    statement:
      'Write validateSignup(form), shared by the browser and the API. form has string fields email and password and a numeric field age (any of them may be missing). Return an object mapping each invalid field to its message, or {} if all are valid. Rules, checked per field: email must contain exactly one "@" with at least one character before it, and the part after it must contain a "." that is neither its first nor its last character; otherwise "Enter a valid email address". password must be at least 8 characters and contain at least one letter and one digit; otherwise "Password needs 8+ characters with a letter and a digit". age must be an integer of at least 13; otherwise "You must be at least 13". Leading and trailing spaces of email are ignored.',
    language: 'typescript',
    functionName: 'validateSignup',
    signature: 'function validateSignup(form: { email?: string; password?: string; age?: number }): Record<string, string>',
    starterCode:
      'function validateSignup(form: { email?: string; password?: string; age?: number }): Record<string, string> {\n  const errors: Record<string, string> = {};\n  // your code here\n  return errors;\n}\n',
    referenceSolution: `function validateSignup(form) {
  const errors = {};
  const email = typeof form.email === 'string' ? form.email.trim() : '';
  const parts = email.split('@');
  const domain = parts[1] || '';
  const dot = domain.indexOf('.');
  const emailOk = parts.length === 2 && parts[0].length > 0 && dot > 0 && domain.lastIndexOf('.') < domain.length - 1;
  if (!emailOk) errors.email = 'Enter a valid email address';
  const password = typeof form.password === 'string' ? form.password : '';
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
    errors.password = 'Password needs 8+ characters with a letter and a digit';
  }
  if (typeof form.age !== 'number' || !Number.isInteger(form.age) || form.age < 13) {
    errors.age = 'You must be at least 13';
  }
  return errors;
}`,
    exampleTests: [
      { args: [{ email: 'ada@example.com', password: 'lovelace1', age: 36 }], expected: {} },
      {
        args: [{ email: 'ada.example.com', password: 'short1', age: 12 }],
        expected: { email: 'Enter a valid email address', password: 'Password needs 8+ characters with a letter and a digit', age: 'You must be at least 13' },
      },
    ],
    hiddenTests: [
      { args: [{ email: '  ada@example.com ', password: 'abcdefg1', age: 13 }], expected: {} },
      { args: [{ email: 'a@b@c.com', password: 'abcdefg1', age: 20 }], expected: { email: 'Enter a valid email address' } },
      { args: [{ email: '@example.com', password: 'abcdefg1', age: 20 }], expected: { email: 'Enter a valid email address' } },
      { args: [{ email: 'ada@example.', password: 'abcdefg1', age: 20 }], expected: { email: 'Enter a valid email address' } },
      { args: [{ email: 'ada@.com', password: 'abcdefg1', age: 20 }], expected: { email: 'Enter a valid email address' } },
      { args: [{ email: 'ada@example.com', password: '12345678', age: 20 }], expected: { password: 'Password needs 8+ characters with a letter and a digit' } },
      { args: [{ email: 'ada@example.com', password: 'abcdefgh1', age: 13.5 }], expected: { age: 'You must be at least 13' } },
      {
        args: [{}],
        expected: { email: 'Enter a valid email address', password: 'Password needs 8+ characters with a letter and a digit', age: 'You must be at least 13' },
      },
    ],
  },
  {
    id: 'fs-std-code-03', kind: 'coding', topic: 'databases', difficulty: 2, archetypes: ['fullstack'], depths: ['standard'], timeLimitSec: 600,
    title: 'Totals per customer',
    statement:
      'Write totalsByCustomer(orders), the in-memory version of a GROUP BY report. Each order is { customerId: string, amount: number, status: string }. Ignore orders whose status is "cancelled". Return one row per customer that has at least one counted order: { customerId, orderCount, total }, where total is the sum of amounts rounded to 2 decimal places. Sort rows by total descending, then by customerId ascending.',
    language: 'typescript',
    functionName: 'totalsByCustomer',
    signature:
      'function totalsByCustomer(orders: Array<{ customerId: string; amount: number; status: string }>): Array<{ customerId: string; orderCount: number; total: number }>',
    starterCode:
      'function totalsByCustomer(orders: Array<{ customerId: string; amount: number; status: string }>): Array<{ customerId: string; orderCount: number; total: number }> {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function totalsByCustomer(orders) {
  const byCustomer = new Map();
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    const row = byCustomer.get(order.customerId) || { customerId: order.customerId, orderCount: 0, total: 0 };
    row.orderCount += 1;
    row.total += order.amount;
    byCustomer.set(order.customerId, row);
  }
  return [...byCustomer.values()]
    .map((row) => ({ ...row, total: Math.round(row.total * 100) / 100 }))
    .sort((a, b) => b.total - a.total || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
}`,
    exampleTests: [
      {
        args: [[
          { customerId: 'c1', amount: 10, status: 'paid' },
          { customerId: 'c2', amount: 25.5, status: 'paid' },
          { customerId: 'c1', amount: 5.25, status: 'shipped' },
        ]],
        expected: [
          { customerId: 'c2', orderCount: 1, total: 25.5 },
          { customerId: 'c1', orderCount: 2, total: 15.25 },
        ],
      },
    ],
    hiddenTests: [
      { args: [[]], expected: [] },
      { args: [[{ customerId: 'c1', amount: 10, status: 'cancelled' }]], expected: [] },
      {
        args: [[
          { customerId: 'b', amount: 0.1, status: 'paid' },
          { customerId: 'b', amount: 0.2, status: 'paid' },
          { customerId: 'a', amount: 0.3, status: 'paid' },
        ]],
        expected: [
          { customerId: 'a', orderCount: 1, total: 0.3 },
          { customerId: 'b', orderCount: 2, total: 0.3 },
        ],
      },
      {
        args: [[
          { customerId: 'x', amount: 100, status: 'paid' },
          { customerId: 'x', amount: 50, status: 'cancelled' },
          { customerId: 'y', amount: 120, status: 'refunded' },
        ]],
        expected: [
          { customerId: 'y', orderCount: 1, total: 120 },
          { customerId: 'x', orderCount: 1, total: 100 },
        ],
      },
    ],
  },
];
