import type { BankItem } from '../bank-item';

/** Frontend, advanced depth: trade-offs and internals of rendering, state, caching, security and tooling. */
export const FRONTEND_ADVANCED: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'fe-adv-spk-01', kind: 'spoken', topic: 'react-rendering', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Walk through what happens when state changes in a React component, from render to commit. What causes unnecessary re-renders, and how do you avoid them?',
    referenceAnswer:
      'A state update schedules a render of that component. In the render phase React calls the component and its children to produce a new element tree and reconciles it against the previous one, comparing element types and keys. In the commit phase it applies only the necessary DOM changes and then runs effects. By default every child re-renders when its parent does, even with equal props. Unnecessary work comes from state placed too high, context values that change identity every render, and new object or function props. Fixes are moving state down, passing children, splitting contexts, and React.memo combined with useMemo and useCallback so props keep referential equality, after profiling shows it matters.',
    keyConcepts: ['render phase', 'reconciliation', 'commit', 'children re-render', 'React.memo', 'referential equality'],
  },
  {
    id: 'fe-adv-spk-02', kind: 'spoken', topic: 'browser-rendering', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What is layout thrashing, and how do you avoid it?',
    referenceAnswer:
      'Layout thrashing happens when code alternates DOM writes and layout reads in a loop: after a style change, reading something like offsetHeight or getBoundingClientRect forces the browser to run layout synchronously, so each iteration triggers a forced synchronous layout. The fix is to batch: do all reads first, then all writes, or schedule writes in requestAnimationFrame. Animate transform and opacity instead of geometry, and use ResizeObserver or IntersectionObserver instead of polling measurements.',
    keyConcepts: ['forced synchronous layout', 'read', 'write', 'batch', 'requestAnimationFrame'],
  },
  {
    id: 'fe-adv-spk-03', kind: 'spoken', topic: 'state-management', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'When would you use a global state library instead of React context and local state? What are the trade-offs?',
    referenceAnswer:
      'First separate server state from client state: data fetched from an API is best handled by a cache such as TanStack Query or SWR, which handles deduplication, refetching and invalidation. What remains is usually small. Local state and context cover most of it, but every consumer of a context re-renders when its value changes, so a frequently changing value in context causes broad re-renders. A store like Zustand or Redux lets components subscribe with selectors to just the slice they need, and adds devtools and middleware, at the cost of boilerplate and another dependency.',
    keyConcepts: ['server state', 'context', 're-render', 'selectors', 'boilerplate'],
  },
  {
    id: 'fe-adv-spk-04', kind: 'spoken', topic: 'caching', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: "How would you set up HTTP caching for a single-page app's static assets and for its API responses?",
    referenceAnswer:
      'Build assets get a content hash in the file name, so they can be served with Cache-Control max-age of a year and immutable; a new deploy produces new names. index.html must not be cached long, so no-cache with an ETag, letting the browser revalidate and pick up new asset names. For API responses it depends on the data: private per-user data with no-store or short max-age, shared data with ETag or Last-Modified revalidation, and stale-while-revalidate where slightly old data is acceptable. On the client a query cache or service worker adds offline and instant repeat views.',
    keyConcepts: ['content hash', 'immutable', 'index.html', 'ETag', 'stale-while-revalidate'],
  },
  {
    id: 'fe-adv-spk-05', kind: 'spoken', topic: 'security', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Explain cross-site request forgery and how SameSite cookies and CSRF tokens protect against it.',
    referenceAnswer:
      'CSRF abuses the fact that browsers attach cookies automatically: a malicious site makes the victim\'s browser send a state-changing request, such as a form POST, to a site where they are logged in, and the session cookie goes along. SameSite cookies stop that at the browser: Lax sends the cookie only on top-level navigations with safe methods, Strict never cross-site. A CSRF token is a secret value the server puts in the page and expects back in a header or form field; the attacker\'s site cannot read it, so forged requests fail. Using GET only for safe operations and checking the Origin header add defence in depth.',
    keyConcepts: ['cookies sent automatically', 'state-changing', 'SameSite', 'CSRF token', 'Origin header'],
  },
  {
    id: 'fe-adv-spk-06', kind: 'spoken', topic: 'accessibility', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you build an accessible modal dialog?',
    referenceAnswer:
      'The easiest route is the native dialog element opened with showModal, which makes the rest of the page inert and handles Escape. Otherwise use role dialog with aria-modal true. The dialog needs an accessible name through aria-labelledby pointing to its heading. When it opens, move focus into it, keep focus trapped inside while it is open, close it on Escape, and when it closes return focus to the element that opened it. The background must not be reachable by screen readers, with inert or aria-hidden.',
    keyConcepts: ['dialog element', 'aria-modal', 'focus trap', 'Escape', 'return focus', 'inert'],
  },
  {
    id: 'fe-adv-spk-07', kind: 'spoken', topic: 'performance', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Explain the Core Web Vitals LCP, CLS and INP, and one concrete way to improve each.',
    referenceAnswer:
      'Largest Contentful Paint is when the largest image or text block in the viewport is rendered; improve it by serving the hero image early with preload or fetchpriority high, server rendering, and a fast server response. Cumulative Layout Shift measures unexpected movement of content; reserve space with width and height or aspect-ratio on images and embeds, and avoid inserting content above what the user is reading. Interaction to Next Paint measures how quickly the page responds visually to clicks, taps and key presses; improve it by breaking up long tasks, yielding to the main thread and doing less JavaScript work per interaction.',
    keyConcepts: ['Largest Contentful Paint', 'layout shift', 'Interaction to Next Paint', 'reserve space', 'long tasks'],
  },
  {
    id: 'fe-adv-spk-08', kind: 'spoken', topic: 'build-tooling', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What is tree shaking, and what can stop it from working?',
    referenceAnswer:
      'Tree shaking is dead-code elimination based on the static structure of ES modules: because import and export statements are static, the bundler can see which exports are never used and drop them. It breaks down with CommonJS modules, whose require and module.exports are dynamic; with modules that have side effects at import time, which the bundler must keep unless package.json declares sideEffects false; with dynamic property access on a namespace import; and with some barrel files and transpilers that convert modules to CommonJS too early.',
    keyConcepts: ['ES modules', 'static imports', 'dead code', 'CommonJS', 'side effects'],
  },
  {
    id: 'fe-adv-spk-09', kind: 'spoken', topic: 'react-hooks', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What problems do stale closures cause with React hooks, and how do you deal with them?',
    referenceAnswer:
      'Every render creates new functions that close over that render\'s props and state. An effect, interval or callback that was created in an earlier render keeps seeing the old values, for example a setInterval that always logs the initial count. Fixes: list the values in the dependency array so the effect is recreated, use the functional update form setCount(c => c + 1) so you do not need the current value, or keep the latest value in a useRef that the long-lived callback reads. The exhaustive-deps lint rule catches most of these.',
    keyConcepts: ['closure', 'stale value', 'dependency array', 'functional update', 'useRef'],
  },
  {
    id: 'fe-adv-spk-10', kind: 'spoken', topic: 'testing', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you decide the balance between unit, integration and end-to-end tests in a frontend codebase?',
    referenceAnswer:
      'I aim for confidence per unit of cost. Static types and linting catch a whole class of errors cheaply. Unit tests suit pure logic such as formatting, reducers and validation. Most component tests are integration tests that render a feature with its real children and a mocked network, asserting what the user sees. A small set of end-to-end tests in a real browser covers critical flows such as sign-in and checkout; they are slow and can be flaky, so they are few, deterministic and run against seeded data.',
    keyConcepts: ['unit tests', 'integration tests', 'end-to-end', 'critical flows', 'flaky', 'confidence'],
  },
  {
    id: 'fe-adv-spk-11', kind: 'spoken', topic: 'typescript', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do discriminated unions help model UI state in TypeScript? Give an example.',
    referenceAnswer:
      'Instead of several booleans and optional fields, such as isLoading, error and data, which allow impossible combinations, you model the state as a union of objects that share a discriminant field, for example status idle, loading, success with data, or error with an error. Switching on status narrows the type, so data is only accessible in the success branch. Adding a default branch that assigns the value to never makes the compiler flag every place that misses a new case, so the check is exhaustive.',
    keyConcepts: ['discriminant', 'narrowing', 'impossible states', 'exhaustive', 'never'],
  },
  {
    id: 'fe-adv-spk-12', kind: 'spoken', topic: 'rendering-strategies', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Compare client-side rendering, server-side rendering and static generation. Where does hydration fit in?',
    referenceAnswer:
      'Client-side rendering ships a near-empty HTML page and builds the UI in JavaScript: simple hosting, but slow first content and weaker SEO. Server-side rendering produces HTML per request, so content appears quickly and crawlers see it, at the cost of server work and time to first byte. Static generation renders at build time and serves from a CDN, fastest but only for content that does not change per request. With SSR and static pages, hydration attaches event handlers and state to the existing HTML on the client; until it finishes the page looks ready but is not interactive, and server and client output must match.',
    keyConcepts: ['client-side rendering', 'server-side rendering', 'static generation', 'hydration', 'SEO', 'interactive'],
  },
  {
    id: 'fe-adv-spk-13', kind: 'spoken', topic: 'service-workers', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What can a service worker do for a web app, and what are the pitfalls of updating one?',
    referenceAnswer:
      'A service worker sits between the page and the network: it can intercept requests and answer them from a cache with strategies such as cache first, network first or stale-while-revalidate, which makes the app work offline and load instantly, and it can receive push messages and background sync. Updating is subtle: a new version installs but stays waiting until every tab controlled by the old version closes. skipWaiting activates it immediately, but then one page may run old code against new cached assets. Version cache names, delete old caches on activate, and prompt the user to reload.',
    keyConcepts: ['intercept requests', 'cache strategy', 'offline', 'waiting', 'skipWaiting', 'versioned caches'],
  },
  {
    id: 'fe-adv-spk-14', kind: 'spoken', topic: 'css-architecture', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you keep CSS maintainable in a large application with many contributors?',
    referenceAnswer:
      'The main problems are global scope and specificity wars. Scope styles to components with CSS Modules, a naming convention like BEM, or CSS-in-JS, and keep selectors flat and low in specificity. Put colours, spacing and typography in design tokens exposed as CSS custom properties, so themes and changes happen in one place. Cascade layers give an explicit order between reset, base, components and utilities. A shared component library, stylelint rules and visual regression tests keep it consistent.',
    keyConcepts: ['scoping', 'CSS Modules', 'specificity', 'design tokens', 'custom properties', 'cascade layers'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'fe-adv-mcq-01', kind: 'mcq', topic: 'react-rendering', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A child wrapped in React.memo still re-renders every time its parent renders. The parent passes onSelect={() => select(id)}. Why?',
    options: [
      'React.memo only works on class components',
      'The inline arrow function is a new object on every render, so the shallow prop comparison fails',
      'memo components always re-render when the parent re-renders',
      'The id prop is a number, which memo cannot compare',
    ],
    correctIndex: 1,
    explanation: 'memo compares props with Object.is. A new function identity each render defeats it; wrap the callback in useCallback (or pass stable values) to keep it equal.',
  },
  {
    id: 'fe-adv-mcq-02', kind: 'mcq', topic: 'react-hooks', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'How does useLayoutEffect differ from useEffect?',
    options: [
      'It runs on the server during server rendering',
      'It runs before React renders the component',
      'It runs after DOM mutations but before the browser paints, blocking the paint until it finishes',
      'It runs only once, when the layout of the page first stabilises',
    ],
    correctIndex: 2,
    explanation: 'useLayoutEffect fires synchronously after the DOM is updated and before paint, so measuring and adjusting layout does not flicker; it also delays paint, so use it sparingly. useEffect usually runs after paint.',
  },
  {
    id: 'fe-adv-mcq-03', kind: 'mcq', topic: 'react-hooks', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which statement about useMemo is accurate?',
    options: [
      'It guarantees the function runs exactly once per component instance',
      'It memoizes across all instances of the component',
      'It prevents the component from re-rendering',
      'It is a performance optimisation: React may discard the cached value, so code must still be correct without it',
    ],
    correctIndex: 3,
    explanation: 'useMemo caches a computed value between renders while its dependencies are equal, per component instance. React documents it as a performance hint, not a semantic guarantee.',
  },
  {
    id: 'fe-adv-mcq-04', kind: 'mcq', topic: 'react-state', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'In React 18 with createRoot, a setTimeout callback calls setA(1) and then setB(2). How many re-renders result?',
    options: ['One: updates are batched automatically, even outside event handlers', 'Two: one per state update', 'Zero until the next user event', 'Two, unless flushSync wraps both calls'],
    correctIndex: 0,
    explanation: 'React 18 batches updates from timeouts, promises and native handlers, not just React events. flushSync opts out of batching.',
  },
  {
    id: 'fe-adv-mcq-05', kind: 'mcq', topic: 'react-rendering', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A list of rows with uncontrolled text inputs uses the array index as key. A new row is inserted at the top. What happens?',
    options: [
      'React throws a duplicate key error',
      'The typed text appears to shift: each input keeps the DOM state of the row that used to be at its index',
      'All rows are unmounted and remounted, losing focus but keeping the right text',
      'Nothing, React matches rows by their content',
    ],
    correctIndex: 1,
    explanation: 'With index keys, the element with key 0 is now the new row, so React reuses the old first DOM input for it. Use a stable id as the key.',
  },
  {
    id: 'fe-adv-mcq-06', kind: 'mcq', topic: 'javascript-core', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does this print? for (var i = 0; i < 3; i++) { setTimeout(() => console.log(i)); }',
    options: ['0 1 2', '3 3 3', '0 0 0', 'undefined undefined undefined'],
    correctIndex: 1,
    explanation: 'var creates one function-scoped binding shared by all callbacks; they run after the loop ends, when i is 3. With let each iteration gets its own binding and prints 0 1 2.',
  },
  {
    id: 'fe-adv-mcq-07', kind: 'mcq', topic: 'async-javascript', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'await Promise.all([loadA(), loadB()]) is running and loadB() rejects after 100 ms while loadA() needs 2 s. What happens?',
    options: [
      'The await waits 2 s and then throws an AggregateError',
      'The await resolves with [resultA, undefined]',
      'The await throws loadB’s error after about 100 ms; loadA keeps running in the background',
      'The await throws after about 100 ms and loadA is cancelled',
    ],
    correctIndex: 2,
    explanation: 'Promise.all rejects with the first rejection. Promises are not cancellable, so loadA continues; pass an AbortSignal if it must stop. Promise.allSettled waits for all.',
  },
  {
    id: 'fe-adv-mcq-08', kind: 'mcq', topic: 'async-javascript', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'You fire five independent requests and want to show every result, including which ones failed. Which combinator fits?',
    options: ['Promise.race', 'Promise.any', 'Promise.all', 'Promise.allSettled'],
    correctIndex: 3,
    explanation: 'allSettled waits for every promise and reports each as fulfilled with a value or rejected with a reason. all fails fast; any resolves with the first success; race settles with the first to settle.',
  },
  {
    id: 'fe-adv-mcq-09', kind: 'mcq', topic: 'browser-rendering', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which properties can usually be animated by the compositor without triggering layout or paint?',
    options: ['width and height', 'top and left', 'transform and opacity', 'margin and padding'],
    correctIndex: 2,
    explanation: 'Changes to transform and opacity on a composited layer skip layout and paint. Geometry properties force layout on every frame.',
  },
  {
    id: 'fe-adv-mcq-10', kind: 'mcq', topic: 'performance', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does content-visibility: auto do for a long page of sections?',
    options: [
      'Lets the browser skip layout and paint of sections that are off-screen until they approach the viewport',
      'Lazy-loads the HTML of each section from the server',
      'Hides off-screen sections from screen readers',
      'Makes sections transparent until they are scrolled into view',
    ],
    correctIndex: 0,
    explanation: 'content-visibility: auto skips rendering work for off-screen content while keeping it in the DOM and accessibility tree. Pair it with contain-intrinsic-size to avoid scrollbar jumps.',
  },
  {
    id: 'fe-adv-mcq-11', kind: 'mcq', topic: 'networking', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which HTTP/1.1-era optimisation becomes counterproductive with HTTP/2 multiplexing?',
    options: ['gzip or Brotli compression', 'Domain sharding across several host names', 'Long-lived caching with content hashes', 'Serving over HTTPS'],
    correctIndex: 1,
    explanation: 'HTTP/2 sends many requests over one connection; sharding forces extra connections and TLS handshakes and splits prioritisation. Compression, caching and HTTPS still matter.',
  },
  {
    id: 'fe-adv-mcq-12', kind: 'mcq', topic: 'performance', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which resource hint fetches a resource that the current page will need, early and at high priority?',
    options: ['<link rel="prefetch">', '<link rel="dns-prefetch">', '<link rel="preconnect">', '<link rel="preload">'],
    correctIndex: 3,
    explanation: 'preload fetches a current-page resource early (for fonts add crossorigin). prefetch is a low-priority hint for future navigations; preconnect and dns-prefetch only warm up the connection.',
  },
  {
    id: 'fe-adv-mcq-13', kind: 'mcq', topic: 'security', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: "The page is served with Content-Security-Policy: script-src 'self'. What happens to an inline <script> block in the HTML?",
    options: [
      'It runs, because it comes from the same origin as the page',
      "It is blocked, because inline scripts need 'unsafe-inline', a nonce or a hash",
      'It runs, but cannot make network requests',
      'It runs only in development builds',
    ],
    correctIndex: 1,
    explanation: "'self' allows script files from the page's origin, not inline code. Allow specific inline scripts with a nonce or hash rather than 'unsafe-inline'.",
  },
  {
    id: 'fe-adv-mcq-14', kind: 'mcq', topic: 'security', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What is the main risk of storing an access token in localStorage?',
    options: [
      'Any script that runs on the origin, such as one injected via XSS, can read and exfiltrate it',
      'localStorage is sent to the server with every request',
      'The token is deleted whenever the tab closes',
      'Other websites can read it',
    ],
    correctIndex: 0,
    explanation: 'localStorage is per origin but fully readable by any script on that origin. An HttpOnly cookie keeps the token away from scripts, though it then needs CSRF protection.',
  },
  {
    id: 'fe-adv-mcq-15', kind: 'mcq', topic: 'accessibility', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A status area has aria-live="polite". How do screen readers treat changes to its content?',
    options: [
      'They ignore them until the user focuses the region',
      'They interrupt whatever is being read to announce them immediately',
      'They announce them at the next graceful opportunity, without interrupting current speech',
      'They announce them only if the region has role="alert"',
    ],
    correctIndex: 2,
    explanation: 'polite queues the announcement; assertive (or role="alert") interrupts. The live region must exist in the DOM before the content changes.',
  },
  {
    id: 'fe-adv-mcq-16', kind: 'mcq', topic: 'accessibility', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A team builds a custom <div role="button">. Besides the role, what does it need to behave like a native button?',
    options: [
      'aria-pressed="false"',
      'A title attribute',
      'cursor: pointer',
      'tabindex="0" and key handlers that activate it on Enter and Space',
    ],
    correctIndex: 3,
    explanation: 'role only changes what is announced. Focusability and keyboard activation must be added by hand, which is why a native <button> is the better choice.',
  },
  {
    id: 'fe-adv-mcq-17', kind: 'mcq', topic: 'build-tooling', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does const { Chart } = await import("./chart") typically do in a Vite or webpack build?',
    options: [
      'Inlines chart.js into the main bundle',
      'Splits chart.js and its dependencies into a separate chunk that is fetched when the import runs',
      'Loads chart.js from a CDN',
      'Fails, because import() only works in Node.js',
    ],
    correctIndex: 1,
    explanation: 'Dynamic import() is the standard code-splitting point: the bundler emits a separate chunk and loads it on demand, returning a promise of the module.',
  },
  {
    id: 'fe-adv-mcq-18', kind: 'mcq', topic: 'typescript', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'How does the type unknown differ from any in TypeScript?',
    options: [
      'They are identical; unknown is just a newer name',
      'unknown only accepts null and undefined',
      'A value of type unknown must be narrowed (for example with typeof) before it can be used',
      'unknown disables type checking for the whole file',
    ],
    correctIndex: 2,
    explanation: 'Anything is assignable to both, but any turns off checks while unknown forces narrowing before property access or calls, which makes it the safe type for untrusted input.',
  },
  {
    id: 'fe-adv-mcq-19', kind: 'mcq', topic: 'typescript', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Given const sizes = { small: 8, large: 16 } as const, what is the type keyof typeof sizes?',
    options: ['string', '"small" | "large"', '8 | 16', '{ small: 8; large: 16 }'],
    correctIndex: 1,
    explanation: 'typeof sizes gives the object type and keyof takes the union of its keys. (typeof sizes)[keyof typeof sizes] would give 8 | 16.',
  },
  {
    id: 'fe-adv-mcq-20', kind: 'mcq', topic: 'css-layout', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A modal with z-index: 9999 renders below a header with z-index: 10. The modal sits inside a container that has transform: translateZ(0). Why?',
    options: [
      'z-index only works on elements with position: fixed',
      'Browsers cap z-index at 1000',
      'The header is later in the source, so it wins',
      'The transform creates a stacking context, so the modal’s z-index only orders it within that container',
    ],
    correctIndex: 3,
    explanation: 'transform, opacity < 1, filter and others create stacking contexts. Render the modal in a portal at the end of body, or use the top layer with <dialog>.',
  },
  {
    id: 'fe-adv-mcq-21', kind: 'mcq', topic: 'accessibility', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does the :focus-visible pseudo-class match?',
    options: [
      'Focused elements for which the browser decides a focus indicator should be shown, typically keyboard focus but not mouse clicks',
      'Any element that can receive focus',
      'Only elements focused programmatically with focus()',
      'Elements whose focus ring is hidden with outline: none',
    ],
    correctIndex: 0,
    explanation: ':focus-visible lets you style keyboard focus clearly without showing rings after mouse clicks, instead of removing outlines altogether.',
  },
  {
    id: 'fe-adv-mcq-22', kind: 'mcq', topic: 'testing', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A test of a search box debounced by 300 ms uses vi.useFakeTimers(). What must the test do before asserting that the search ran?',
    options: [
      'Wait 300 ms with a real setTimeout',
      'Advance the fake clock, for example with vi.advanceTimersByTime(300)',
      'Call vi.useRealTimers() and re-render',
      'Nothing: fake timers run pending callbacks immediately',
    ],
    correctIndex: 1,
    explanation: 'Fake timers freeze time; callbacks run only when the test advances the clock, which makes debounce tests fast and deterministic.',
  },
  {
    id: 'fe-adv-mcq-23', kind: 'mcq', topic: 'browser-apis', difficulty: 2, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which is true of a dedicated Web Worker?',
    options: [
      'It can read and modify the DOM of the page that created it',
      'It shares the global variables of the page',
      'It runs on a separate thread without DOM access and exchanges data with postMessage',
      'It keeps running after all tabs of the site are closed',
    ],
    correctIndex: 2,
    explanation: 'Workers have their own global scope and no DOM; messages are copied with the structured clone algorithm (or transferred). A service worker, not a dedicated worker, outlives pages.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'fe-adv-code-01', kind: 'coding', topic: 'routing', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Match a route pattern',
    statement:
      'Write matchRoute(pattern, path) for a client-side router. Patterns and paths are split on "/" ignoring empty segments, so leading, trailing and repeated slashes do not matter. A pattern segment ":name" matches any one non-empty path segment and captures it, decoded with decodeURIComponent. A final pattern segment "*" matches the rest of the path (zero or more segments) and captures it under the key "*" as the remaining segments joined by "/" (not decoded). Other segments must match exactly (case-sensitive). Return an object of captured parameters, or null if the path does not match.',
    language: 'typescript',
    functionName: 'matchRoute',
    signature: 'function matchRoute(pattern: string, path: string): Record<string, string> | null',
    starterCode: 'function matchRoute(pattern: string, path: string): Record<string, string> | null {\n  // your code here\n  return {};\n}\n',
    referenceSolution: `function matchRoute(pattern, path) {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const params = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    if (seg === '*' && i === p.length - 1) {
      params['*'] = s.slice(i).join('/');
      return params;
    }
    if (i >= s.length) return null;
    if (seg.startsWith(':')) {
      params[seg.slice(1)] = decodeURIComponent(s[i]);
    } else if (seg !== s[i]) {
      return null;
    }
  }
  return s.length === p.length ? params : null;
}`,
    exampleTests: [
      { args: ['/users/:id', '/users/42'], expected: { id: '42' } },
      { args: ['/users/:id', '/teams/42'], expected: null },
    ],
    hiddenTests: [
      { args: ['/users/:id/posts/:postId', '/users/7/posts/99/'], expected: { id: '7', postId: '99' } },
      { args: ['/files/*', '/files/a/b/c.txt'], expected: { '*': 'a/b/c.txt' } },
      { args: ['/files/*', '/files'], expected: { '*': '' } },
      { args: ['/users/:id', '/users'], expected: null },
      { args: ['/users/:id', '/users/1/extra'], expected: null },
      { args: ['/search/:term', '/search/caf%C3%A9%20au%20lait'], expected: { term: 'café au lait' } },
      { args: ['/', '//'], expected: {} },
      { args: ['/About', '/about'], expected: null },
    ],
  },
  {
    id: 'fe-adv-code-02', kind: 'coding', topic: 'performance', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Visible range for a virtualised list',
    statement:
      'A virtualised list renders only the rows near the viewport. Write visibleRange(scrollTop, viewportHeight, rowHeight, rowCount, overscan) returning { start, end }, the inclusive indexes of rows to render. A row i occupies [i * rowHeight, (i + 1) * rowHeight). Render every row that overlaps the viewport [scrollTop, scrollTop + viewportHeight), plus overscan extra rows before and after, clamped to existing rows. If rowCount is 0 or no row overlaps the viewport even with overscan, return { start: 0, end: -1 }. scrollTop is never negative; viewportHeight and rowHeight are positive.',
    language: 'typescript',
    functionName: 'visibleRange',
    signature: 'function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan: number): { start: number; end: number }',
    starterCode:
      'function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan: number): { start: number; end: number } {\n  // your code here\n  return { start: 0, end: rowCount - 1 };\n}\n',
    referenceSolution: `function visibleRange(scrollTop, viewportHeight, rowHeight, rowCount, overscan) {
  const empty = { start: 0, end: -1 };
  if (rowCount <= 0) return empty;
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + viewportHeight) / rowHeight) - 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount - 1, last + overscan);
  return start > end ? empty : { start, end };
}`,
    exampleTests: [
      { args: [0, 100, 20, 1000, 0], expected: { start: 0, end: 4 } },
      { args: [210, 100, 20, 1000, 2], expected: { start: 8, end: 17 } },
    ],
    hiddenTests: [
      { args: [0, 100, 20, 0, 3], expected: { start: 0, end: -1 } },
      { args: [0, 100, 20, 3, 5], expected: { start: 0, end: 2 } },
      { args: [19980, 100, 20, 1000, 3], expected: { start: 996, end: 999 } },
      { args: [200, 100, 20, 1000, 0], expected: { start: 10, end: 14 } },
      { args: [205, 50, 25, 100, 1], expected: { start: 7, end: 11 } },
      { args: [5000, 100, 20, 10, 2], expected: { start: 0, end: -1 } },
    ],
  },
  {
    id: 'fe-adv-code-03', kind: 'coding', topic: 'caching', difficulty: 3, archetypes: ['frontend'], depths: ['advanced'], timeLimitSec: 900,
    title: 'LRU cache for API responses',
    statement:
      'A client keeps recent API responses in a least-recently-used cache. Write runLru(capacity, operations) that simulates it. Each operation is ["put", key, value] or ["get", key]. put stores or replaces the value and marks the key most recently used; if that makes the cache exceed capacity, evict the least recently used key. get returns the value (and marks the key most recently used) or null if absent. Return the array of results of the get operations, in order. Aim for O(1) per operation. capacity is at least 1.',
    language: 'typescript',
    functionName: 'runLru',
    signature: 'function runLru(capacity: number, operations: Array<["put", string, unknown] | ["get", string]>): unknown[]',
    starterCode:
      'function runLru(capacity: number, operations: Array<["put", string, unknown] | ["get", string]>): unknown[] {\n  const results: unknown[] = [];\n  // your code here\n  return results;\n}\n',
    referenceSolution: `function runLru(capacity, operations) {
  const cache = new Map();
  const results = [];
  for (const op of operations) {
    const key = op[1];
    if (op[0] === 'get') {
      if (!cache.has(key)) { results.push(null); continue; }
      const value = cache.get(key);
      cache.delete(key);
      cache.set(key, value);
      results.push(value);
    } else {
      cache.delete(key);
      cache.set(key, op[2]);
      if (cache.size > capacity) cache.delete(cache.keys().next().value);
    }
  }
  return results;
}`,
    exampleTests: [
      { args: [2, [['put', 'a', 1], ['put', 'b', 2], ['get', 'a'], ['put', 'c', 3], ['get', 'b'], ['get', 'c']]], expected: [1, null, 3] },
    ],
    hiddenTests: [
      { args: [1, [['put', 'a', 1], ['put', 'b', 2], ['get', 'a'], ['get', 'b']]], expected: [null, 2] },
      { args: [2, [['put', 'a', 1], ['put', 'a', 10], ['put', 'b', 2], ['put', 'c', 3], ['get', 'a'], ['get', 'b']]], expected: [null, 2] },
      { args: [2, [['put', 'a', 1], ['put', 'b', 2], ['put', 'a', 5], ['put', 'c', 3], ['get', 'a'], ['get', 'b']]], expected: [5, null] },
      { args: [3, [['get', 'x']]], expected: [null] },
      { args: [2, [['put', 'u', { name: 'Ada' }], ['get', 'u']]], expected: [{ name: 'Ada' }] },
      { args: [3, [['put', 'a', 1], ['put', 'b', 2], ['put', 'c', 3], ['get', 'a'], ['put', 'd', 4], ['get', 'b'], ['get', 'c'], ['get', 'a'], ['get', 'd']]], expected: [1, null, 3, 1, 4] },
    ],
  },
];
