import type { BankItem } from './bank-item';
import { scopedFor } from './scoped';

const scoped = scopedFor('qa-automation');

// Topics: test-strategy, test-design, automation-frameworks, api-testing, flaky-tests, ci, performance-testing.

const CHECKOUT_MODEL = {
  initial: 'cart',
  transitions: [
    { from: 'cart', event: 'checkout', to: 'payment' },
    { from: 'payment', event: 'pay', to: 'confirmed' },
    { from: 'payment', event: 'cancel', to: 'cart' },
    { from: 'payment', event: 'fail', to: 'payment_error' },
    { from: 'payment_error', event: 'retry', to: 'payment' },
  ],
};
const ALL_CHECKOUT_TRANSITIONS = [
  'cart -checkout-> payment',
  'payment -pay-> confirmed',
  'payment -cancel-> cart',
  'payment -fail-> payment_error',
  'payment_error -retry-> payment',
];

const SHOP_IMPORTS = {
  'cart.test.ts': ['cart.ts'],
  'cart.ts': ['price.ts', 'db.ts'],
  'price.ts': ['money.ts'],
  'user.test.ts': ['user.ts'],
  'user.ts': ['db.ts'],
  'money.test.ts': ['money.ts'],
};
const SHOP_TESTS = ['user.test.ts', 'money.test.ts', 'cart.test.ts'];

const STANDARD = scoped('standard', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'qa-std-spk-01', topic: 'test-strategy', difficulty: 1,
    prompt: 'Explain the test pyramid and why it is shaped that way.',
    referenceAnswer: 'The test pyramid says to have many fast, cheap unit tests at the base, fewer integration tests in the middle that check components working together, and a small number of end-to-end tests through the UI at the top. Higher levels are slower, cost more to write and maintain, are more flaky, and they pinpoint failures less precisely, so we push each check down to the lowest level that can catch the bug, which gives fast feedback.',
    keyConcepts: ['unit tests', 'integration tests', 'end to end tests', 'fast feedback', 'cost'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-02', topic: 'test-design', difficulty: 2,
    prompt: 'An age field accepts whole numbers from 18 to 65. Which test values would you choose and why?',
    referenceAnswer: 'Using equivalence partitioning, there is one valid class, 18 to 65, and invalid classes below 18, above 65, and non-numeric or decimal input. One value per class covers each class. Boundary value analysis adds values on and just outside each edge, where off-by-one bugs cluster: 17, 18, 19 and 64, 65, 66. I would also try empty input, negative numbers and very large numbers.',
    keyConcepts: ['equivalence partitioning', 'valid class', 'invalid classes', 'boundary value analysis', 'just outside', 'empty input'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-03', topic: 'test-strategy', difficulty: 1,
    prompt: 'What makes a good bug report?',
    referenceAnswer: 'A clear, specific title; minimal steps to reproduce; the expected result and the actual result; the environment, such as build version, browser and device; and evidence like screenshots, logs or a video. It should state severity and how often it reproduces, and contain one issue per report, so a developer can reproduce it without asking questions.',
    keyConcepts: ['steps to reproduce', 'expected result', 'actual result', 'environment', 'severity'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-04', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'What is the Page Object Model and what problem does it solve?',
    referenceAnswer: 'The Page Object Model wraps each page or component of the UI in a class that holds its locators and exposes user-level actions, such as login with a username and password. Tests call those methods instead of touching locators directly. Tests reuse the same actions, and when the UI changes only the page object needs updating, which reduces maintenance and duplication and makes tests read like user scenarios. Assertions usually stay in the tests, separate from the page objects.',
    keyConcepts: ['page object', 'locators', 'actions', 'maintenance', 'reuse'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-05', topic: 'flaky-tests', difficulty: 2,
    prompt: 'What are the most common causes of flaky UI tests?',
    referenceAnswer: 'Timing: fixed sleeps or not waiting for the right condition, animations and asynchronous loading. Shared state and test order dependence, where one test leaves data that another depends on. Unstable test data or environments, calls to real third-party services and the network, unstable locators, and resource contention when tests run in parallel. The fixes are explicit waits on conditions, isolated data, stubbing external dependencies and stable locators.',
    keyConcepts: ['timing', 'waits', 'shared state', 'test data', 'network'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-06', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'How do you choose locators for UI test automation so tests do not break on every redesign?',
    referenceAnswer: 'Prefer stable locators tied to what the user sees or to a dedicated test contract: accessible roles with names, labels, visible text, or data-testid attributes added for testing. Avoid long XPath or CSS paths that follow the DOM structure, generated class names and indexes, because they are brittle and break with layout changes. Keep locators in one place, such as page objects.',
    keyConcepts: ['stable', 'role', 'data-testid', 'avoid XPath', 'brittle'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-07', topic: 'api-testing', difficulty: 2,
    prompt: 'How would you test a REST endpoint that creates an order?',
    referenceAnswer: 'Check status codes and bodies. Positive cases: a valid request returns 201 with the created order matching the response schema, and the order can then be fetched. Negative tests: missing or invalid fields return 400 with useful errors, no or invalid authentication returns 401, another user\'s resource returns 403. Also boundary values, duplicate submissions and idempotency, concurrency, and checking side effects such as stock or emails. Tests set up and clean their own data.',
    keyConcepts: ['status codes', 'schema', 'negative tests', 'authentication', 'idempotency'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-08', topic: 'ci', difficulty: 1,
    prompt: 'How should automated tests fit into a CI pipeline?',
    referenceAnswer: 'Tests run automatically on every commit and pull request, and a failing test blocks the merge. Fast tests such as linting and unit tests run first for fast feedback, slower integration and end-to-end suites after, in parallel where possible. Results, logs and artifacts like screenshots are published so failures are easy to diagnose, and the team treats a red build as the top priority.',
    keyConcepts: ['every commit', 'pull request', 'block the merge', 'fast feedback', 'parallel'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-09', topic: 'test-strategy', difficulty: 2,
    prompt: 'How do you decide which tests to automate and which to keep manual?',
    referenceAnswer: 'Automate tests that are repetitive and run often, such as regression suites and smoke tests, stable features, data-driven checks with many inputs, and things people do badly like precise calculations. Keep manual exploratory testing for new or rapidly changing features, usability and visual judgement, and one-off checks. The decision is a return on investment: cost to build and maintain against how often the test runs and the risk it covers.',
    keyConcepts: ['repetitive', 'regression', 'stable features', 'exploratory testing', 'return on investment'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-10', topic: 'test-design', difficulty: 1,
    prompt: 'What is the difference between positive and negative testing? Give examples.',
    referenceAnswer: 'Positive testing checks that the system works with valid input and expected use, for example logging in with correct credentials. Negative testing checks that it handles invalid input and unexpected use gracefully, for example a wrong password, an empty field, a too long string or special characters: it should reject them with a clear error message and not crash or corrupt data.',
    keyConcepts: ['valid input', 'invalid input', 'error message', 'unexpected', 'not crash'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-11', topic: 'test-strategy', difficulty: 1,
    prompt: 'Explain the difference between smoke testing and regression testing.',
    referenceAnswer: 'A smoke test is a small, fast set of checks on a new build that the critical paths work, such as the app starts, users can log in and reach the main pages, to decide whether the build is stable enough for further testing. Regression testing is broader: it re-runs tests of existing functionality after changes to make sure nothing that used to work is broken. Smoke tests are often the first stage of the pipeline, regression suites come after.',
    keyConcepts: ['smoke test', 'critical paths', 'build', 'regression testing', 'existing functionality'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-12', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'What are mocks, stubs and fakes, and when would you use each?',
    referenceAnswer: 'They are test doubles that replace real dependencies for isolation. A stub returns canned answers so the code under test can run, for example a payment gateway that always approves. A mock also records calls so the test can verify interactions, such as that an email was sent once. A fake is a working lightweight implementation, like an in-memory database. Overusing mocks couples tests to implementation details, so I mock only at boundaries I do not own.',
    keyConcepts: ['test doubles', 'stub', 'mock', 'fake', 'verify interactions', 'isolation'],
  },
  {
    kind: 'spoken', id: 'qa-std-spk-13', topic: 'test-design', difficulty: 2,
    prompt: 'How do you manage test data in an automated suite?',
    referenceAnswer: 'Each test creates the data it needs in setup, through the API or database rather than the UI, and cleans it up in teardown, so tests are independent and can run in any order or in parallel. Use unique generated values to avoid collisions, factories or builders for readable data, and synthetic data instead of copies of production personal data. Shared reference data is seeded once and treated as read-only.',
    keyConcepts: ['setup', 'teardown', 'independent', 'unique', 'synthetic data'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'qa-std-mcq-01', topic: 'test-design', difficulty: 1,
    prompt: 'A quantity field accepts integers from 1 to 100. Which set of values best applies boundary value analysis?',
    options: ['1, 50, 100', '0, 1, 2, 99, 100, 101', '-100, 0, 1000', '2, 3, 98, 99'],
    correctIndex: 1,
    explanation: 'Test on and just outside each boundary, where off-by-one errors occur.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-02', topic: 'test-design', difficulty: 1,
    prompt: 'What is the purpose of equivalence partitioning?',
    options: ['To divide inputs into classes the system should treat the same, and test one representative of each', 'To test every possible input', 'To split a test suite across machines', 'To compare two builds'],
    correctIndex: 0,
    explanation: 'If one value of a class works, the others are assumed to; this reduces test count without losing coverage of behaviours.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-03', topic: 'test-strategy', difficulty: 1,
    prompt: 'Which tests should be the most numerous in a healthy test pyramid?',
    options: ['End-to-end UI tests', 'Manual exploratory tests', 'Unit tests', 'Performance tests'],
    correctIndex: 2,
    explanation: 'Unit tests are fast, cheap and precise, so they form the base.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-04', topic: 'flaky-tests', difficulty: 1,
    prompt: 'Why is an explicit wait better than `sleep(5000)` in a UI test?',
    options: ['It always waits exactly 5 seconds', 'It disables animations', 'It retries the whole test', 'It waits only until a condition is met (up to a timeout), so it is faster and less flaky'],
    correctIndex: 3,
    explanation: 'A fixed sleep is too long on fast runs and too short on slow ones.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-05', topic: 'automation-frameworks', difficulty: 1,
    prompt: 'Which locator is the most robust for a "Submit order" button?',
    options: ['//div[3]/div[2]/form/button[1]', '.btn-x7f3a (a generated class)', 'The accessible role button with the name "Submit order", or a data-testid', 'The third button on the page'],
    correctIndex: 2,
    explanation: 'User-facing roles and dedicated test ids survive layout and styling changes.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-06', topic: 'api-testing', difficulty: 1,
    prompt: 'A POST request successfully creates a new resource. Which status code is most appropriate?',
    options: ['200 OK', '201 Created', '204 No Content', '302 Found'],
    correctIndex: 1,
    explanation: '201 signals creation, usually with a Location header or the new resource in the body.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-07', topic: 'api-testing', difficulty: 2,
    prompt: 'What is the difference between HTTP 401 and 403?',
    options: ['They are interchangeable', '401 means the server crashed', '403 means the resource does not exist', '401: not authenticated (missing or invalid credentials); 403: authenticated but not allowed'],
    correctIndex: 3,
    explanation: 'Tests should check both: no token gives 401, a valid token for another user\'s data gives 403.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-08', topic: 'api-testing', difficulty: 2,
    prompt: 'Which HTTP method is expected to be idempotent?',
    options: ['PUT', 'POST', 'PATCH in every API', 'CONNECT'],
    correctIndex: 0,
    explanation: 'Repeating a PUT leaves the same state (as do GET and DELETE); POST may create duplicates.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-09', topic: 'test-strategy', difficulty: 1,
    prompt: 'What is regression testing?',
    options: ['Testing a feature for the first time', 'Testing performance under load', 'Re-running tests after a change to check existing functionality still works', 'Testing with statistical regression models'],
    correctIndex: 2,
    explanation: 'Automated regression suites are the main safety net for frequent releases.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-10', topic: 'test-strategy', difficulty: 1,
    prompt: 'What is a smoke test?',
    options: ['A quick check that a build\'s critical functions work, before deeper testing', 'A full regression run', 'A security penetration test', 'A test of hardware temperature'],
    correctIndex: 0,
    explanation: 'If the smoke test fails, the build is rejected without spending time on further testing.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-11', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'What distinguishes a mock from a stub?',
    options: ['A stub is slower', 'A mock lets the test verify how it was called (interactions); a stub only supplies canned responses', 'Mocks can only replace databases', 'There is no difference'],
    correctIndex: 1,
    explanation: 'Stubs support state-based testing; mocks support interaction-based testing.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-12', topic: 'test-design', difficulty: 1,
    prompt: 'Tests pass when run alone but fail when the whole suite runs. What is the most likely cause?',
    options: ['The test framework is broken', 'The machine is too fast', 'Too many assertions', 'Tests share state or depend on each other\'s data or order'],
    correctIndex: 3,
    explanation: 'Each test should set up and clean up its own state so it can run alone or in any order.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-13', topic: 'test-design', difficulty: 1,
    prompt: 'What does the Arrange-Act-Assert pattern describe?',
    options: ['The order of test suites in CI', 'Structuring a test into setup, the action under test, and verification', 'A way of prioritizing bugs', 'A branching strategy'],
    correctIndex: 1,
    explanation: 'Clear phases make tests readable and keep one behaviour per test.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-14', topic: 'test-strategy', difficulty: 2,
    prompt: 'A module has 100% line coverage. What can you conclude?',
    options: ['It has no bugs', 'All branches and conditions are tested', 'Every line ran during the tests, but that says nothing about whether the assertions check the right behaviour', 'The tests are fast'],
    correctIndex: 2,
    explanation: 'Coverage measures execution, not verification; tests without meaningful assertions still produce coverage.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-15', topic: 'flaky-tests', difficulty: 1,
    prompt: 'What is a flaky test?',
    options: ['A test that passes and fails on the same code without any change', 'A test that always fails', 'A test that takes too long', 'A test without assertions'],
    correctIndex: 0,
    explanation: 'Flakiness erodes trust in the suite, so flaky tests must be tracked and fixed.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-16', topic: 'ci', difficulty: 2,
    prompt: 'How should a CI pipeline order its test stages?',
    options: ['Slowest first, to finish them early', 'Randomly', 'Only end-to-end tests, since they cover everything', 'Fast, cheap checks (lint, unit) first so most failures are reported within minutes'],
    correctIndex: 3,
    explanation: 'Fail fast: expensive stages run only once cheap ones pass.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-17', topic: 'test-strategy', difficulty: 1,
    prompt: 'A typo on a rarely visited legal page versus a crash when 5% of users pay. How do severity and priority differ?',
    options: ['Severity is technical impact; priority is how urgently it should be fixed. The crash is high on both, the typo low severity (though priority can be raised by legal risk)', 'They are the same thing', 'Severity is set by developers, priority by testers, with no other difference', 'Priority is always equal to severity'],
    correctIndex: 0,
    explanation: 'The two are related but independent: a cosmetic bug on the home page can be low severity and high priority.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-18', topic: 'test-design', difficulty: 2,
    prompt: 'Discount rules depend on three yes/no conditions: member, coupon, and order over $100. Which technique systematically covers their combinations?',
    options: ['Boundary value analysis', 'Smoke testing', 'Decision table testing', 'Error guessing'],
    correctIndex: 2,
    explanation: 'A decision table lists condition combinations (here 8) and the expected action for each.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-19', topic: 'automation-frameworks', difficulty: 1,
    prompt: 'Why run browser tests headless in CI?',
    options: ['Headless browsers test visual layout better', 'They need no display server and run faster with fewer resources', 'They do not execute JavaScript', 'They cannot produce screenshots'],
    correctIndex: 1,
    explanation: 'Headless browsers run the same engine without drawing to a screen; screenshots and traces still work.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-20', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'Before clicking, Playwright automatically waits for the element to be...',
    options: ['Scrolled to the bottom of the page', 'Logged in', 'Present for at least 5 seconds', 'Attached, visible, stable, enabled and able to receive events'],
    correctIndex: 3,
    explanation: 'Auto-waiting on actionability removes most explicit waits, a major source of flakiness.',
  },
  {
    kind: 'mcq', id: 'qa-std-mcq-21', topic: 'test-strategy', difficulty: 1,
    prompt: 'Which kind of test checks that the order service correctly stores orders in a real database?',
    options: ['An integration test', 'A unit test with a mocked repository', 'A visual regression test', 'A usability test'],
    correctIndex: 0,
    explanation: 'Integration tests exercise the interaction between components, here the service and the database.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'qa-std-code-1', topic: 'test-design', difficulty: 1,
    title: 'Boundary values for an integer range',
    statement: 'For an input that accepts integers from `min` to `max` inclusive, return the boundary test values: min - 1, min, min + 1, max - 1, max and max + 1, without duplicates, sorted ascending. If min > max the range is invalid: return an empty array.',
    functionName: 'boundaryValues',
    signature: 'function boundaryValues(min: number, max: number): number[]',
    starterCode: 'function boundaryValues(min: number, max: number): number[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function boundaryValues(min, max) {
  if (min > max) return [];
  return [...new Set([min - 1, min, min + 1, max - 1, max, max + 1])].sort((a, b) => a - b);
}`,
    exampleTests: [{ args: [1, 100], expected: [0, 1, 2, 99, 100, 101] }],
    hiddenTests: [
      { args: [5, 5], expected: [4, 5, 6], description: 'single valid value' },
      { args: [0, 1], expected: [-1, 0, 1, 2], description: 'adjacent bounds' },
      { args: [10, 12], expected: [9, 10, 11, 12, 13], description: 'min + 1 equals max - 1' },
      { args: [3, 2], expected: [], description: 'invalid range' },
      { args: [-10, -5], expected: [-11, -10, -9, -6, -5, -4], description: 'negative range sorted numerically' },
    ],
    timeLimitSec: 600,
  },
  {
    kind: 'coding', id: 'qa-std-code-2', topic: 'flaky-tests', difficulty: 2,
    title: 'Summarize a test run with retries',
    statement: 'A CI run reports results `{ name, status, attempt }` where status is "passed", "failed" or "skipped"; a test retried after failing appears once per attempt, in any order. A test\'s final status is the status of its highest attempt. Return `{ passed, failed, skipped, flaky }`: the number of tests per final status, and the names (sorted ascending) of tests whose final status is passed but that failed in an earlier attempt.',
    functionName: 'summarizeRuns',
    signature: 'function summarizeRuns(results: { name: string; status: "passed" | "failed" | "skipped"; attempt: number }[]): { passed: number; failed: number; skipped: number; flaky: string[] }',
    starterCode: 'type TestResult = { name: string; status: "passed" | "failed" | "skipped"; attempt: number };\ntype RunSummary = { passed: number; failed: number; skipped: number; flaky: string[] };\n\nfunction summarizeRuns(results: TestResult[]): RunSummary {\n  // your code here\n  return { passed: 0, failed: 0, skipped: 0, flaky: [] };\n}\n',
    referenceSolution: `function summarizeRuns(results) {
  const byName = new Map();
  for (const r of results) {
    if (!byName.has(r.name)) byName.set(r.name, []);
    byName.get(r.name).push(r);
  }
  const summary = { passed: 0, failed: 0, skipped: 0, flaky: [] };
  for (const [name, runs] of byName) {
    runs.sort((a, b) => a.attempt - b.attempt);
    const final = runs[runs.length - 1].status;
    summary[final]++;
    if (final === 'passed' && runs.some((r) => r.status === 'failed')) summary.flaky.push(name);
  }
  summary.flaky.sort();
  return summary;
}`,
    exampleTests: [
      {
        args: [[
          { name: 'login', status: 'passed', attempt: 1 }, { name: 'checkout', status: 'failed', attempt: 1 },
          { name: 'checkout', status: 'passed', attempt: 2 }, { name: 'search', status: 'skipped', attempt: 1 },
        ]],
        expected: { passed: 2, failed: 0, skipped: 1, flaky: ['checkout'] },
      },
    ],
    hiddenTests: [
      { args: [[]], expected: { passed: 0, failed: 0, skipped: 0, flaky: [] }, description: 'empty run' },
      {
        args: [[
          { name: 'a', status: 'passed', attempt: 2 }, { name: 'a', status: 'failed', attempt: 1 },
          { name: 'b', status: 'passed', attempt: 1 }, { name: 'b', status: 'failed', attempt: 2 },
        ]],
        expected: { passed: 1, failed: 1, skipped: 0, flaky: ['a'] },
        description: 'attempts out of order; the highest attempt decides',
      },
      {
        args: [[{ name: 'x', status: 'failed', attempt: 1 }, { name: 'x', status: 'failed', attempt: 2 }, { name: 'x', status: 'failed', attempt: 3 }]],
        expected: { passed: 0, failed: 1, skipped: 0, flaky: [] },
        description: 'retries that never pass',
      },
      {
        args: [[
          { name: 'zeta', status: 'failed', attempt: 1 }, { name: 'zeta', status: 'passed', attempt: 2 },
          { name: 'alpha', status: 'failed', attempt: 1 }, { name: 'alpha', status: 'passed', attempt: 2 },
        ]],
        expected: { passed: 2, failed: 0, skipped: 0, flaky: ['alpha', 'zeta'] },
        description: 'flaky names sorted',
      },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'qa-std-code-3', topic: 'automation-frameworks', difficulty: 3,
    title: 'Paths where two JSON values differ',
    statement: 'Write the core of an assertion diff: compare two JSON values and return the paths where they differ. Paths join object keys and array indexes with dots ("items.0.id"); the root is the empty string "". Two plain objects are compared key by key over the union of their keys: a key present on one side only is a difference at that key. Two arrays are compared index by index up to the longer length: an index present on one side only is a difference at that index. Anything else (numbers, strings, booleans, null, or values of different types, including an array versus an object) is compared with ===, and a mismatch is a difference at the current path. Return the paths sorted with the default string sort.',
    functionName: 'diffPaths',
    signature: 'function diffPaths(expected: unknown, actual: unknown): string[]',
    starterCode: 'function diffPaths(expected: unknown, actual: unknown): string[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function diffPaths(expected, actual) {
  const out = [];
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const walk = (a, b, path) => {
    const at = (k) => (path === '' ? String(k) : path + '.' + k);
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= a.length || i >= b.length) out.push(at(i));
        else walk(a[i], b[i], at(i));
      }
    } else if (isObject(a) && isObject(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!has(a, k) || !has(b, k)) out.push(at(k));
        else walk(a[k], b[k], at(k));
      }
    } else if (a !== b) out.push(path);
  };
  walk(expected, actual, '');
  return out.sort();
}`,
    exampleTests: [{ args: [{ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } }], expected: ['b.c'] }],
    hiddenTests: [
      { args: [{ a: [1, { b: null }] }, { a: [1, { b: null }] }], expected: [], description: 'equal values' },
      { args: [{ x: 1 }, { y: 1 }], expected: ['x', 'y'], description: 'keys on one side only' },
      { args: [{ items: [{ id: 1 }, { id: 2 }] }, { items: [{ id: 1 }, { id: 3 }, { id: 4 }] }], expected: ['items.1.id', 'items.2'], description: 'arrays of objects, extra element' },
      { args: [{ a: [1] }, { a: { 0: 1 } }], expected: ['a'], description: 'array versus object' },
      { args: [1, 2], expected: [''], description: 'root primitives' },
      { args: [{ a: null, n: 0 }, { a: {}, n: '0' }], expected: ['a', 'n'], description: 'null versus object; number versus string' },
    ],
    timeLimitSec: 1200,
  },
]);

const ADVANCED = scoped('advanced', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'qa-adv-spk-01', topic: 'flaky-tests', difficulty: 3,
    prompt: 'Flaky tests are eroding trust in your CI. What process would you put in place to manage them?',
    referenceAnswer: 'First measure: record every test result per commit and compute a flakiness rate, detecting tests that both pass and fail on the same code. Quarantine known flaky tests out of the blocking suite so they stop blocking merges, but keep running them and open a ticket with an owner and a deadline, because quarantine is not a fix. Investigate root causes, usually timing, shared state, test data or environment, and fix them. Blind automatic retries hide real bugs, so retries should be reported, and trends tracked.',
    keyConcepts: ['flakiness rate', 'quarantine', 'owner', 'root cause', 'retries hide bugs'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-02', topic: 'api-testing', difficulty: 3,
    prompt: 'What is consumer-driven contract testing and when is it better than end-to-end tests?',
    referenceAnswer: 'In consumer-driven contract testing, each consumer of an API writes tests that record the requests it makes and the responses it relies on, producing a contract, for example with Pact. The provider runs provider verification against every consumer\'s contract in its own pipeline. Each side tests independently and quickly, breaking changes are caught before deployment, and services can be deployed independently. It replaces many slow, flaky end-to-end tests across services, though a few end-to-end journeys remain.',
    keyConcepts: ['consumer driven', 'contract', 'provider verification', 'Pact', 'independent deployment'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-03', topic: 'test-strategy', difficulty: 3,
    prompt: 'How would you design the test strategy for a system of twenty microservices?',
    referenceAnswer: 'Each service has thorough unit tests and component tests that run the service in isolation with its dependencies replaced by stubs or service virtualization, plus integration tests against real databases in containers. Contract tests between consumers and providers catch interface breaks. A small set of end-to-end tests covers critical business journeys in a shared environment. In production, observability, synthetic monitoring and canary releases catch what tests miss.',
    keyConcepts: ['component tests', 'service virtualization', 'contract tests', 'end to end', 'observability'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-04', topic: 'ci', difficulty: 3,
    prompt: 'The test suite takes 90 minutes in CI. How do you bring feedback time down?',
    referenceAnswer: 'Measure first: find the slowest tests and stages. Run tests in parallel and shard them across machines, balancing shards by historical duration. Use test impact analysis to run only tests affected by a change on pull requests, with the full suite on main or nightly. Cache dependencies and build outputs. Move checks down the pyramid, replacing slow UI tests with API or unit tests, remove redundant tests, and fix slow setup such as recreating databases for every test.',
    keyConcepts: ['parallelization', 'sharding', 'test impact analysis', 'caching', 'redundant tests'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-05', topic: 'test-design', difficulty: 3,
    prompt: 'What is property-based testing and where does it find bugs that example-based tests miss?',
    referenceAnswer: 'Instead of hand-picked examples, you state properties that must hold for all inputs, such as decoding an encoded value returns the original, or sorting is idempotent, and generators produce hundreds of random inputs. When a property fails, the framework shrinks the input to a minimal failing example. It finds edge cases people do not think of: empty collections, unicode, extreme numbers, duplicates, and invariants broken by unusual combinations.',
    keyConcepts: ['properties', 'generators', 'random inputs', 'shrinking', 'edge cases', 'invariants'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-06', topic: 'test-design', difficulty: 3,
    prompt: 'Explain mutation testing and what a mutation score tells you.',
    referenceAnswer: 'Mutation testing makes small changes to the code, called mutants, such as flipping a comparison operator or removing a statement, and runs the test suite against each. If a test fails, the mutant is killed; if all pass, it survived, meaning no test checks that behaviour. The mutation score is the share of killed mutants and measures test effectiveness far better than coverage. Equivalent mutants that do not change behaviour cannot be killed, and the process is expensive, so it is run selectively.',
    keyConcepts: ['mutants', 'killed', 'survived', 'mutation score', 'test effectiveness', 'equivalent mutants'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-07', topic: 'performance-testing', difficulty: 3,
    prompt: 'Distinguish load, stress, soak and spike testing. What does each reveal?',
    referenceAnswer: 'A load test runs the expected peak traffic to check response times and throughput against requirements. A stress test pushes beyond that to find the breaking point and see how the system fails and recovers. A soak test runs a realistic load for many hours to reveal memory leaks, resource exhaustion and degradation over time. A spike test applies sudden bursts to check autoscaling, queues and recovery.',
    keyConcepts: ['load test', 'stress test', 'breaking point', 'soak test', 'memory leaks', 'spike test'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-08', topic: 'automation-frameworks', difficulty: 3,
    prompt: 'How do you give automated tests isolated, realistic environments and dependencies?',
    referenceAnswer: 'Use containers to start real dependencies such as databases and message brokers per test run, for example with Testcontainers, seeded with known data, which gives isolation: tests do not share state and can run in parallel. For full systems, spin up ephemeral environments per pull request from infrastructure as code and destroy them afterwards. Third-party services that cannot run locally are replaced by stubs or service virtualization at the boundary.',
    keyConcepts: ['containers', 'isolation', 'seeded data', 'ephemeral environment', 'parallel'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-09', topic: 'flaky-tests', difficulty: 3,
    prompt: 'A test fails about one time in twenty, only in CI. How do you debug it?',
    referenceAnswer: 'Reproduce it: run the test many times in a loop, in CI-like conditions with the same parallelism, CPU limits and random order. Collect evidence on failure: logs, screenshots, a trace or video, and timestamps. Compare failing and passing runs. Typical causes are race conditions with asynchronous work, order dependence on other tests, resource contention, time zones or clock assumptions, and shared test data. Fix the cause rather than adding a retry or a longer sleep.',
    keyConcepts: ['reproduce', 'run many times', 'logs', 'trace', 'race condition', 'order dependence'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-10', topic: 'test-strategy', difficulty: 3,
    prompt: 'What do shift-left and shift-right testing mean, and how do they complement each other?',
    referenceAnswer: 'Shift left moves testing earlier: testers review requirements, developers write unit and contract tests with the code, static analysis and fast checks run on every commit, so defects are found when they are cheapest to fix and feedback is early. Shift right tests in and after production: feature flags, canary releases, synthetic monitoring, observability and A/B tests catch what only real traffic reveals. Together they cover the life cycle.',
    keyConcepts: ['shift left', 'early feedback', 'shift right', 'production monitoring', 'feature flags'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-11', topic: 'api-testing', difficulty: 3,
    prompt: 'How do you test an event-driven flow where an order service publishes a message and another service updates inventory asynchronously?',
    referenceAnswer: 'Because of eventual consistency, the test cannot assert immediately: it polls the inventory with a timeout until the expected state appears, instead of a fixed sleep. I would test the consumer in isolation by publishing messages directly, including duplicates to check idempotency, out-of-order messages, malformed messages that should go to a dead letter queue, and failures that trigger retries. Contract tests on the message schema protect producers and consumers, and correlation ids help trace a message.',
    keyConcepts: ['eventual consistency', 'polling', 'timeout', 'idempotency', 'message ordering', 'dead letter queue'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-12', topic: 'test-design', difficulty: 3,
    prompt: 'A settings page has eight options with three values each. How do you test combinations without running all of them?',
    referenceAnswer: 'All combinations would be three to the power eight, 6561 tests. Most interaction faults involve only two parameters, so pairwise testing covers every pair of values of every two parameters at least once, which a tool can do with a covering array of roughly fifteen tests. Add known risky combinations explicitly, and use higher strength, three-way coverage, for critical areas.',
    keyConcepts: ['all combinations', 'interaction faults', 'pairwise', 'covering array', 'three-way'],
  },
  {
    kind: 'spoken', id: 'qa-adv-spk-13', topic: 'performance-testing', difficulty: 4,
    prompt: 'Why are average response times misleading in performance test reports, and what is coordinated omission?',
    referenceAnswer: 'Latency distributions are skewed, so the average hides the tail: a few very slow requests affect many users, especially when one page makes many calls. Report percentiles such as p50, p95 and p99 and the maximum, alongside throughput and error rate. Coordinated omission happens when a load generator waits for a slow response before sending the next request, so it sends fewer requests exactly when the system is slow and under-reports tail latency; use an open workload model with a fixed arrival rate or correct for it.',
    keyConcepts: ['percentiles', 'p99', 'tail latency', 'coordinated omission', 'arrival rate'],
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'qa-adv-mcq-01', topic: 'api-testing', difficulty: 3,
    prompt: 'In consumer-driven contract testing (e.g. Pact), who verifies the contract against the real provider?',
    options: ['The consumer, in its own pipeline', 'A manual QA team before release', 'The provider, by replaying the consumers\' recorded expectations in its pipeline', 'Nobody; contracts are documentation only'],
    correctIndex: 2,
    explanation: 'Consumers generate contracts against a mock provider; providers verify them, often gated by a broker\'s can-i-deploy check.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-02', topic: 'ci', difficulty: 3,
    prompt: 'What does test impact analysis do?',
    options: ['Runs only the tests whose covered code or dependencies were changed by a commit', 'Measures the business impact of failing tests', 'Ranks tests by how long they take', 'Deletes tests that never fail'],
    correctIndex: 0,
    explanation: 'It maps tests to the code they exercise; a periodic full run guards against missed dependencies.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-03', topic: 'test-design', difficulty: 3,
    prompt: 'A mutation testing run creates 200 mutants: 150 are killed, 10 are equivalent, 40 survive. What is the mutation score?',
    options: ['75%', '80%', '95%', 'About 79%'],
    correctIndex: 3,
    explanation: 'Killed / (total - equivalent) = 150 / 190, about 78.9%.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-04', topic: 'test-design', difficulty: 2,
    prompt: 'In property-based testing, what does shrinking do?',
    options: ['Reduces the number of generated inputs', 'Reduces a failing input to a minimal example that still fails', 'Compresses test reports', 'Removes redundant properties'],
    correctIndex: 1,
    explanation: 'A minimal counterexample like [0, -1] is far easier to debug than a random 300-element list.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-05', topic: 'performance-testing', difficulty: 4,
    prompt: 'A closed-loop load generator sends the next request only after the previous response arrives. What is the risk?',
    options: ['Coordinated omission: during slowdowns it sends fewer requests, so reported tail latency looks better than users experience', 'It overloads the system', 'It cannot measure throughput', 'It only works over HTTP/2'],
    correctIndex: 0,
    explanation: 'Open-model generators with a fixed arrival rate, or latency correction, avoid hiding stalls.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-06', topic: 'performance-testing', difficulty: 3,
    prompt: 'What characterizes an open workload model in load testing?',
    options: ['A fixed number of virtual users each looping', 'Requests only start when a user logs in', 'Requests arrive at a set rate independent of how fast the system responds', 'The test has no end time'],
    correctIndex: 2,
    explanation: 'Open models match public web traffic, where new users keep arriving even when the system slows down.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-07', topic: 'flaky-tests', difficulty: 3,
    prompt: 'What is the main risk of configuring CI to retry every failing test up to three times and report a pass if any attempt passes?',
    options: ['It makes the suite slower on every run', 'Intermittent product bugs, such as race conditions, are hidden as green builds', 'It breaks parallelization', 'Tests can no longer fail'],
    correctIndex: 1,
    explanation: 'Retries can be a stopgap, but passes-after-retry must be reported and tracked as flakiness.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-08', topic: 'flaky-tests', difficulty: 3,
    prompt: 'How can you expose hidden dependencies between tests?',
    options: ['Always run tests in alphabetical order', 'Run only one test per build', 'Add sleeps between tests', 'Run tests in random order (and individually), so order-dependent tests fail'],
    correctIndex: 3,
    explanation: 'Randomized order with a reported seed makes order dependence reproducible and visible.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-09', topic: 'test-design', difficulty: 3,
    prompt: 'Three parameters each have three values. What is the minimum number of tests for full pairwise coverage?',
    options: ['27', '6', '9', '3'],
    correctIndex: 2,
    explanation: 'Any two parameters have 9 value pairs, each test covers one pair per parameter pair, so at least 9 tests; an orthogonal array achieves 9.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-10', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'What does service virtualization provide?',
    options: ['Simulated versions of dependent services, with controllable responses, latency and failures', 'Virtual machines for the test runner', 'Automatic UI test generation', 'Load balancing for test traffic'],
    correctIndex: 0,
    explanation: 'It lets teams test against unavailable, costly or hard-to-control dependencies, including error cases.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-11', topic: 'api-testing', difficulty: 3,
    prompt: 'After posting an event, the read model updates eventually. What is the best way to assert the result?',
    options: ['sleep(10000) then assert once', 'Assert immediately and retry the whole test on failure', 'Skip the assertion', 'Poll for the expected state with a short interval and an overall timeout'],
    correctIndex: 3,
    explanation: 'Polling finishes as soon as the condition holds and fails clearly after the timeout.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-12', topic: 'ci', difficulty: 3,
    prompt: 'What is the best way to split a test suite across 8 CI machines so they finish at about the same time?',
    options: ['Split alphabetically into 8 equal groups by count', 'Assign tests to shards using historical durations, balancing total time per shard', 'Assign tests randomly on each run', 'Run all tests on each machine'],
    correctIndex: 1,
    explanation: 'Equal counts ignore that test durations vary widely; the slowest shard sets the wall-clock time.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-13', topic: 'automation-frameworks', difficulty: 3,
    prompt: 'What is the main pitfall of large snapshot tests?',
    options: ['They cannot run in CI', 'They only work for images', 'Reviewers tend to accept updated snapshots without reading them, so regressions are approved and tests become brittle', 'They require a database'],
    correctIndex: 2,
    explanation: 'Keep snapshots small and focused, and prefer explicit assertions for important behaviour.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-14', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'What does a Playwright trace recorded on a failed CI run let you inspect?',
    options: ['Each action with DOM snapshots before and after, console logs and network requests', 'Only the final screenshot', 'The test source code only', 'CPU usage of the CI machine'],
    correctIndex: 0,
    explanation: 'Traces make CI-only failures debuggable without reproducing them locally.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-15', topic: 'automation-frameworks', difficulty: 2,
    prompt: 'Why use Testcontainers in integration tests?',
    options: ['To mock the database in memory', 'To run tests inside the production cluster', 'To speed up unit tests', 'To start real dependencies such as PostgreSQL or Kafka in disposable containers per test run'],
    correctIndex: 3,
    explanation: 'Real dependencies catch dialect and configuration bugs that in-memory fakes miss, while staying isolated.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-16', topic: 'performance-testing', difficulty: 3,
    prompt: 'A service handles 200 requests per second with an average latency of 0.5 s. By Little\'s law, how many requests are in flight on average?',
    options: ['400', '100', '200', '0.5'],
    correctIndex: 1,
    explanation: 'Concurrency L = arrival rate x time in system = 200 x 0.5 = 100.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-17', topic: 'performance-testing', difficulty: 2,
    prompt: 'Which problem is a soak (endurance) test designed to find?',
    options: ['Memory leaks and resource exhaustion that appear after hours of sustained load', 'Maximum throughput in a burst', 'UI layout bugs', 'Wrong status codes'],
    correctIndex: 0,
    explanation: 'Slow leaks of memory, connections or file handles are invisible in short tests.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-18', topic: 'flaky-tests', difficulty: 4,
    prompt: 'A suite has 100 independent tests, each failing spuriously 2% of the time. Roughly how often is the whole run green?',
    options: ['98% of runs', '80% of runs', 'About 50% of runs', 'About 13% of runs'],
    correctIndex: 3,
    explanation: '0.98^100 is about 0.13: small per-test flakiness compounds across a suite.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-19', topic: 'api-testing', difficulty: 3,
    prompt: 'How should integration tests handle a third-party payment provider?',
    options: ['Call the live production provider with real cards', 'Skip payment paths entirely', 'Use the provider\'s sandbox or a stub at the boundary in most tests, plus contract checks and a few sandbox end-to-end tests', 'Mock the service\'s own business logic'],
    correctIndex: 2,
    explanation: 'Stubbing at the boundary keeps tests fast and deterministic; sandbox checks confirm the real integration.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-20', topic: 'test-strategy', difficulty: 2,
    prompt: 'What does branch coverage require that line coverage does not?',
    options: ['Every function to be called', 'Every decision to be evaluated both true and false (each branch taken)', 'Every test to have an assertion', 'Every line to run twice'],
    correctIndex: 1,
    explanation: '`if (x) doThing();` on one line gets full line coverage from one test but needs two for branch coverage.',
  },
  {
    kind: 'mcq', id: 'qa-adv-mcq-21', topic: 'automation-frameworks', difficulty: 3,
    prompt: 'Visual regression tests fail with tiny pixel differences between CI runs. What is the best remedy?',
    options: ['Disable visual tests', 'Render in a consistent, pinned environment (browser, fonts, OS image), mask dynamic content and use a small diff threshold', 'Accept all diffs automatically', 'Take screenshots at a lower resolution'],
    correctIndex: 1,
    explanation: 'Font rendering, anti-aliasing and dynamic data are the usual noise sources.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'qa-adv-code-1', topic: 'flaky-tests', difficulty: 3,
    title: 'Find flaky tests from CI history',
    statement: 'CI history is a list of runs `{ test, commit, passed }`. A test is flaky on a commit if it both passed and failed on that same commit. For every test that is flaky on at least one commit, report its flake rate: the number of commits on which it was flaky divided by the number of distinct commits it ran on, rounded to 2 decimals (`Math.round(x * 100) / 100`). Return `{ test, flakeRate }` sorted by flakeRate descending, then test name ascending.',
    functionName: 'findFlakyTests',
    signature: 'function findFlakyTests(runs: { test: string; commit: string; passed: boolean }[]): { test: string; flakeRate: number }[]',
    starterCode: 'type Run = { test: string; commit: string; passed: boolean };\n\nfunction findFlakyTests(runs: Run[]): { test: string; flakeRate: number }[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function findFlakyTests(runs) {
  const byTest = new Map();
  for (const r of runs) {
    if (!byTest.has(r.test)) byTest.set(r.test, new Map());
    const commits = byTest.get(r.test);
    const seen = commits.get(r.commit) || { pass: false, fail: false };
    if (r.passed) seen.pass = true; else seen.fail = true;
    commits.set(r.commit, seen);
  }
  const out = [];
  for (const [test, commits] of byTest) {
    let mixed = 0;
    for (const s of commits.values()) if (s.pass && s.fail) mixed++;
    if (mixed > 0) out.push({ test, flakeRate: Math.round((mixed / commits.size) * 100) / 100 });
  }
  return out.sort((a, b) => b.flakeRate - a.flakeRate || (a.test < b.test ? -1 : a.test > b.test ? 1 : 0));
}`,
    exampleTests: [
      {
        args: [[
          { test: 'a', commit: 'c1', passed: true }, { test: 'a', commit: 'c1', passed: false },
          { test: 'b', commit: 'c1', passed: true }, { test: 'b', commit: 'c2', passed: false },
        ]],
        expected: [{ test: 'a', flakeRate: 1 }],
      },
    ],
    hiddenTests: [
      { args: [[]], expected: [], description: 'no history' },
      {
        args: [[
          { test: 't2', commit: 'x', passed: false }, { test: 't1', commit: 'x', passed: true }, { test: 't2', commit: 'x', passed: true },
          { test: 't1', commit: 'y', passed: false }, { test: 't1', commit: 'y', passed: true }, { test: 't1', commit: 'z', passed: true },
          { test: 't3', commit: 'y', passed: false },
        ]],
        expected: [{ test: 't2', flakeRate: 1 }, { test: 't1', flakeRate: 0.33 }],
        description: 'rate over distinct commits; a consistent failure is not flaky',
      },
      { args: [[{ test: 'a', commit: 'c', passed: false }, { test: 'a', commit: 'c', passed: false }]], expected: [], description: 'repeated failures only' },
      {
        args: [[
          { test: 'z', commit: 'c1', passed: true }, { test: 'z', commit: 'c1', passed: false },
          { test: 'm', commit: 'c1', passed: false }, { test: 'm', commit: 'c1', passed: true },
        ]],
        expected: [{ test: 'm', flakeRate: 1 }, { test: 'z', flakeRate: 1 }],
        description: 'ties sorted by name',
      },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'qa-adv-code-2', topic: 'ci', difficulty: 3,
    title: 'Balance test shards by duration',
    statement: 'Split `tests` (`{ name, durationMs }`) across `shardCount` CI shards with the greedy longest-first rule: sort tests by durationMs descending, ties by name ascending; assign each test to the shard with the smallest total so far, ties going to the lowest shard index. Return one entry per shard, in shard order, as `{ tests: names in assignment order, totalMs }`; shards that get no tests are returned empty.',
    functionName: 'shardTests',
    signature: 'function shardTests(tests: { name: string; durationMs: number }[], shardCount: number): { tests: string[]; totalMs: number }[]',
    starterCode: 'type Shard = { tests: string[]; totalMs: number };\n\nfunction shardTests(tests: { name: string; durationMs: number }[], shardCount: number): Shard[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function shardTests(tests, shardCount) {
  const shards = Array.from({ length: shardCount }, () => ({ tests: [], totalMs: 0 }));
  const sorted = [...tests].sort((a, b) => b.durationMs - a.durationMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const t of sorted) {
    let best = 0;
    for (let i = 1; i < shards.length; i++) if (shards[i].totalMs < shards[best].totalMs) best = i;
    shards[best].tests.push(t.name);
    shards[best].totalMs += t.durationMs;
  }
  return shards;
}`,
    exampleTests: [
      {
        args: [[{ name: 'a', durationMs: 50 }, { name: 'b', durationMs: 40 }, { name: 'c', durationMs: 30 }, { name: 'd', durationMs: 20 }, { name: 'e', durationMs: 10 }], 2],
        expected: [{ tests: ['a', 'd', 'e'], totalMs: 80 }, { tests: ['b', 'c'], totalMs: 70 }],
      },
    ],
    hiddenTests: [
      { args: [[], 3], expected: [{ tests: [], totalMs: 0 }, { tests: [], totalMs: 0 }, { tests: [], totalMs: 0 }], description: 'no tests' },
      { args: [[{ name: 'x', durationMs: 5 }], 2], expected: [{ tests: ['x'], totalMs: 5 }, { tests: [], totalMs: 0 }], description: 'more shards than tests' },
      {
        args: [[{ name: 'b', durationMs: 10 }, { name: 'a', durationMs: 10 }, { name: 'c', durationMs: 10 }], 2],
        expected: [{ tests: ['a', 'c'], totalMs: 20 }, { tests: ['b'], totalMs: 10 }],
        description: 'ties by name, then lowest shard',
      },
      { args: [[{ name: 'p', durationMs: 1 }, { name: 'q', durationMs: 3 }], 1], expected: [{ tests: ['q', 'p'], totalMs: 4 }], description: 'single shard' },
    ],
    timeLimitSec: 900,
  },
  {
    kind: 'coding', id: 'qa-adv-code-3', topic: 'ci', difficulty: 3,
    title: 'Select tests affected by a change',
    statement: 'Test impact analysis: `imports` maps each file name to the files it imports directly; `tests` lists test files (which may also appear in `imports`). A test is affected if the test file itself, or any file it imports directly or transitively, is in `changedFiles`. Import cycles are possible and must not cause infinite loops. Return the affected test files sorted ascending.',
    functionName: 'affectedTests',
    signature: 'function affectedTests(changedFiles: string[], imports: Record<string, string[]>, tests: string[]): string[]',
    starterCode: 'function affectedTests(changedFiles: string[], imports: Record<string, string[]>, tests: string[]): string[] {\n  // your code here\n  return tests.filter((t) => changedFiles.includes(t));\n}\n',
    referenceSolution: `function affectedTests(changedFiles, imports, tests) {
  const changed = new Set(changedFiles);
  const reaches = (start) => {
    const seen = new Set();
    const stack = [start];
    while (stack.length > 0) {
      const file = stack.pop();
      if (changed.has(file)) return true;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const dep of imports[file] || []) stack.push(dep);
    }
    return false;
  };
  return tests.filter(reaches).sort();
}`,
    exampleTests: [{ args: [['money.ts'], SHOP_IMPORTS, SHOP_TESTS], expected: ['cart.test.ts', 'money.test.ts'] }],
    hiddenTests: [
      { args: [['db.ts'], SHOP_IMPORTS, SHOP_TESTS], expected: ['cart.test.ts', 'user.test.ts'], description: 'shared dependency' },
      { args: [['README.md'], SHOP_IMPORTS, SHOP_TESTS], expected: [], description: 'unrelated change' },
      { args: [['user.test.ts'], SHOP_IMPORTS, SHOP_TESTS], expected: ['user.test.ts'], description: 'the test file itself changed' },
      {
        args: [['b.ts'], { 'a.test.ts': ['a.ts'], 'a.ts': ['b.ts'], 'b.ts': ['a.ts'] }, ['a.test.ts']],
        expected: ['a.test.ts'],
        description: 'import cycle, affected',
      },
      {
        args: [['c.ts'], { 'a.test.ts': ['a.ts'], 'a.ts': ['b.ts'], 'b.ts': ['a.ts'] }, ['a.test.ts']],
        expected: [],
        description: 'import cycle, unaffected, terminates',
      },
    ],
    timeLimitSec: 1200,
  },
]);

const EXPERT = scoped('expert', [
  // ---- spoken ----
  {
    kind: 'spoken', id: 'qa-exp-spk-01', topic: 'test-strategy', difficulty: 4,
    prompt: 'You join a 200-engineer company with microservices as head of quality. Releases break often. What quality strategy do you put in place?',
    referenceAnswer: 'Make quality ownership belong to the teams that build the services, with a small enabling team providing frameworks, tooling and coaching rather than a separate QA gate. Rebalance towards a test pyramid per service, add contract testing between services instead of a huge shared end-to-end suite, and make CI gates fast and trustworthy by tackling flaky tests. Improve release safety with canaries, feature flags and observability. Track quality metrics such as escaped defects, change failure rate and time to restore, and review incidents to find systemic gaps.',
    keyConcepts: ['quality ownership', 'test pyramid', 'contract testing', 'observability', 'change failure rate', 'escaped defects'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-02', topic: 'ci', difficulty: 5,
    prompt: 'Design CI for a monorepo with 50,000 tests, hundreds of merges a day, and a 30-minute feedback budget.',
    referenceAnswer: 'Use a build system with a dependency graph and hermetic, cacheable test actions, so only targets affected by a change are rebuilt and retested and unchanged results come from a remote cache. Shard the remaining tests across many machines balanced by historical duration. A merge queue tests each change on top of the latest main in batches, so main stays green without testing every pull request serially. Flaky tests are detected automatically and quarantined with owners, and a full run happens periodically to catch what selection misses.',
    keyConcepts: ['dependency graph', 'remote cache', 'test selection', 'sharding', 'merge queue', 'flaky quarantine'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-03', topic: 'flaky-tests', difficulty: 4,
    prompt: 'How would you build an automated system that detects and quarantines flaky tests across the organization?',
    referenceAnswer: 'Ingest every test result with the commit, attempt and environment into a store. A test that both passes and fails on the same commit, or passes on a rerun, is a flake signal; compute a flakiness score over a rolling window. Above a threshold, automatically quarantine the test: keep running it but do not block merges, and file a ticket to the owner, the owning team, with failure logs. Tests that stay stable after a fix leave quarantine automatically, and tests quarantined too long escalate. Dashboards track trends per team.',
    keyConcepts: ['rerun on the same commit', 'flakiness score', 'automatic quarantine', 'ticket to the owner', 'trends'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-04', topic: 'test-strategy', difficulty: 4,
    prompt: 'What does testing in production mean, and how do you do it safely?',
    referenceAnswer: 'Some behaviour only shows with real traffic, data and infrastructure, so we verify in production deliberately: feature flags to expose changes to internal users or small cohorts and turn them off instantly, canary releases compared automatically with the baseline, synthetic monitoring that runs scripted user journeys continuously, and observability with alerts. Safety comes from limiting the blast radius, fast rollback, isolating test data and accounts, and never touching real customers\' data.',
    keyConcepts: ['feature flags', 'canary', 'synthetic monitoring', 'blast radius', 'rollback'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-05', topic: 'performance-testing', difficulty: 5,
    prompt: 'The business expects ten times the traffic next year. How do you plan and run capacity testing, and how do you find the bottleneck?',
    referenceAnswer: 'Build a workload model from production traffic: mix of requests, arrival rates and data volumes, and use production-like data and an environment that scales like production. Ramp load in steps while measuring throughput, latency percentiles and errors, and plot the scalability curve to see where latency bends. At each step watch utilization and saturation of every resource, CPU, memory, connection pools, locks, database and queues, and profile the component that saturates first; that is the bottleneck. Fix it, repeat, and find the next one.',
    keyConcepts: ['workload model', 'production-like data', 'scalability curve', 'saturation', 'bottleneck', 'profiling'],
    timeLimitSec: 240,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-06', topic: 'test-design', difficulty: 4,
    prompt: 'How would you apply model-based testing to a complex checkout flow?',
    referenceAnswer: 'Describe the flow as a state model: states such as cart, payment, confirmation and error, and transitions triggered by events. A tool generates test paths from the model to reach coverage goals, such as every transition at least once or every pair of transitions, and the model also serves as the oracle: after each step the system must be in the expected state. When requirements change you update the model, not hundreds of scripts. The hard parts are keeping the model correct and mapping abstract steps to real actions.',
    keyConcepts: ['state model', 'transitions', 'generated paths', 'transition coverage', 'oracle'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-07', topic: 'test-strategy', difficulty: 5,
    prompt: 'How do you test a system whose output is non-deterministic, such as a machine learning model or an LLM feature?',
    referenceAnswer: 'When output is non-deterministic, exact expected outputs do not work, so test at several levels. Deterministic parts, such as preprocessing and parsing, get normal unit tests. For the model, keep a golden dataset with quality thresholds and statistical assertions with tolerances over many examples, rather than single outputs. Metamorphic testing checks relations, for example paraphrasing the input should not change the classification. Add invariant checks such as output format and safety filters, fix seeds where possible, and monitor quality in production.',
    keyConcepts: ['non-deterministic', 'golden dataset', 'statistical assertions', 'tolerances', 'metamorphic testing'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-08', topic: 'automation-frameworks', difficulty: 4,
    prompt: 'Design a test automation framework shared by web, mobile and API teams. What architecture decisions matter?',
    referenceAnswer: 'Use abstraction layers: tests express business actions, a domain layer implements them, and drivers for web, mobile and API sit underneath, so scenarios are reusable across platforms. Provide shared utilities for test data, configuration and environments, built-in parallel execution and isolation, and consistent reporting with logs, screenshots and traces. Keep it maintainable: versioned releases, documentation, code review, and an owning team, and do not force one tool where a platform needs its own.',
    keyConcepts: ['abstraction layers', 'reusable', 'test data', 'parallel execution', 'reporting', 'maintainability'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-09', topic: 'test-strategy', difficulty: 4,
    prompt: 'What is chaos engineering and how would you introduce it safely?',
    referenceAnswer: 'Chaos engineering runs controlled experiments that inject failures, such as killing instances, adding network latency or failing a dependency, to test whether the system keeps working. Start by defining the steady state with business metrics, form a hypothesis that it will hold, then inject the fault with a small blast radius and an abort switch, first in staging, then in production during working hours, and fix what breaks. Game days practise the response with the team.',
    keyConcepts: ['fault injection', 'steady state', 'hypothesis', 'blast radius', 'game day'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-10', topic: 'ci', difficulty: 4,
    prompt: 'Which delivery metrics would you use to judge whether your testing and release process works, and how would you improve them?',
    referenceAnswer: 'The DORA metrics: deployment frequency and lead time for changes measure speed; change failure rate and time to restore service measure stability. Good testing lets teams go fast without raising the change failure rate. Improve them with small batches, fast and reliable CI gates, a merge queue that keeps main releasable, automated deployment with canaries and quick rollback. I would also track escaped defects and flaky test rate, and look at trends rather than targets.',
    keyConcepts: ['deployment frequency', 'lead time', 'change failure rate', 'time to restore', 'merge queue'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-11', topic: 'test-design', difficulty: 5,
    prompt: 'How would you test the correctness of a distributed database or replicated service under failures?',
    referenceAnswer: 'Following the Jepsen approach, run concurrent clients against a real cluster while a nemesis injects faults: network partitions, process crashes, clock skew and disk errors. Record the full history of operations with their invocation and completion times, then use a history checker to verify it against the consistency model the system claims, such as linearizability or serializability. Deterministic simulation testing goes further by running the whole system in a simulator with controlled scheduling so failures are reproducible.',
    keyConcepts: ['network partitions', 'fault injection', 'history', 'linearizability', 'consistency model', 'deterministic simulation'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-12', topic: 'test-strategy', difficulty: 4,
    prompt: 'Code coverage is 85% but bugs still escape to production. How do you measure how effective your tests really are?',
    referenceAnswer: 'Coverage shows what runs, not what is checked. Mutation testing measures whether tests detect injected faults, and its score is a better effectiveness signal. Track escaped defects: bugs found in production, classified by which test level should have caught them, and feed that back into the strategy. Also watch flakiness, because ignored red builds let bugs through, and time to feedback. Review the riskiest areas for missing assertions or scenarios.',
    keyConcepts: ['coverage', 'mutation testing', 'escaped defects', 'flakiness', 'time to feedback'],
    timeLimitSec: 180,
  },
  {
    kind: 'spoken', id: 'qa-exp-spk-13', topic: 'api-testing', difficulty: 4,
    prompt: 'Your company publishes a public API used by thousands of customers. How do you make sure releases never break them?',
    referenceAnswer: 'Treat the API as a contract: a versioned schema such as OpenAPI, with automated diffing in CI that flags breaking changes like removed fields, new required parameters or changed types. Additive changes are allowed; breaking changes go to a new version with a deprecation period and communication. Keep backward-compatibility test suites that replay recorded requests from older client versions and SDK tests, canary releases, and monitoring of error rates per client version.',
    keyConcepts: ['versioning', 'contract', 'breaking change', 'deprecation', 'backward compatibility'],
    timeLimitSec: 180,
  },
  // ---- multiple choice ----
  {
    kind: 'mcq', id: 'qa-exp-mcq-01', topic: 'test-design', difficulty: 4,
    prompt: 'A search ranking has no exact expected output. Which technique can still detect bugs?',
    options: ['Metamorphic testing: check relations between outputs, e.g. adding an irrelevant filter term must not add results', 'Snapshot testing of the full result page', 'Increasing code coverage', 'Only manual testing can'],
    correctIndex: 0,
    explanation: 'Metamorphic relations sidestep the oracle problem by comparing related executions.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-02', topic: 'test-design', difficulty: 5,
    prompt: 'How does a Jepsen-style test decide whether a distributed store is linearizable?',
    options: ['It compares the final database contents with a backup', 'It measures p99 latency under partitions', 'It checks whether the recorded history of concurrent operations can be ordered consistently with a sequential model and real-time order', 'It counts failed requests'],
    correctIndex: 2,
    explanation: 'Checkers such as Knossos or Elle search for a valid sequential ordering of the observed operations.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-03', topic: 'ci', difficulty: 4,
    prompt: 'Two pull requests each pass CI, but main breaks after both merge. What prevents this?',
    options: ['Requiring two reviewers', 'Running CI nightly', 'Larger pull requests', 'A merge queue that tests each change combined with the latest main (and queued changes) before merging'],
    correctIndex: 3,
    explanation: 'Each PR was tested against an old main; semantic conflicts only show when combined.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-04', topic: 'flaky-tests', difficulty: 3,
    prompt: 'What is the main risk of quarantining flaky tests?',
    options: ['Quarantined tests slow down CI', 'The covered behaviour silently loses protection if quarantined tests are never fixed', 'Quarantine deletes the test history', 'Developers cannot run quarantined tests locally'],
    correctIndex: 1,
    explanation: 'Quarantine needs owners, deadlines and visibility, or it becomes a graveyard of lost coverage.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-05', topic: 'test-strategy', difficulty: 3,
    prompt: 'What is the first step of a chaos engineering experiment?',
    options: ['Define the steady state (measurable normal behaviour) and a hypothesis that it will hold under the fault', 'Kill a random production server', 'Disable monitoring to avoid alert noise', 'Run a load test'],
    correctIndex: 0,
    explanation: 'Without a measurable steady state you cannot tell whether the injected fault had an effect.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-06', topic: 'ci', difficulty: 4,
    prompt: 'What makes a test "hermetic"?',
    options: ['It has no assertions', 'It runs in under a second', 'It depends only on declared inputs and local resources, with no network calls to shared external systems, so results are reproducible', 'It runs in a container'],
    correctIndex: 2,
    explanation: 'Hermeticity enables caching and removes a whole class of environmental flakiness.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-07', topic: 'ci', difficulty: 4,
    prompt: 'With a build system like Bazel and a remote cache, why can a monorepo skip most tests on a typical change?',
    options: ['Tests are sampled randomly', 'Only unit tests are run', 'Caches store test logs for humans', 'A test\'s result is keyed by the hash of all its inputs; if none changed, the cached result is reused'],
    correctIndex: 3,
    explanation: 'Content-addressed caching is only correct when tests are hermetic and inputs fully declared.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-08', topic: 'ci', difficulty: 3,
    prompt: 'Which of these is one of the four DORA delivery metrics?',
    options: ['Lines of test code', 'Number of test cases', 'Change failure rate', 'Code coverage'],
    correctIndex: 2,
    explanation: 'DORA: deployment frequency, lead time for changes, change failure rate, time to restore service.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-09', topic: 'test-strategy', difficulty: 3,
    prompt: 'What is synthetic monitoring?',
    options: ['Generating fake data for unit tests', 'Running scripted user journeys against production continuously to detect failures before users report them', 'Monitoring synthetic CPU benchmarks', 'Simulating users in a staging load test'],
    correctIndex: 1,
    explanation: 'Synthetic checks detect outages in quiet periods too, and their journeys double as living documentation.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-10', topic: 'test-design', difficulty: 4,
    prompt: 'What does a covering array of strength t = 3 guarantee?',
    options: ['Every combination of values of any three parameters appears in at least one test', 'Every test has three parameters', 'Three tests per parameter value', 'All combinations of all parameters'],
    correctIndex: 0,
    explanation: 'Strength t covers all t-way interactions; pairwise is t = 2.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-11', topic: 'ci', difficulty: 4,
    prompt: 'Static test impact analysis misses some affected tests. Which dependencies typically cause that, and what is the usual safeguard?',
    options: ['Unit tests; run them twice', 'Imports; remove them', 'Comments; ignore them', 'Configuration files, reflection, data files and cross-service calls; run the full suite periodically and on main'],
    correctIndex: 3,
    explanation: 'Selection is an optimization; periodic full runs bound how long a missed failure can hide.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-12', topic: 'test-design', difficulty: 3,
    prompt: 'Which property best tests a JSON serializer with property-based testing?',
    options: ['The output is shorter than the input', 'The output is valid UTF-8 only', 'Round trip: parse(serialize(x)) deep-equals x for any generated value x', 'Serialization takes less than 1 ms'],
    correctIndex: 2,
    explanation: 'Round-trip properties catch escaping, unicode and number-precision bugs across huge input spaces.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-13', topic: 'test-design', difficulty: 3,
    prompt: 'How can integration tests reproduce slow networks, dropped connections and timeouts between services?',
    options: ['Run tests on a slow laptop', 'Put a fault-injecting proxy (e.g. Toxiproxy) between the service and its dependency', 'Add sleeps inside the application code', 'Use fewer test threads'],
    correctIndex: 1,
    explanation: 'A proxy can add latency, cut bandwidth or reset connections deterministically per test.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-14', topic: 'ci', difficulty: 4,
    prompt: 'A suite takes 60 minutes: 6 minutes of serial setup, then 54 minutes of tests that parallelize perfectly. What is the best wall-clock time with 10 shards?',
    options: ['6 minutes', '6.6 minutes', '11.4 minutes', '30 minutes'],
    correctIndex: 2,
    explanation: '6 + 54 / 10 = 11.4 minutes; the serial part limits speed-up (Amdahl\'s law).',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-15', topic: 'performance-testing', difficulty: 4,
    prompt: 'Benchmarks in CI vary by ±8% run to run. How should a performance regression gate work?',
    options: ['Fail on any slowdown above 1% in a single run', 'Compare the average of one run against a fixed number', 'Disable the gate', 'Run several iterations on dedicated, stable hardware and compare distributions with a statistical test or a threshold above the noise'],
    correctIndex: 3,
    explanation: 'Gates tighter than the noise produce false alarms; repeated measurements and statistics separate signal from noise.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-16', topic: 'flaky-tests', difficulty: 4,
    prompt: 'You use git bisect to find which commit made a test fail about 30% of the time. What must change in the procedure?',
    options: ['Run the test many times at each commit before marking it good, since one pass proves little', 'Nothing', 'Bisect only merge commits', 'Mark every commit bad'],
    correctIndex: 0,
    explanation: 'At a 30% failure rate, 10 passing runs leave about a 3% chance of a false "good" (0.7^10).',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-17', topic: 'api-testing', difficulty: 4,
    prompt: 'Why do contract tests scale better than end-to-end tests as the number of services grows?',
    options: ['They test the UI more thoroughly', 'Each service is verified independently against its contracts, instead of needing all services deployed together in one environment', 'They need no test data', 'They replace unit tests'],
    correctIndex: 1,
    explanation: 'Shared end-to-end environments grow slower and more fragile with every service added.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-18', topic: 'test-strategy', difficulty: 4,
    prompt: 'What does automated canary analysis (e.g. Kayenta) do during a release?',
    options: ['Runs unit tests on the canary host', 'Compares canary and baseline metrics statistically and passes or fails the release automatically', 'Deploys to all hosts at once', 'Reviews code changes'],
    correctIndex: 1,
    explanation: 'Comparing against a baseline started at the same time removes time-of-day effects from the judgement.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-19', topic: 'test-design', difficulty: 3,
    prompt: 'What is the "test oracle problem"?',
    options: ['Choosing a database for test results', 'Tests that predict the future', 'Deciding the order of tests', 'The difficulty of determining the correct expected output for a given input'],
    correctIndex: 3,
    explanation: 'Scientific code, ML and complex simulations often lack oracles; metamorphic and differential testing help.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-20', topic: 'test-design', difficulty: 4,
    prompt: 'Mutation testing a large codebase takes days. Which approach cuts cost while keeping most of the value?',
    options: ['Mutate only code changed in the pull request and run only the tests that cover each mutant', 'Generate more mutants per line', 'Run it once a year', 'Stop at the first surviving mutant'],
    correctIndex: 0,
    explanation: 'Incremental, coverage-guided mutation testing fits into code review.',
  },
  {
    kind: 'mcq', id: 'qa-exp-mcq-21', topic: 'test-strategy', difficulty: 3,
    prompt: 'In risk-based testing, how do you prioritize test effort?',
    options: ['Alphabetically by feature', 'By the number of lines of code', 'By likelihood of failure combined with the impact of failure', 'Equally across all features'],
    correctIndex: 2,
    explanation: 'Complex, changed or historically buggy areas with high business impact get the deepest testing.',
  },
  // ---- coding ----
  {
    kind: 'coding', id: 'qa-exp-code-1', topic: 'test-design', difficulty: 4,
    title: 'Pairwise coverage of a test suite',
    statement: 'Parameters are `{ name, values }`; each test case is an object mapping parameter names to values. For every two parameters (in the given order, first before second) and every combination of one value of each, the value pair is covered if some test case has both values. Return `{ covered, total, missing }` where missing lists uncovered pairs as "first=value,second=value", ordered by parameter pair (in parameter order) and then by value order.',
    functionName: 'pairwiseCoverage',
    signature: 'function pairwiseCoverage(parameters: { name: string; values: string[] }[], testCases: Record<string, string>[]): { covered: number; total: number; missing: string[] }',
    starterCode: 'type Parameter = { name: string; values: string[] };\n\nfunction pairwiseCoverage(parameters: Parameter[], testCases: Record<string, string>[]): { covered: number; total: number; missing: string[] } {\n  // your code here\n  return { covered: 0, total: 0, missing: [] };\n}\n',
    referenceSolution: `function pairwiseCoverage(parameters, testCases) {
  const missing = [];
  let total = 0;
  let covered = 0;
  for (let i = 0; i < parameters.length; i++) {
    for (let j = i + 1; j < parameters.length; j++) {
      const p = parameters[i], q = parameters[j];
      for (const a of p.values) {
        for (const b of q.values) {
          total++;
          if (testCases.some((t) => t[p.name] === a && t[q.name] === b)) covered++;
          else missing.push(p.name + '=' + a + ',' + q.name + '=' + b);
        }
      }
    }
  }
  return { covered, total, missing };
}`,
    exampleTests: [
      {
        args: [
          [{ name: 'browser', values: ['chrome', 'firefox'] }, { name: 'os', values: ['linux', 'mac'] }],
          [{ browser: 'chrome', os: 'linux' }, { browser: 'firefox', os: 'mac' }],
        ],
        expected: { covered: 2, total: 4, missing: ['browser=chrome,os=mac', 'browser=firefox,os=linux'] },
      },
    ],
    hiddenTests: [
      {
        args: [
          [{ name: 'A', values: ['a0', 'a1'] }, { name: 'B', values: ['b0', 'b1'] }, { name: 'C', values: ['c0', 'c1'] }],
          [{ A: 'a0', B: 'b0', C: 'c0' }, { A: 'a0', B: 'b1', C: 'c1' }, { A: 'a1', B: 'b0', C: 'c1' }, { A: 'a1', B: 'b1', C: 'c0' }],
        ],
        expected: { covered: 12, total: 12, missing: [] },
        description: 'four tests cover all pairs of three binary parameters',
      },
      {
        args: [[{ name: 'x', values: ['1', '2'] }, { name: 'y', values: ['a'] }], []],
        expected: { covered: 0, total: 2, missing: ['x=1,y=a', 'x=2,y=a'] },
        description: 'no test cases',
      },
      { args: [[{ name: 'solo', values: ['v'] }], [{ solo: 'v' }]], expected: { covered: 0, total: 0, missing: [] }, description: 'a single parameter has no pairs' },
      {
        args: [
          [{ name: 'A', values: ['a0', 'a1'] }, { name: 'B', values: ['b0', 'b1'] }, { name: 'C', values: ['c0'] }],
          [{ A: 'a0', B: 'b0', C: 'c0' }, { A: 'a1', B: 'b0', C: 'c0' }],
        ],
        expected: { covered: 5, total: 8, missing: ['A=a0,B=b1', 'A=a1,B=b1', 'B=b1,C=c0'] },
        description: 'missing pairs in parameter order',
      },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'qa-exp-code-2', topic: 'test-design', difficulty: 4,
    title: 'Transition coverage of a state model',
    statement: 'A deterministic state model is `{ initial, transitions: { from, event, to }[] }`. Each run is a list of events applied from the initial state. If an event has no transition from the current state, the run is invalid: record its index and stop that run (transitions it took before still count as covered). Return `{ covered, total, uncovered, invalidRuns }`: the number of distinct model transitions exercised, the number of transitions, the uncovered ones formatted as "from -event-> to" in model order, and the indexes of invalid runs in ascending order.',
    functionName: 'transitionCoverage',
    signature: 'function transitionCoverage(model: { initial: string; transitions: { from: string; event: string; to: string }[] }, runs: string[][]): { covered: number; total: number; uncovered: string[]; invalidRuns: number[] }',
    starterCode: 'type Transition = { from: string; event: string; to: string };\ntype StateModel = { initial: string; transitions: Transition[] };\ntype Coverage = { covered: number; total: number; uncovered: string[]; invalidRuns: number[] };\n\nfunction transitionCoverage(model: StateModel, runs: string[][]): Coverage {\n  // your code here\n  return { covered: 0, total: model.transitions.length, uncovered: [], invalidRuns: [] };\n}\n',
    referenceSolution: `function transitionCoverage(model, runs) {
  const label = (t) => t.from + ' -' + t.event + '-> ' + t.to;
  const used = new Set();
  const invalidRuns = [];
  runs.forEach((events, i) => {
    let state = model.initial;
    for (const ev of events) {
      const t = model.transitions.find((x) => x.from === state && x.event === ev);
      if (!t) { invalidRuns.push(i); return; }
      used.add(label(t));
      state = t.to;
    }
  });
  const uncovered = model.transitions.map(label).filter((l) => !used.has(l));
  return { covered: model.transitions.length - uncovered.length, total: model.transitions.length, uncovered, invalidRuns };
}`,
    exampleTests: [
      {
        args: [CHECKOUT_MODEL, [['checkout', 'pay']]],
        expected: { covered: 2, total: 5, uncovered: ['payment -cancel-> cart', 'payment -fail-> payment_error', 'payment_error -retry-> payment'], invalidRuns: [] },
      },
    ],
    hiddenTests: [
      { args: [CHECKOUT_MODEL, [['checkout', 'cancel', 'checkout', 'fail', 'retry', 'pay']]], expected: { covered: 5, total: 5, uncovered: [], invalidRuns: [] }, description: 'one run covers everything' },
      {
        args: [CHECKOUT_MODEL, [['pay'], ['checkout', 'fail', 'pay']]],
        expected: { covered: 2, total: 5, uncovered: ['payment -pay-> confirmed', 'payment -cancel-> cart', 'payment_error -retry-> payment'], invalidRuns: [0, 1] },
        description: 'invalid runs keep the transitions taken before the invalid event',
      },
      { args: [CHECKOUT_MODEL, []], expected: { covered: 0, total: 5, uncovered: ALL_CHECKOUT_TRANSITIONS, invalidRuns: [] }, description: 'no runs' },
      { args: [CHECKOUT_MODEL, [[], ['checkout', 'checkout']]], expected: { covered: 1, total: 5, uncovered: ALL_CHECKOUT_TRANSITIONS.slice(1), invalidRuns: [1] }, description: 'empty run is valid' },
    ],
    timeLimitSec: 1200,
  },
  {
    kind: 'coding', id: 'qa-exp-code-3', topic: 'performance-testing', difficulty: 4,
    title: 'Latency SLO report',
    statement: 'A load test produced samples `{ ms, ok }`. Failed samples (ok = false) count towards the error rate but are excluded from latency percentiles. Using only successful samples sorted ascending, compute nearest-rank percentiles p50, p95 and p99: the value at 1-based rank Math.ceil(p * n / 100). Return `{ count, errorRate, p50, p95, p99, pass }` where count is the number of all samples, errorRate = failed / count rounded to 4 decimals, percentiles are null when there are no successful samples, and pass is true only if there is at least one successful sample, p95 <= slo.p95Ms, p99 <= slo.p99Ms and the unrounded errorRate <= slo.maxErrorRate. Return null for no samples.',
    functionName: 'latencyReport',
    signature: 'function latencyReport(samples: { ms: number; ok: boolean }[], slo: { p95Ms: number; p99Ms: number; maxErrorRate: number }): LatencyReport | null',
    starterCode: 'type Slo = { p95Ms: number; p99Ms: number; maxErrorRate: number };\ntype LatencyReport = { count: number; errorRate: number; p50: number | null; p95: number | null; p99: number | null; pass: boolean };\n\nfunction latencyReport(samples: { ms: number; ok: boolean }[], slo: Slo): LatencyReport | null {\n  // your code here\n  return null;\n}\n',
    referenceSolution: `function latencyReport(samples, slo) {
  if (samples.length === 0) return null;
  const ok = samples.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b);
  const errorRate = (samples.length - ok.length) / samples.length;
  const pct = (p) => (ok.length > 0 ? ok[Math.ceil((p * ok.length) / 100) - 1] : null);
  const p50 = pct(50), p95 = pct(95), p99 = pct(99);
  const pass = ok.length > 0 && p95 <= slo.p95Ms && p99 <= slo.p99Ms && errorRate <= slo.maxErrorRate;
  return { count: samples.length, errorRate: Math.round(errorRate * 10000) / 10000, p50, p95, p99, pass };
}`,
    exampleTests: [
      {
        args: [
          [120, 80, 100, 90, 300, 110, 95, 105, 85, 115].map((ms) => ({ ms, ok: true })),
          { p95Ms: 250, p99Ms: 400, maxErrorRate: 0.01 },
        ],
        expected: { count: 10, errorRate: 0, p50: 100, p95: 300, p99: 300, pass: false },
      },
    ],
    hiddenTests: [
      { args: [[], { p95Ms: 100, p99Ms: 100, maxErrorRate: 0 }], expected: null, description: 'no samples' },
      {
        args: [[{ ms: 50, ok: true }, { ms: 60, ok: true }, { ms: 1000, ok: false }, { ms: 70, ok: true }], { p95Ms: 100, p99Ms: 100, maxErrorRate: 0.3 }],
        expected: { count: 4, errorRate: 0.25, p50: 60, p95: 70, p99: 70, pass: true },
        description: 'failed samples excluded from percentiles',
      },
      {
        args: [[{ ms: 50, ok: true }, { ms: 60, ok: true }, { ms: 1000, ok: false }, { ms: 70, ok: true }], { p95Ms: 100, p99Ms: 100, maxErrorRate: 0.2 }],
        expected: { count: 4, errorRate: 0.25, p50: 60, p95: 70, p99: 70, pass: false },
        description: 'error budget exceeded',
      },
      {
        args: [[{ ms: 10, ok: false }, { ms: 20, ok: false }], { p95Ms: 100, p99Ms: 100, maxErrorRate: 1 }],
        expected: { count: 2, errorRate: 1, p50: null, p95: null, p99: null, pass: false },
        description: 'all requests failed',
      },
      {
        args: [[10, 10, 10, 10, 11].map((ms) => ({ ms, ok: true })), { p95Ms: 10, p99Ms: 11, maxErrorRate: 0 }],
        expected: { count: 5, errorRate: 0, p50: 10, p95: 11, p99: 11, pass: false },
        description: 'nearest rank, not interpolation',
      },
      { args: [[{ ms: 42, ok: true }], { p95Ms: 50, p99Ms: 50, maxErrorRate: 0 }], expected: { count: 1, errorRate: 0, p50: 42, p95: 42, p99: 42, pass: true }, description: 'single sample' },
    ],
    timeLimitSec: 1200,
  },
]);

/** Curated questions for the qa-automation archetype. Items may also be tagged with related archetypes. */
export const QA_AUTOMATION_BANK: BankItem[] = [...STANDARD, ...ADVANCED, ...EXPERT];
