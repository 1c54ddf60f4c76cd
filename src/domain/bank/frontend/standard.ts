import type { BankItem } from '../bank-item';

/** Frontend, standard depth: fundamentals of the web platform, CSS, JavaScript and React. */
export const FRONTEND_STANDARD: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'fe-std-spk-01', kind: 'spoken', topic: 'javascript-core', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Explain the difference between let, const and var in JavaScript.',
    referenceAnswer:
      'var is function-scoped and hoisted with the value undefined, so it can be read before its declaration and leaks out of blocks such as if and for. let and const are block-scoped and also hoisted, but sit in the temporal dead zone until the declaration runs, so reading them early throws. const prevents reassignment of the binding, but an object or array held in a const can still be mutated. In modern code you default to const and use let when you need to reassign.',
    keyConcepts: ['block scope', 'function scope', 'hoisting', 'temporal dead zone', 'reassign'],
  },
  {
    id: 'fe-std-spk-02', kind: 'spoken', topic: 'css-layout', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'When would you choose CSS Grid over Flexbox, and when Flexbox over Grid?',
    referenceAnswer:
      'Flexbox lays items out in one dimension, a row or a column, and is content-driven: item sizes come from their content and flex-grow or flex-shrink, which suits toolbars, navigation bars and centring. Grid is two-dimensional: you define rows and columns and place items into them, which suits page layouts, card galleries and anything that must line up in both directions. They combine well: a grid for the page, flex inside a card for its header and buttons.',
    keyConcepts: ['one dimension', 'two dimensions', 'rows and columns', 'content', 'alignment'],
  },
  {
    id: 'fe-std-spk-03', kind: 'spoken', topic: 'async-javascript', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Describe how the JavaScript event loop handles a setTimeout callback compared with a callback attached to a resolved promise.',
    referenceAnswer:
      'JavaScript runs on a single thread with a call stack. When the stack is empty the event loop takes the next task from the task queue, and a setTimeout callback is queued as such a task once its delay has passed, so the delay is a minimum, not a guarantee. Promise callbacks go to the microtask queue, which is drained completely after the current task finishes and before the next task or rendering. So a resolved promise callback runs before a setTimeout with zero delay.',
    keyConcepts: ['single thread', 'call stack', 'task queue', 'microtask', 'runs first'],
  },
  {
    id: 'fe-std-spk-04', kind: 'spoken', topic: 'accessibility', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What makes a web form accessible to keyboard and screen reader users?',
    referenceAnswer:
      'Every input needs a visible label tied to it with the label element or aria-labelledby, so a screen reader announces what the field is. Use native elements such as input, select and button so keyboard support comes for free, keep a logical tab order and a visible focus indicator. Group related controls with fieldset and legend, mark required fields in text and not only with colour, and connect error messages to their field with aria-describedby, moving focus or announcing errors when the form is submitted.',
    keyConcepts: ['label', 'keyboard', 'focus', 'error message', 'screen reader', 'native elements'],
  },
  {
    id: 'fe-std-spk-05', kind: 'spoken', topic: 'react-state', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'In React, what is the difference between props and state, and how do you decide where a piece of state should live?',
    referenceAnswer:
      'Props are inputs a component receives from its parent and must treat as read-only. State is data the component owns and changes over time, and setting it makes React re-render the component. State should live in the closest common parent of all components that read or change it; if two siblings need it you lift state up and pass it down as props with callbacks. Anything that can be computed from props or other state should be derived during render rather than stored twice.',
    keyConcepts: ['props', 'state', 'read-only', 're-render', 'lift state up', 'derived'],
  },
  {
    id: 'fe-std-spk-06', kind: 'spoken', topic: 'dom-events', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Explain event bubbling and event delegation, and why delegation can be useful.',
    referenceAnswer:
      'A DOM event travels down from the window to the target in the capture phase and then bubbles back up through every ancestor. Event delegation uses bubbling: instead of adding a listener to every list item you add one listener on the parent and check event.target, for example with closest, to find which item was clicked. That means fewer listeners and less memory, and it works for items added to the list later without wiring new handlers. stopPropagation halts the bubbling when needed.',
    keyConcepts: ['bubbling', 'parent element', 'event target', 'one listener', 'added later'],
  },
  {
    id: 'fe-std-spk-07', kind: 'spoken', topic: 'css-cascade', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How does the browser decide which CSS rule wins when several rules set the same property on one element?',
    referenceAnswer:
      'The cascade decides. First it compares origin and importance, so important declarations beat normal ones, and cascade layers are compared next. Then specificity: inline styles beat ID selectors, which beat classes, attributes and pseudo-classes, which beat element selectors. If specificity is equal, the rule that appears later in the source wins. Inherited values only apply when no rule targets the element directly.',
    keyConcepts: ['cascade', 'specificity', 'source order', 'important', 'inline style'],
  },
  {
    id: 'fe-std-spk-08', kind: 'spoken', topic: 'performance', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'A page feels slow to load. What would you check first, and which tools would you use?',
    referenceAnswer:
      'I would measure before changing anything: run Lighthouse and look at the Core Web Vitals such as Largest Contentful Paint, then open the network tab in DevTools with throttling to see what is downloaded, how big it is and what blocks rendering. Typical culprits are a large JavaScript bundle, unoptimised or oversized images, render-blocking scripts and stylesheets, missing compression and missing caching headers. Fixes include code splitting, lazy loading, modern image formats, defer on scripts and a CDN.',
    keyConcepts: ['Lighthouse', 'network tab', 'bundle size', 'images', 'caching', 'Largest Contentful Paint'],
  },
  {
    id: 'fe-std-spk-09', kind: 'spoken', topic: 'networking', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What happens, at a high level, between typing a URL into the browser and seeing the page?',
    referenceAnswer:
      'The browser resolves the host name through DNS, opens a TCP connection and negotiates TLS for HTTPS, then sends an HTTP request. The server responds with HTML, which the browser parses into the DOM while fetching referenced CSS, JavaScript and images. CSS becomes the CSSOM; together they form the render tree, the browser computes layout, then paints and composites the pixels. Scripts can block parsing unless they are deferred or async.',
    keyConcepts: ['DNS', 'TLS', 'HTTP request', 'DOM', 'layout', 'paint'],
  },
  {
    id: 'fe-std-spk-10', kind: 'spoken', topic: 'security', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What is cross-site scripting, and how do you prevent it in a frontend application?',
    referenceAnswer:
      'Cross-site scripting, XSS, is when untrusted input such as a comment or a URL parameter ends up executed as script in another user\'s page, letting an attacker act as that user or steal data. Prevention is to treat data as text: let the framework escape output, avoid innerHTML and dangerouslySetInnerHTML, and sanitize with a library like DOMPurify when HTML is really needed. Add a Content Security Policy as a second layer and keep session cookies HttpOnly so scripts cannot read them.',
    keyConcepts: ['untrusted input', 'escape', 'innerHTML', 'sanitize', 'Content Security Policy'],
  },
  {
    id: 'fe-std-spk-11', kind: 'spoken', topic: 'testing', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How would you test a React component that fetches data, shows a loading state and then the result?',
    referenceAnswer:
      'I would render it with React Testing Library and control the network at the boundary, for example with Mock Service Worker or an injected fetch function, so the component runs its real code. First assert the loading state is shown, then await the result with a findBy query and assert what the user sees. I would add a test where the request fails and check the error state, and query by role and text rather than implementation details so refactors do not break the tests.',
    keyConcepts: ['loading state', 'mock the request', 'await', 'what the user sees', 'error state'],
  },
  {
    id: 'fe-std-spk-12', kind: 'spoken', topic: 'browser-storage', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Compare cookies, localStorage and sessionStorage. When would you use each?',
    referenceAnswer:
      'Cookies are small, about four kilobytes, and are sent to the server with every matching request; they can be HttpOnly, Secure and SameSite, which makes them the right place for session identifiers. localStorage holds a few megabytes of strings per origin, persists until cleared and is synchronous and readable by any script, so it suits preferences, not secrets. sessionStorage has the same API but is scoped to one tab and cleared when the tab closes, useful for a draft or wizard step.',
    keyConcepts: ['sent with every request', 'HttpOnly', 'persists', 'per tab', 'synchronous'],
  },
  {
    id: 'fe-std-spk-13', kind: 'spoken', topic: 'html-semantics', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Why does semantic HTML matter? Give examples of elements you would use instead of generic divs.',
    referenceAnswer:
      'Semantic elements tell browsers, assistive technology and search engines what content is. Screen reader users navigate by landmarks and headings, so header, nav, main, footer, article and a sensible heading order matter. A real button is focusable and works with Enter and Space, while a div with a click handler is not. Lists, tables with th and label elements carry meaning too. It also makes code easier to read and usually needs less ARIA.',
    keyConcepts: ['screen reader', 'landmarks', 'button', 'nav', 'main', 'headings'],
  },
  {
    id: 'fe-std-spk-14', kind: 'spoken', topic: 'responsive-design', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How do you make a layout work well on both phones and desktop screens?',
    referenceAnswer:
      'Start with the viewport meta tag and a mobile-first stylesheet, then add media queries at breakpoints where the content needs more room. Use fluid layouts with flexbox or grid, relative units such as rem and percentages, and images that scale with max-width and srcset. Container queries let a component adapt to the space it is given. Touch targets must be large enough, and I test on real devices or device emulation in DevTools.',
    keyConcepts: ['viewport', 'media queries', 'mobile first', 'relative units', 'breakpoints'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'fe-std-mcq-01', kind: 'mcq', topic: 'javascript-core', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does typeof null evaluate to in JavaScript?',
    options: ['"null"', '"object"', '"undefined"', '"number"'],
    correctIndex: 1,
    explanation: 'typeof null is "object", a historical bug kept for compatibility. Check for null with === null.',
  },
  {
    id: 'fe-std-mcq-02', kind: 'mcq', topic: 'javascript-core', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does ["1", "2", "3"].map(parseInt) return?',
    options: ['[1, NaN, NaN]', '[1, 2, 3]', '[1, NaN, 3]', 'It throws a TypeError'],
    correctIndex: 0,
    explanation: 'map passes (value, index), so the calls are parseInt("1", 0) = 1, parseInt("2", 1) = NaN (radix 1 is invalid) and parseInt("3", 2) = NaN (3 is not a binary digit).',
  },
  {
    id: 'fe-std-mcq-03', kind: 'mcq', topic: 'javascript-core', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is the result of 0.1 + 0.2 === 0.3 in JavaScript?',
    options: ['true', 'It throws a RangeError', 'false, because + concatenates the numbers as strings', 'false, because of binary floating-point rounding'],
    correctIndex: 3,
    explanation: 'Numbers are IEEE 754 doubles; 0.1 and 0.2 have no exact binary form, so the sum is 0.30000000000000004. Compare with a tolerance such as Number.EPSILON.',
  },
  {
    id: 'fe-std-mcq-04', kind: 'mcq', topic: 'css-layout', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which declaration lets the items of a flex container move onto several lines when they do not fit?',
    options: ['flex-direction: column', 'display: inline-flex', 'align-content: stretch', 'flex-wrap: wrap'],
    correctIndex: 3,
    explanation: 'Flex items stay on one line by default (flex-wrap: nowrap). flex-wrap: wrap lets them break onto new lines; align-content then distributes those lines.',
  },
  {
    id: 'fe-std-mcq-05', kind: 'mcq', topic: 'css-layout', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'An element has box-sizing: border-box; width: 200px; padding: 20px; border: 5px solid. How wide is its border box?',
    options: ['200px', '240px', '250px', '210px'],
    correctIndex: 0,
    explanation: 'With border-box, width includes padding and border, so the box is 200px wide and the content area shrinks to 150px. With content-box it would be 250px.',
  },
  {
    id: 'fe-std-mcq-06', kind: 'mcq', topic: 'css-cascade', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which selector has the highest specificity?',
    options: ['.nav .item a:hover', 'nav ul li a', '#nav .item a', 'a.item.active'],
    correctIndex: 2,
    explanation: 'An ID outweighs any number of classes: #nav .item a is (1,1,1), .nav .item a:hover is (0,3,1), a.item.active is (0,2,1) and nav ul li a is (0,0,4).',
  },
  {
    id: 'fe-std-mcq-07', kind: 'mcq', topic: 'html-semantics', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which element is most appropriate for a control that takes the user to another page?',
    options: ['<div onclick="...">', '<button type="button">', '<a href="...">', '<span role="button">'],
    correctIndex: 2,
    explanation: 'Navigation is a link: <a href> is focusable, announced as a link, supports open-in-new-tab and works without JavaScript. Buttons are for actions on the current page.',
  },
  {
    id: 'fe-std-mcq-08', kind: 'mcq', topic: 'accessibility', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'How should a purely decorative image be marked up so screen readers skip it?',
    options: ['Leave out the alt attribute', 'alt=""', 'alt="image"', 'alt="decorative"'],
    correctIndex: 1,
    explanation: 'An empty alt tells assistive technology to ignore the image. Without alt, many screen readers read the file name instead.',
  },
  {
    id: 'fe-std-mcq-09', kind: 'mcq', topic: 'dom-events', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does event.stopPropagation() do?',
    options: [
      'Stops the event from travelling further along its propagation path, such as bubbling to ancestors',
      "Prevents the browser's default action, such as following a link",
      'Removes the listener that is currently running',
      'Cancels every other listener registered on the same element',
    ],
    correctIndex: 0,
    explanation: 'stopPropagation halts capture/bubbling but not the default action (that is preventDefault) and not other listeners on the same element (that is stopImmediatePropagation).',
  },
  {
    id: 'fe-std-mcq-10', kind: 'mcq', topic: 'async-javascript', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: "In what order is the output printed? console.log('A'); setTimeout(() => console.log('B'), 0); Promise.resolve().then(() => console.log('C')); console.log('D');",
    options: ['A B C D', 'A D B C', 'A D C B', 'A C D B'],
    correctIndex: 2,
    explanation: 'Synchronous code runs first (A, D); then the microtask queue runs the promise callback (C); the timer callback is a separate task and runs last (B).',
  },
  {
    id: 'fe-std-mcq-11', kind: 'mcq', topic: 'react-basics', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Why does React ask for a key prop on elements rendered from an array?',
    options: [
      'Keys raise the CSS specificity of list items',
      'Keys make list items focusable with the keyboard',
      'JSX does not compile without them',
      'They let React match items between renders so each keeps its own state and DOM node',
    ],
    correctIndex: 3,
    explanation: 'Keys identify items across renders. Stable keys (ids, not array indexes when the list can reorder) keep state and DOM attached to the right item. Missing keys give a warning, not a compile error.',
  },
  {
    id: 'fe-std-mcq-12', kind: 'mcq', topic: 'react-state', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'count is 0. A click handler calls setCount(count + 1) twice in a row. What is count after the next render?',
    options: ['2', '1', '0', 'React throws an error'],
    correctIndex: 1,
    explanation: 'Both calls read the same snapshot of count (0), so both set it to 1. Use the updater form setCount(c => c + 1) to apply updates in sequence.',
  },
  {
    id: 'fe-std-mcq-13', kind: 'mcq', topic: 'react-hooks', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'When does an effect declared with useEffect(fn, []) run (outside of Strict Mode development checks)?',
    options: [
      'Before every render',
      'After every render',
      'Once after the component is first rendered, with its cleanup on unmount',
      "Whenever the component's props change",
    ],
    correctIndex: 2,
    explanation: 'An empty dependency array means the effect has no reactive dependencies: it runs after mount and cleans up on unmount. In development Strict Mode React mounts twice to surface missing cleanups.',
  },
  {
    id: 'fe-std-mcq-14', kind: 'mcq', topic: 'networking', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'A page on https://app.example.com calls fetch("https://api.example.com/data"). What decides whether the page may read the response?',
    options: [
      "The browser's cookie settings",
      'The Access-Control-Allow-Origin header in the API response',
      'A CORS header that the page adds to its request',
      'The Content-Type of the request',
    ],
    correctIndex: 1,
    explanation: 'The two origins differ (different host), so CORS applies: the server must allow the origin in Access-Control-Allow-Origin. The client cannot grant itself access.',
  },
  {
    id: 'fe-std-mcq-15', kind: 'mcq', topic: 'networking', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does the response header Cache-Control: no-cache mean?',
    options: [
      'The response may be stored, but must be revalidated with the server before each use',
      'The response must never be stored anywhere',
      'The response may be reused for one hour without asking the server',
      'Only shared proxies may cache the response',
    ],
    correctIndex: 0,
    explanation: 'no-cache allows storing but requires revalidation (for example with ETag / If-None-Match). no-store is the directive that forbids storing.',
  },
  {
    id: 'fe-std-mcq-16', kind: 'mcq', topic: 'security', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which cookie attribute stops JavaScript on the page from reading the cookie?',
    options: ['Secure', 'SameSite=Strict', 'HttpOnly', 'Path=/'],
    correctIndex: 2,
    explanation: 'HttpOnly hides the cookie from document.cookie, limiting what an XSS attack can steal. Secure restricts it to HTTPS; SameSite limits cross-site sending.',
  },
  {
    id: 'fe-std-mcq-17', kind: 'mcq', topic: 'performance', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does loading="lazy" on an <img> do?',
    options: [
      'Decodes the image on a background thread',
      'Loads a low-resolution version first',
      'Lowers the image priority below all scripts',
      'Defers fetching the image until it is near the viewport',
    ],
    correctIndex: 3,
    explanation: 'Native lazy loading delays off-screen images until the user scrolls near them. Do not lazy-load the hero image: it would delay Largest Contentful Paint.',
  },
  {
    id: 'fe-std-mcq-18', kind: 'mcq', topic: 'performance', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which statement about <script defer src="app.js"> is true?',
    options: [
      'It downloads in parallel with parsing and runs after the document is parsed, in document order',
      'It runs as soon as it has downloaded, in any order',
      'It blocks HTML parsing until it has run',
      'It runs only after every image on the page has loaded',
    ],
    correctIndex: 0,
    explanation: 'defer scripts do not block parsing and run in order just before DOMContentLoaded. async scripts run as soon as they arrive, in no guaranteed order.',
  },
  {
    id: 'fe-std-mcq-19', kind: 'mcq', topic: 'browser-storage', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'After localStorage.setItem("n", 5), what does localStorage.getItem("n") return?',
    options: ['the number 5', 'null', 'undefined', 'the string "5"'],
    correctIndex: 3,
    explanation: 'Web Storage stores strings only; values are converted with String(). Store structured data with JSON.stringify and read it with JSON.parse.',
  },
  {
    id: 'fe-std-mcq-20', kind: 'mcq', topic: 'javascript-core', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Given const a = [1, 2]; const b = [1, 2]; what is a === b?',
    options: ['true, arrays with equal contents are equal', 'false, objects are compared by reference', 'true, because === compares values', 'It throws a TypeError'],
    correctIndex: 1,
    explanation: 'Arrays are objects; === compares identity, and a and b are two different arrays. Compare contents element by element or with a deep-equality helper.',
  },
  {
    id: 'fe-std-mcq-21', kind: 'mcq', topic: 'testing', difficulty: 1, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'In React Testing Library, which query is recommended for finding a "Save" button?',
    options: [
      'getByRole("button", { name: "Save" })',
      'getByTestId("save-button")',
      'container.querySelector("button.save")',
      'getByText("Save", { selector: "div" })',
    ],
    correctIndex: 0,
    explanation: 'Role queries find elements the way users and assistive technology do and also check the button is accessible. Test ids are a last resort.',
  },
  {
    id: 'fe-std-mcq-22', kind: 'mcq', topic: 'css-layout', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'An element with position: absolute is positioned relative to what?',
    options: [
      'Always the viewport',
      'Always its parent element',
      'The document body',
      'Its nearest ancestor whose position is not static, or the initial containing block if there is none',
    ],
    correctIndex: 3,
    explanation: 'Absolute positioning uses the nearest positioned ancestor (relative, absolute, fixed or sticky) as its containing block; that is why cards often get position: relative.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'fe-std-code-01', kind: 'coding', topic: 'javascript-core', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 600,
    title: 'Human-readable file size',
    statement:
      'Write formatBytes(bytes) for an upload widget. Use units B, KB, MB, GB, TB with a factor of 1024. Pick the largest unit for which the value is at least 1, round to one decimal place and drop a trailing ".0". Put one space between number and unit. 0 gives "0 B".',
    language: 'typescript',
    functionName: 'formatBytes',
    signature: 'function formatBytes(bytes: number): string',
    starterCode: 'function formatBytes(bytes: number): string {\n  // your code here\n  return "";\n}\n',
    referenceSolution: `function formatBytes(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  return String(rounded) + ' ' + units[unit];
}`,
    exampleTests: [
      { args: [0], expected: '0 B' },
      { args: [1536], expected: '1.5 KB' },
    ],
    hiddenTests: [
      { args: [500], expected: '500 B' },
      { args: [1024], expected: '1 KB' },
      { args: [1048576], expected: '1 MB' },
      { args: [123456789], expected: '117.7 MB' },
      { args: [5497558138880], expected: '5 TB' },
      { args: [1023], expected: '1023 B' },
    ],
  },
  {
    id: 'fe-std-code-02', kind: 'coding', topic: 'networking', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 600,
    title: 'Build a query string',
    statement:
      'Write toQueryString(params) that turns an object into a URL query string without the leading "?". Keep the key order of the object. Encode keys and values with encodeURIComponent. Skip keys whose value is null or undefined. An array value repeats the key once per element (tags: ["a", "b"] gives "tags=a&tags=b"). Numbers and booleans are converted with String(). An empty object gives "".',
    language: 'typescript',
    functionName: 'toQueryString',
    signature: 'function toQueryString(params: Record<string, unknown>): string',
    starterCode: 'function toQueryString(params: Record<string, unknown>): string {\n  // your code here\n  return "?";\n}\n',
    referenceSolution: `function toQueryString(params) {
  const parts = [];
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value === null || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(v)));
    }
  }
  return parts.join('&');
}`,
    exampleTests: [
      { args: [{ q: 'a b', page: 2 }], expected: 'q=a%20b&page=2' },
      { args: [{ tags: ['x', 'y'] }], expected: 'tags=x&tags=y' },
    ],
    hiddenTests: [
      { args: [{}], expected: '' },
      { args: [{ a: null, b: 'kept', c: '' }], expected: 'b=kept&c=' },
      { args: [{ 'a&b': 'c=d' }], expected: 'a%26b=c%3Dd' },
      { args: [{ open: true, n: 0 }], expected: 'open=true&n=0' },
      { args: [{ city: 'Zürich' }], expected: 'city=Z%C3%BCrich' },
    ],
  },
  {
    id: 'fe-std-code-03', kind: 'coding', topic: 'react-basics', difficulty: 2, archetypes: ['frontend'], depths: ['standard'], timeLimitSec: 600,
    title: 'classNames helper',
    statement:
      'Write classNames(...args), the helper used to build a className attribute. Each argument may be a string (added if non-empty), an object (each key added when its value is truthy), an array (processed recursively with the same rules) or a falsy value (ignored). Return the class names joined by single spaces, in order of appearance.',
    language: 'typescript',
    functionName: 'classNames',
    signature: 'function classNames(...args: unknown[]): string',
    starterCode: 'function classNames(...args: unknown[]): string {\n  // your code here\n  return "";\n}\n',
    referenceSolution: `function classNames(...args) {
  const out = [];
  const visit = (arg) => {
    if (!arg) return;
    if (typeof arg === 'string') { out.push(arg); return; }
    if (Array.isArray(arg)) { arg.forEach(visit); return; }
    if (typeof arg === 'object') {
      for (const key of Object.keys(arg)) if (arg[key]) out.push(key);
    }
  };
  args.forEach(visit);
  return out.join(' ');
}`,
    exampleTests: [
      { args: ['btn', { active: true, disabled: false }], expected: 'btn active' },
      { args: ['a', ['b', ['c']]], expected: 'a b c' },
    ],
    hiddenTests: [
      { args: [], expected: '' },
      { args: [null, false, '', 0, 'x'], expected: 'x' },
      { args: [{ a: 1, b: 0, c: 'yes', d: '' }], expected: 'a c' },
      { args: [['one', { two: true }], 'three', [null, ['four']]], expected: 'one two three four' },
    ],
  },
];
