import type { BankItem } from '../bank-item';

/** Frontend, expert depth: architecture, performance at scale, browser internals and edge cases. */
export const FRONTEND_EXPERT: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'fe-exp-spk-01', kind: 'spoken', topic: 'architecture', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you architect a large frontend that several teams work on at once? Discuss micro-frontends against a modular monolith.',
    referenceAnswer:
      'I would start from team ownership and module boundaries: each team owns a domain area with a clear public interface, enforced by lint rules or package boundaries in a monorepo. A modular monolith keeps one build, one deployment and one set of shared dependencies, which is simpler, faster at runtime and easier to keep consistent; most organisations should start there. Micro-frontends, through module federation or separately deployed apps composed at runtime, buy independent deployment and technology choice, at the cost of duplicated dependencies, version skew, harder cross-cutting changes and a heavier page. Either way a shared design system, shared routing and auth, and contracts for cross-team communication such as events are what keep it coherent.',
    keyConcepts: ['team ownership', 'module boundaries', 'micro-frontends', 'independent deployment', 'shared dependencies', 'design system'],
  },
  {
    id: 'fe-exp-spk-02', kind: 'spoken', topic: 'performance', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'A React app has poor Interaction to Next Paint on a data-heavy table. How do you diagnose and fix it?',
    referenceAnswer:
      'I would reproduce with CPU throttling and record in the DevTools Performance panel to find the long tasks behind the slow interactions, and use the React Profiler to see which components render and why. Common fixes: virtualise the table so only visible rows exist in the DOM; stop the whole table re-rendering on each keystroke by memoising rows and keeping state local; mark expensive updates as non-urgent with useTransition or useDeferredValue so the input stays responsive; break remaining work into chunks that yield to the main thread; and move heavy sorting or filtering into a web worker. Then verify with field data, since INP is measured on real devices.',
    keyConcepts: ['long tasks', 'profiler', 'virtualization', 'useTransition', 'web worker', 'main thread'],
  },
  {
    id: 'fe-exp-spk-03', kind: 'spoken', topic: 'rendering-strategies', difficulty: 5, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Explain React Server Components: what runs where, what is sent to the client, and what trade-offs they bring.',
    referenceAnswer:
      'Server Components render only on the server or at build time; their code and dependencies never reach the client bundle, and they can read data sources directly. They produce a serialised tree, the RSC payload, which is streamed to the client and merged with Client Components, the ones marked with use client, which are hydrated and can use state and effects. Props passed from server to client components must be serialisable. Benefits are smaller bundles, data fetching close to the data and streaming with Suspense. Costs are a more complex mental model of the server and client boundary, framework coupling, caching subtleties, and the need for a server at request time unless rendered statically.',
    keyConcepts: ['server components', 'client components', 'use client', 'bundle size', 'serializable props', 'streaming'],
  },
  {
    id: 'fe-exp-spk-04', kind: 'spoken', topic: 'browser-rendering', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Walk through the browser rendering pipeline from style calculation to compositing, and explain how you would build an animation that holds 60 frames per second.',
    referenceAnswer:
      'For each frame the browser may run JavaScript, recalculate styles, compute layout, paint layers into display lists and rasterise them, then composite the layers, often on the GPU. At 60 frames per second there are about 16 milliseconds per frame, less after browser overhead. Changing geometry triggers layout and paint for a lot of content, while transform and opacity on an element promoted to its own layer can be handled by the compositor alone, even when the main thread is busy. So I animate transform and opacity, with CSS animations or the Web Animations API, drive any JavaScript work from requestAnimationFrame, avoid reading layout during the animation, and use will-change sparingly.',
    keyConcepts: ['style', 'layout', 'paint', 'composite', 'transform and opacity', '16 milliseconds'],
  },
  {
    id: 'fe-exp-spk-05', kind: 'spoken', topic: 'offline-sync', difficulty: 5, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design offline-first data synchronisation for a web app used on flaky networks. Where does data live, and how do you handle conflicts?',
    referenceAnswer:
      'The local database, IndexedDB, is the source of truth for the UI: reads come from it and writes go to it first, so the app works without a network. Each write also goes into an outbox of operations with unique ids, which a sync process sends to the server with retries and exponential backoff when connectivity returns; ids make the operations idempotent so a retried request is not applied twice. Pulling changes uses a cursor or version so the client only fetches what it missed. For conflicts, choose per data type: last writer wins with timestamps for simple fields, server-side merge rules, or CRDTs such as Yjs or Automerge for collaborative data that must merge without loss. Storage persistence, quota and schema migrations also need handling.',
    keyConcepts: ['IndexedDB', 'outbox', 'retry', 'idempotent', 'conflict resolution', 'CRDT'],
  },
  {
    id: 'fe-exp-spk-06', kind: 'spoken', topic: 'security', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you roll out a strict Content Security Policy on a large existing application?',
    referenceAnswer:
      'I would aim for a nonce-based policy with strict-dynamic, since host allow-lists are easy to bypass. First deploy it as Content-Security-Policy-Report-Only with a reporting endpoint and collect violation reports without breaking anything. Then refactor what the reports show: inline event handlers and javascript URLs into proper listeners, inline scripts get a per-response nonce, eval usage removed, third-party scripts reviewed. Once reports are quiet, enforce it, keep reporting on, and add Trusted Types to lock down DOM XSS sinks like innerHTML. Frame-ancestors, object-src none and base-uri complete the policy.',
    keyConcepts: ['report-only', 'violation reports', 'nonce', 'strict-dynamic', 'inline scripts', 'Trusted Types'],
  },
  {
    id: 'fe-exp-spk-07', kind: 'spoken', topic: 'memory', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you find and fix a memory leak in a long-running single-page app?',
    referenceAnswer:
      'First confirm it: watch memory in the Performance monitor while repeating an action, such as opening and closing a view, and force garbage collection between rounds. Then take heap snapshots before and after several repetitions and compare them, looking for growing object counts and detached DOM nodes, and follow the retainers to see what keeps them alive. Usual causes are event listeners or subscriptions not removed, intervals never cleared, effects without cleanup, closures holding large objects, and unbounded caches or global arrays. Fix with cleanup functions and AbortController for listeners, bounded caches, and WeakMap or WeakRef where the cache key is an object.',
    keyConcepts: ['heap snapshot', 'detached DOM', 'retainers', 'event listeners', 'cleanup', 'WeakMap'],
  },
  {
    id: 'fe-exp-spk-08', kind: 'spoken', topic: 'design-systems', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you design a component library API that stays flexible without becoming unmaintainable?',
    referenceAnswer:
      'Favour composition over configuration: compound components and slots instead of dozens of boolean props. Support both controlled and uncontrolled use for stateful components. Build accessibility in, keyboard handling and ARIA, so consumers get it by default. Drive visuals from design tokens so themes do not require forking. Keep the public surface small and documented, with escape hatches such as className and ref forwarding for the cases you did not foresee. Version with semantic versioning, deprecate before removing, and ship codemods for breaking changes; visual regression and accessibility tests guard every release.',
    keyConcepts: ['composition', 'controlled and uncontrolled', 'accessibility', 'design tokens', 'escape hatch', 'semantic versioning'],
  },
  {
    id: 'fe-exp-spk-09', kind: 'spoken', topic: 'build-tooling', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you reduce the JavaScript shipped to a low-end Android phone on a slow 3G connection?',
    referenceAnswer:
      'Measure first with a bundle analyzer and coverage in DevTools to see what is loaded and unused. Then split code by route and load heavy features on demand, replace or remove large dependencies, and stop shipping polyfills and transpilation for browsers you do not target. Render on the server or statically and hydrate selectively, or use an islands approach, so the first view needs little JavaScript. Serve with Brotli compression and long-lived caching, preload only what is critical. Finally set a performance budget enforced in CI so the size does not creep back.',
    keyConcepts: ['bundle analyzer', 'code splitting', 'polyfills', 'server rendering', 'Brotli', 'performance budget'],
  },
  {
    id: 'fe-exp-spk-10', kind: 'spoken', topic: 'observability', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you monitor frontend performance and errors in production?',
    referenceAnswer:
      'Lab tests are not enough, so I collect real user monitoring: Core Web Vitals and custom timings through PerformanceObserver or the web-vitals library, sent with navigator.sendBeacon so data survives page unload, sampled to control volume. I look at the 75th percentile split by device class, country and page type, rather than averages. For errors, capture window error and unhandledrejection events and framework error boundaries, upload source maps privately so stack traces are readable, and tag everything with the release version to correlate regressions with deploys. Dashboards and alerts on those percentiles close the loop.',
    keyConcepts: ['real user monitoring', 'sendBeacon', 'sampling', '75th percentile', 'source maps', 'release version'],
  },
  {
    id: 'fe-exp-spk-11', kind: 'spoken', topic: 'react-concurrency', difficulty: 5, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: "Explain React's concurrent rendering: what do useTransition and Suspense change about how updates are processed?",
    referenceAnswer:
      'With concurrent rendering React can prepare a new UI in the background and interrupt that work. Urgent updates such as typing are processed first; updates wrapped in startTransition are marked non-urgent, rendered in interruptible chunks, and abandoned if a newer update arrives, while the old UI stays on screen and isPending lets you show a hint. Suspense boundaries declare where to show a fallback while part of the tree waits for code or data; during a transition React keeps showing already revealed content instead of falling back. The flip side is that a render can run several times or be thrown away, so rendering must be pure, and external mutable stores need useSyncExternalStore to avoid tearing.',
    keyConcepts: ['interruptible', 'urgent updates', 'transition', 'Suspense boundary', 'fallback', 'useSyncExternalStore'],
  },
  {
    id: 'fe-exp-spk-12', kind: 'spoken', topic: 'accessibility', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you make accessibility part of the engineering process across a large product, rather than a one-off audit?',
    referenceAnswer:
      'Put it where everyone already works. The design system ships accessible components, with keyboard support, focus management and ARIA done once and tested. Designers check contrast and focus order in reviews. Automated checks such as axe run in unit and end-to-end tests and in CI, knowing they catch only part of the issues, so teams also do manual keyboard and screen reader testing on critical flows. Accessibility criteria against WCAG level AA are part of the definition of done, people get training, and real users with disabilities are included in research. Track issues like any other bugs, with severity.',
    keyConcepts: ['design system', 'automated checks', 'keyboard', 'screen reader testing', 'WCAG', 'definition of done'],
  },
  {
    id: 'fe-exp-spk-13', kind: 'spoken', topic: 'realtime-collaboration', difficulty: 5, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design the client side of a collaborative document editor. How do edits from several users merge, and how do you keep the interface responsive?',
    referenceAnswer:
      'Local edits apply immediately, optimistic, to a local model, and are sent as operations over a WebSocket. To merge concurrent edits there are two families: operational transformation, where a server transforms operations against each other, and CRDTs such as Yjs, where every replica merges deterministically without a central transform, which also suits offline editing. Presence, cursors and selections travel on a separate lightweight channel. Undo must be per user, undoing only my operations. For responsiveness, batch remote updates per animation frame, keep the editor model outside React state, render incrementally, and persist locally so reconnecting only exchanges missing updates.',
    keyConcepts: ['optimistic', 'operational transformation', 'CRDT', 'WebSocket', 'presence', 'undo'],
  },
  {
    id: 'fe-exp-spk-14', kind: 'spoken', topic: 'internationalization', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'What must a frontend handle to support many languages and locales well?',
    referenceAnswer:
      'Use the Intl APIs for dates, numbers, currencies, relative times and lists instead of hand formatting, and plural rules through ICU message format, since languages have different plural categories. Never concatenate translated fragments; whole messages with placeholders let translators reorder words. Support right-to-left scripts with the dir attribute and CSS logical properties like margin-inline-start. Design for text expansion, as German can be much longer than English, and for fonts covering other scripts. Load translations lazily per locale, negotiate the locale from user settings and the Accept-Language header, and test with pseudo-localisation.',
    keyConcepts: ['Intl', 'plural rules', 'right-to-left', 'logical properties', 'text expansion', 'lazy-loaded translations'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'fe-exp-mcq-01', kind: 'mcq', topic: 'async-javascript', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What does this print? async function f() { console.log(1); await null; console.log(2); } f(); console.log(3);',
    options: ['1 2 3', '1 3 2', '3 1 2', '1 3, and 2 is never printed'],
    correctIndex: 1,
    explanation: 'An async function runs synchronously until its first await. Awaiting any value, even null, schedules the rest as a microtask, which runs after the current synchronous code.',
  },
  {
    id: 'fe-exp-mcq-02', kind: 'mcq', topic: 'async-javascript', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A function keeps re-scheduling itself with queueMicrotask and never stops. What happens to the page?',
    options: [
      'Nothing: microtasks yield to rendering after 50 ms',
      'The browser drops the extra microtasks',
      'Timers still fire, but rendering stops',
      'The page freezes: the microtask queue never empties, so no task, timer or rendering runs',
    ],
    correctIndex: 3,
    explanation: 'The microtask queue is drained completely before the event loop moves on, so an endless chain starves tasks and rendering just like an infinite loop. setTimeout-based loops would let the page breathe.',
  },
  {
    id: 'fe-exp-mcq-03', kind: 'mcq', topic: 'browser-rendering', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What is the main cost of setting will-change: transform on hundreds of list items?',
    options: [
      'Each item may be promoted to its own compositor layer, raising GPU memory use and compositing work',
      'The items can no longer be animated with transform',
      'It disables hardware acceleration for the page',
      'It forces a synchronous layout on every scroll',
    ],
    correctIndex: 0,
    explanation: 'will-change hints layer promotion ahead of time. Layers cost memory and management overhead; apply it to the few elements about to animate and remove it afterwards.',
  },
  {
    id: 'fe-exp-mcq-04', kind: 'mcq', topic: 'performance', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Which of these layout shifts is excluded from Cumulative Layout Shift?',
    options: [
      'An ad slot injected above the article after load',
      'A web font swap that reflows a paragraph',
      'Content that moves within 500 ms after the user taps a button that expands it',
      'An image without dimensions that pushes text down as it loads',
    ],
    correctIndex: 2,
    explanation: 'Shifts within 500 ms of a discrete user input are flagged hadRecentInput and excluded, since the user expects them. The others are unexpected shifts.',
  },
  {
    id: 'fe-exp-mcq-05', kind: 'mcq', topic: 'performance', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What does Interaction to Next Paint (INP) report for a page visit?',
    options: [
      'The delay before the first interaction handler starts running',
      'The average latency of all interactions',
      'The time until the page becomes interactive after load',
      'A value close to the worst interaction latency (input to next frame), ignoring a few outliers on pages with many interactions',
    ],
    correctIndex: 3,
    explanation: 'INP observes clicks, taps and key presses over the whole visit and measures input delay plus processing plus presentation delay; it reports the worst, or a high percentile when there are many interactions. First Input Delay measured only the first input delay.',
  },
  {
    id: 'fe-exp-mcq-06', kind: 'mcq', topic: 'react-concurrency', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why should a component subscribe to an external mutable store with useSyncExternalStore rather than useEffect plus useState?',
    options: [
      'useEffect subscriptions are not allowed in concurrent mode',
      'It prevents tearing, where different components show different versions of the store during one concurrent render',
      'It makes store updates asynchronous',
      'It automatically persists the store to localStorage',
    ],
    correctIndex: 1,
    explanation: 'During an interruptible render the store may change between components. useSyncExternalStore reads a consistent snapshot and forces a synchronous re-render if it changed, and it also supports server snapshots.',
  },
  {
    id: 'fe-exp-mcq-07', kind: 'mcq', topic: 'rendering-strategies', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A server-rendered component shows new Date().toLocaleTimeString() and React reports a hydration mismatch. What is the correct fix?',
    options: [
      'Render the same output on the server and in the first client render, and set the client-only value in an effect after hydration',
      'Wrap the component in React.memo',
      'Call hydrateRoot twice',
      'Use suppressHydrationWarning on the root element of the app',
    ],
    correctIndex: 0,
    explanation: 'Hydration expects identical markup. Values that differ (time, locale, window checks) should be rendered after mount. suppressHydrationWarning only silences one element’s text mismatch and is not a general fix.',
  },
  {
    id: 'fe-exp-mcq-08', kind: 'mcq', topic: 'memory', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why is a WeakMap a good fit for caching computed data about DOM nodes?',
    options: [
      'It is faster than Map for every operation',
      'It can be iterated to find stale entries',
      'It keeps its keys weakly, so an entry can be garbage-collected once the node is no longer referenced elsewhere',
      'It stores entries in IndexedDB automatically',
    ],
    correctIndex: 2,
    explanation: 'WeakMap keys must be objects and do not keep them alive, so removed nodes do not leak through the cache. WeakMaps are not iterable and have no size.',
  },
  {
    id: 'fe-exp-mcq-09', kind: 'mcq', topic: 'browser-apis', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What happens when you call worker.postMessage({ onDone: () => {} })?',
    options: [
      'The function is serialised as a string and revived in the worker',
      'The property is silently dropped',
      'The function is shared by reference between threads',
      'It throws a DataCloneError, because functions cannot be structured-cloned',
    ],
    correctIndex: 3,
    explanation: 'postMessage uses the structured clone algorithm, which supports plain data, Maps, Dates, ArrayBuffers and more, but not functions, DOM nodes or class prototypes.',
  },
  {
    id: 'fe-exp-mcq-10', kind: 'mcq', topic: 'browser-apis', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Which response headers make a page cross-origin isolated, enabling SharedArrayBuffer and multi-threaded WebAssembly?',
    options: [
      'Access-Control-Allow-Origin: * and Vary: Origin',
      'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (or credentialless)',
      'Content-Security-Policy: default-src \'self\'',
      'Strict-Transport-Security with includeSubDomains',
    ],
    correctIndex: 1,
    explanation: 'COOP isolates the browsing context group and COEP ensures every subresource opted in; together they set crossOriginIsolated to true, which unlocks SharedArrayBuffer after the Spectre mitigations.',
  },
  {
    id: 'fe-exp-mcq-11', kind: 'mcq', topic: 'caching', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A response has Cache-Control: max-age=60, stale-while-revalidate=300. A request arrives 200 seconds after the response was fetched. What does the cache do?',
    options: [
      'Serves the cached response immediately and revalidates it in the background',
      'Serves it without contacting the server, since it is still fresh',
      'Blocks on a network revalidation before responding',
      'Deletes the entry and fetches a new one, as 200 s exceeds max-age',
    ],
    correctIndex: 0,
    explanation: 'Fresh for 60 s; from 60 to 360 s it is stale but may be served while a background revalidation runs; after 360 s the cache must revalidate before using it.',
  },
  {
    id: 'fe-exp-mcq-12', kind: 'mcq', topic: 'networking', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What is the main transport-level improvement of HTTP/3 over HTTP/2?',
    options: [
      'It adds request multiplexing, which HTTP/2 lacked',
      'It replaces TLS with a faster custom encryption',
      'It runs over QUIC on UDP, so a lost packet stalls only its own stream instead of all streams on the connection',
      'It removes the need for DNS lookups',
    ],
    correctIndex: 2,
    explanation: 'HTTP/2 multiplexes over one TCP connection, where packet loss blocks every stream (head-of-line blocking). QUIC gives independent streams, integrates TLS 1.3 and supports connection migration.',
  },
  {
    id: 'fe-exp-mcq-13', kind: 'mcq', topic: 'security', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What does rel="noopener" on a link with target="_blank" prevent?',
    options: [
      'The new page from setting cookies',
      'The new page from being indexed by search engines',
      'Sending the Referer header',
      'The opened page from using window.opener to navigate or script the original tab (reverse tabnabbing)',
    ],
    correctIndex: 3,
    explanation: 'Without noopener the opened page gets a window.opener reference and can redirect the original tab to a phishing page. Modern browsers imply noopener for target="_blank"; noreferrer also drops the Referer.',
  },
  {
    id: 'fe-exp-mcq-14', kind: 'mcq', topic: 'security', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: "When a page enforces CSP require-trusted-types-for 'script', what happens on element.innerHTML = userString?",
    options: [
      'The string is sanitised automatically',
      'It throws a TypeError, because the sink only accepts TrustedHTML created by an allowed policy',
      'It works, but scripts inside are stripped',
      'It is logged as a warning and executed normally',
    ],
    correctIndex: 1,
    explanation: 'Trusted Types lock DOM XSS sinks (innerHTML, eval, script src and others) so only values produced by reviewed policies are accepted, making injection points auditable.',
  },
  {
    id: 'fe-exp-mcq-15', kind: 'mcq', topic: 'security', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A session cookie has SameSite=Lax. Which cross-site request will include it?',
    options: [
      'A form POST from another site to your endpoint',
      'A fetch() from another site with credentials: "include"',
      'An <img> on another site pointing at your URL',
      'A top-level GET navigation when the user clicks a link from another site',
    ],
    correctIndex: 3,
    explanation: 'Lax sends cookies on cross-site top-level navigations with safe methods only, which keeps sign-in working from external links while blocking most CSRF vectors.',
  },
  {
    id: 'fe-exp-mcq-16', kind: 'mcq', topic: 'css-layout', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A rule inside @container (min-width: 400px) never applies, although the card is 600 px wide. What is the most likely cause?',
    options: [
      'No ancestor of the card establishes a query container with container-type (for example inline-size)',
      'Container queries only support max-width',
      'Container queries require JavaScript',
      'The card must have display: grid',
    ],
    correctIndex: 0,
    explanation: 'Elements are not query containers by default. An ancestor needs container-type: inline-size (or size); the query then matches against that container, never against the element itself.',
  },
  {
    id: 'fe-exp-mcq-17', kind: 'mcq', topic: 'css-cascade', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Which elements does .card:has(> img) select?',
    options: [
      'img elements that are direct children of .card',
      'Every .card that contains an img anywhere inside it',
      'Elements with class card that have an img as a direct child',
      'Elements with class card that come right after an img',
    ],
    correctIndex: 2,
    explanation: ':has() takes relative selectors; "> img" means a direct child. The selector matches the .card itself, which is why :has() is called the parent selector.',
  },
  {
    id: 'fe-exp-mcq-18', kind: 'mcq', topic: 'performance', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Which font-display value avoids both invisible text and a late font swap, at the cost of sometimes not using the web font at all?',
    options: ['swap', 'block', 'optional', 'auto'],
    correctIndex: 2,
    explanation: 'optional gives the font a very short block period and uses it only if it is ready almost immediately (for example cached), avoiding layout shifts. swap shows fallback text and swaps later; block hides text for up to about 3 s.',
  },
  {
    id: 'fe-exp-mcq-19', kind: 'mcq', topic: 'javascript-core', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Which statement about Array.prototype.sort in modern JavaScript (ES2019 and later) is correct?',
    options: [
      'It is stable: elements that compare equal keep their original relative order',
      'Without a comparator it sorts numbers numerically',
      'It returns a new array and leaves the original unchanged',
      'Its stability depends on the browser',
    ],
    correctIndex: 0,
    explanation: 'ES2019 requires a stable sort. The default comparator compares strings ([10, 9, 1].sort() gives [1, 10, 9]), and sort mutates in place; toSorted returns a copy.',
  },
  {
    id: 'fe-exp-mcq-20', kind: 'mcq', topic: 'build-tooling', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why can a large barrel file (an index.ts re-exporting every module of a package) hurt build and runtime performance?',
    options: [
      'TypeScript cannot compile re-exports',
      'Importing one symbol can force the tool to load and evaluate every re-exported module, unless it can prove they have no side effects',
      'Barrel files disable minification',
      'Re-exports are resolved at runtime through a network request each',
    ],
    correctIndex: 1,
    explanation: 'Dev servers and test runners must follow every re-export, and bundlers keep modules with possible side effects. Direct imports or sideEffects: false in package.json avoid the cost.',
  },
  {
    id: 'fe-exp-mcq-21', kind: 'mcq', topic: 'service-workers', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A new service worker version installs successfully but open tabs keep running the old one. Why?',
    options: [
      'Browsers only check for updates once a week',
      'The new worker failed its fetch handler',
      'The cache storage is full',
      'The new worker waits until no client is controlled by the old one, unless it calls skipWaiting()',
    ],
    correctIndex: 3,
    explanation: 'Only one version controls clients at a time; the new one stays in the waiting state until all old clients close. skipWaiting plus clients.claim takes over immediately, with the risk of mixing versions.',
  },
  {
    id: 'fe-exp-mcq-22', kind: 'mcq', topic: 'react-state', difficulty: 3, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What is the idiomatic way to reset all internal state of <Profile userId={id} /> whenever id changes?',
    options: [
      'Render it as <Profile key={id} userId={id} />',
      'Call every setter in a useEffect that depends on id',
      'Wrap it in React.memo with a custom comparator',
      'Force a page reload',
    ],
    correctIndex: 0,
    explanation: 'A different key makes React treat it as a new component instance: the old one unmounts with its state and a fresh one mounts. Resetting in an effect renders stale state first.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'fe-exp-code-01', kind: 'coding', topic: 'css-cascade', difficulty: 5, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Compute selector specificity',
    statement:
      'Write specificity(selector) returning [a, b, c] for one complex CSS selector (no top-level commas). a counts ID selectors; b counts classes, attribute selectors and pseudo-classes; c counts type selectors and pseudo-elements. The universal selector * and combinators (space, >, +, ~) count nothing. Pseudo-elements are written with "::"; the legacy single-colon forms :before, :after, :first-line and :first-letter also count as pseudo-elements. :is(), :not() and :has() contribute the specificity of their most specific argument (arguments are comma-separated selectors, and :has() arguments may start with a combinator). :where() contributes zero. Any other functional pseudo-class, such as :nth-child(2n+1) or :lang(en), counts as one pseudo-class and its argument is ignored. Attribute values may be quoted and contain any characters. Compare specificities left to right.',
    language: 'typescript',
    functionName: 'specificity',
    signature: 'function specificity(selector: string): [number, number, number]',
    starterCode: 'function specificity(selector: string): [number, number, number] {\n  // your code here\n  return [0, 0, 0];\n}\n',
    referenceSolution: `function specificity(selector) {
  const LEGACY = new Set(['before', 'after', 'first-line', 'first-letter']);
  const compare = (x, y) => (x[0] - y[0]) || (x[1] - y[1]) || (x[2] - y[2]);
  const readName = (s, i) => { let j = i; while (j < s.length && /[\\w-]/.test(s[j])) j++; return j; };
  const skipQuoted = (s, i) => { const q = s[i]; let j = i + 1; while (j < s.length && s[j] !== q) j += s[j] === '\\\\' ? 2 : 1; return j + 1; };
  const closeOf = (s, i, open, close) => {
    let depth = 0;
    for (let j = i; j < s.length; ) {
      const ch = s[j];
      if (ch === '"' || ch === "'") { j = skipQuoted(s, j); continue; }
      if (ch === open) depth++;
      else if (ch === close) { depth--; if (depth === 0) return j + 1; }
      j++;
    }
    return s.length;
  };
  const splitTop = (s) => {
    const parts = []; let depth = 0; let start = 0;
    for (let j = 0; j < s.length; ) {
      const ch = s[j];
      if (ch === '"' || ch === "'") { j = skipQuoted(s, j); continue; }
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
      else if (ch === ',' && depth === 0) { parts.push(s.slice(start, j)); start = j + 1; }
      j++;
    }
    parts.push(s.slice(start));
    return parts;
  };
  const spec = (s) => {
    let a = 0, b = 0, c = 0, i = 0;
    while (i < s.length) {
      const ch = s[i];
      if (ch === '#') { a++; i = readName(s, i + 1); }
      else if (ch === '.') { b++; i = readName(s, i + 1); }
      else if (ch === '[') { b++; i = closeOf(s, i, '[', ']'); }
      else if (ch === ':' && s[i + 1] === ':') {
        c++; i = readName(s, i + 2);
        if (s[i] === '(') i = closeOf(s, i, '(', ')');
      } else if (ch === ':') {
        const end = readName(s, i + 1);
        const name = s.slice(i + 1, end).toLowerCase();
        if (s[end] === '(') {
          const close = closeOf(s, end, '(', ')');
          const inner = s.slice(end + 1, close - 1);
          if (name === 'is' || name === 'not' || name === 'has') {
            const best = splitTop(inner).map(spec).reduce((m, x) => (compare(x, m) > 0 ? x : m), [0, 0, 0]);
            a += best[0]; b += best[1]; c += best[2];
          } else if (name !== 'where') {
            b++;
          }
          i = close;
        } else {
          if (LEGACY.has(name)) c++; else b++;
          i = end;
        }
      } else if (/[A-Za-z]/.test(ch)) { c++; i = readName(s, i); }
      else i++;
    }
    return [a, b, c];
  };
  return spec(selector.trim());
}`,
    exampleTests: [
      { args: ['#nav .item a:hover'], expected: [1, 2, 1] },
      { args: [':where(#main) .btn'], expected: [0, 1, 0] },
    ],
    hiddenTests: [
      { args: ['div'], expected: [0, 0, 1] },
      { args: ['*'], expected: [0, 0, 0] },
      { args: ['ul li:nth-child(2n+1) > a'], expected: [0, 1, 3] },
      { args: [':is(#a, .b) span'], expected: [1, 0, 1] },
      { args: ['a:not(.x, .y.z)'], expected: [0, 2, 1] },
      { args: ['input[type="text"]:focus::placeholder'], expected: [0, 2, 2] },
      { args: ['p:first-line'], expected: [0, 0, 2] },
      { args: ['.card:has(> img, > picture.hero)'], expected: [0, 2, 1] },
      { args: ['[data-x="a]b, c"]'], expected: [0, 1, 0] },
      { args: ['li:nth-child(odd):not(:where(.x))'], expected: [0, 1, 1] },
      { args: ['html body #app > main ~ section + .x::before'], expected: [1, 1, 5] },
    ],
  },
  {
    id: 'fe-exp-code-02', kind: 'coding', topic: 'react-rendering', difficulty: 5, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Minimal moves for a keyed list update',
    statement:
      'When a keyed list changes, a renderer removes nodes whose keys disappeared, creates nodes for new keys, and moves as few of the kept nodes as possible: the kept nodes that already appear in increasing old-position order (a longest increasing subsequence) stay put, every other kept node is moved. Write planListUpdate(oldKeys, newKeys) returning { removed, inserted, moves }: removed lists keys only in oldKeys (in old order), inserted lists keys only in newKeys (in new order), and moves is the minimum number of kept nodes that must move. Keys are unique within each list. Aim for O(n log n).',
    language: 'typescript',
    functionName: 'planListUpdate',
    signature: 'function planListUpdate(oldKeys: string[], newKeys: string[]): { removed: string[]; inserted: string[]; moves: number }',
    starterCode:
      'function planListUpdate(oldKeys: string[], newKeys: string[]): { removed: string[]; inserted: string[]; moves: number } {\n  // your code here\n  return { removed: [], inserted: [], moves: 0 };\n}\n',
    referenceSolution: `function planListUpdate(oldKeys, newKeys) {
  const oldIndex = new Map(oldKeys.map((k, i) => [k, i]));
  const newSet = new Set(newKeys);
  const removed = oldKeys.filter((k) => !newSet.has(k));
  const inserted = newKeys.filter((k) => !oldIndex.has(k));
  const sequence = newKeys.filter((k) => oldIndex.has(k)).map((k) => oldIndex.get(k));
  const tails = [];
  for (const x of sequence) {
    let lo = 0, hi = tails.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (tails[mid] < x) lo = mid + 1; else hi = mid; }
    tails[lo] = x;
  }
  return { removed, inserted, moves: sequence.length - tails.length };
}`,
    exampleTests: [
      { args: [['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c']], expected: { removed: [], inserted: [], moves: 1 } },
      { args: [['a', 'b', 'c'], ['c', 'x', 'a']], expected: { removed: ['b'], inserted: ['x'], moves: 1 } },
    ],
    hiddenTests: [
      { args: [['a', 'b', 'c'], ['a', 'b', 'c']], expected: { removed: [], inserted: [], moves: 0 } },
      { args: [['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a']], expected: { removed: [], inserted: [], moves: 3 } },
      { args: [[], ['a', 'b']], expected: { removed: [], inserted: ['a', 'b'], moves: 0 } },
      { args: [['a', 'b'], []], expected: { removed: ['a', 'b'], inserted: [], moves: 0 } },
      { args: [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], ['b', 'c', 'a', 'd', 'h', 'e', 'f', 'g']], expected: { removed: [], inserted: [], moves: 2 } },
      { args: [['k1', 'k2', 'k3', 'k4', 'k5'], ['k5', 'n1', 'k1', 'k3', 'n2', 'k2']], expected: { removed: ['k4'], inserted: ['n1', 'n2'], moves: 2 } },
    ],
  },
  {
    id: 'fe-exp-code-03', kind: 'coding', topic: 'css-layout', difficulty: 4, archetypes: ['frontend'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Masonry layout with spanning items',
    statement:
      'Write masonry(items, columns, gap) for a masonry grid. Items are placed in order; item i has a height and an optional span (default 1, clamped to columns). For an item spanning s columns, consider every start column c from 0 to columns - s; its top would be the maximum current height of columns c..c+s-1. Choose the start with the smallest top, the leftmost on ties. Place the item there and set the height of each spanned column to top + height + gap. Return { positions, height }: positions[i] is { column, top } for item i, and height is the total height of the grid, the tallest column without its trailing gap (0 for no items). columns is at least 1.',
    language: 'typescript',
    functionName: 'masonry',
    signature: 'function masonry(items: Array<{ height: number; span?: number }>, columns: number, gap: number): { positions: Array<{ column: number; top: number }>; height: number }',
    starterCode:
      'function masonry(items: Array<{ height: number; span?: number }>, columns: number, gap: number): { positions: Array<{ column: number; top: number }>; height: number } {\n  // your code here\n  return { positions: [], height: 0 };\n}\n',
    referenceSolution: `function masonry(items, columns, gap) {
  const cols = new Array(columns).fill(0);
  const positions = [];
  for (const item of items) {
    const span = Math.min(Math.max(1, item.span || 1), columns);
    let bestStart = 0;
    let bestTop = Infinity;
    for (let c = 0; c + span <= columns; c++) {
      let top = 0;
      for (let k = c; k < c + span; k++) top = Math.max(top, cols[k]);
      if (top < bestTop) { bestTop = top; bestStart = c; }
    }
    for (let k = bestStart; k < bestStart + span; k++) cols[k] = bestTop + item.height + gap;
    positions.push({ column: bestStart, top: bestTop });
  }
  const height = items.length === 0 ? 0 : Math.max(...cols) - gap;
  return { positions, height };
}`,
    exampleTests: [
      {
        args: [[{ height: 100 }, { height: 50 }, { height: 80 }], 2, 10],
        expected: { positions: [{ column: 0, top: 0 }, { column: 1, top: 0 }, { column: 1, top: 60 }], height: 140 },
      },
    ],
    hiddenTests: [
      { args: [[], 3, 8], expected: { positions: [], height: 0 } },
      {
        args: [[{ height: 100 }, { height: 40 }, { height: 30, span: 2 }], 2, 0],
        expected: { positions: [{ column: 0, top: 0 }, { column: 1, top: 0 }, { column: 0, top: 100 }], height: 130 },
      },
      { args: [[{ height: 10, span: 5 }], 3, 4], expected: { positions: [{ column: 0, top: 0 }], height: 10 } },
      {
        args: [[{ height: 10 }, { height: 10 }, { height: 10 }, { height: 10 }], 3, 2],
        expected: { positions: [{ column: 0, top: 0 }, { column: 1, top: 0 }, { column: 2, top: 0 }, { column: 0, top: 12 }], height: 22 },
      },
      {
        args: [[{ height: 50 }, { height: 20 }, { height: 30 }, { height: 10, span: 2 }], 3, 0],
        expected: { positions: [{ column: 0, top: 0 }, { column: 1, top: 0 }, { column: 2, top: 0 }, { column: 1, top: 30 }], height: 50 },
      },
      { args: [[{ height: 5 }, { height: 7 }], 1, 3], expected: { positions: [{ column: 0, top: 0 }, { column: 0, top: 8 }], height: 15 } },
    ],
  },
];
