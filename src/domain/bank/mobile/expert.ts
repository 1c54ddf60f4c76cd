import type { BankItem } from '../bank-item';

/** Mobile, expert depth: architecture at scale, performance internals, security, sync and platform edge cases. */
export const MOBILE_EXPERT: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'mob-exp-spk-01', kind: 'spoken', topic: 'architecture', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you structure a large mobile codebase that many teams work on at the same time?',
    referenceAnswer:
      'Modularise by feature and by layer: feature modules owned by teams, shared core modules for networking, storage, analytics and the design system, and thin app modules that assemble them. Features depend on each other only through API modules or navigation contracts, not implementations, which keeps the dependency graph shallow, enables parallel and incremental builds and cuts build times. Dependency injection, Hilt or Dagger, or a container on iOS, wires implementations at the app level. Clear code ownership, a shared design system, module boundary checks in CI and build caching keep it scalable; some teams add sample apps per feature for fast iteration.',
    keyConcepts: ['modularization', 'feature modules', 'build times', 'dependency injection', 'ownership', 'design system'],
  },
  {
    id: 'mob-exp-spk-02', kind: 'spoken', topic: 'offline-sync', difficulty: 5, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design local-first synchronisation for a collaborative mobile app used offline for days on several devices.',
    referenceAnswer:
      'The device keeps its own database as the source of truth and records changes as an operation log with unique ids and per-device sequence numbers, so uploads are idempotent and can resume after interruption. The server assigns a global order and devices pull operations since their last cursor. Conflicts need a deliberate model: field-level three-way merges with last writer wins for simple fields, and CRDTs for data that must merge without loss, such as lists and text. Deletes are tombstones that are garbage-collected later. Schema migrations must handle old operations and clients that have not updated for weeks, and the sync engine must survive process death and run in background windows the OS allows.',
    keyConcepts: ['local-first', 'operation log', 'idempotent', 'conflict resolution', 'CRDT', 'schema migration'],
  },
  {
    id: 'mob-exp-spk-03', kind: 'spoken', topic: 'performance', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'A scrolling feed drops frames on mid-range devices. How do you diagnose and fix the jank?',
    referenceAnswer:
      'At 60 hertz each frame has about 16 milliseconds, at 120 hertz about 8, for both the main thread and the render thread. Reproduce on a real mid-range device and capture a system trace, Perfetto or the Android Studio profiler with JankStats, or Instruments with the hitches and Time Profiler templates, to see whether frames miss their deadline on the main thread, in layout, or in rendering. Typical causes are work on the main thread during binding such as parsing, date formatting or image decoding, deep or nested layouts with multiple measure passes, overdraw and offscreen rendering like shadows and masks, and unnecessary recompositions or re-renders. Fix by precomputing view data off the main thread, flattening layouts, decoding images at display size in the background, prefetching rows and stabilising state.',
    keyConcepts: ['frame budget', '16 milliseconds', 'system trace', 'main thread', 'layout passes', 'overdraw'],
  },
  {
    id: 'mob-exp-spk-04', kind: 'spoken', topic: 'startup', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Your large app’s cold start takes three seconds. How would you cut it in half?',
    referenceAnswer:
      'Measure precisely first: time to initial display and time to full display on reference devices in CI with Macrobenchmark or XCTest launch metrics, and field data per app version, so regressions are caught. Then attack the critical path: inventory every SDK and initialiser and defer all that the first screen does not need, make dependency injection lazy, move disk and network work off the main thread, and render cached content first. On Android, generate baseline profiles so hot code is precompiled, and enable R8 optimisation; on iOS, reduce the number of dynamic frameworks, avoid static initialisers and expensive +load methods. Set a launch budget and guard it in CI.',
    keyConcepts: ['measure', 'critical path', 'defer SDKs', 'lazy initialization', 'baseline profiles', 'dynamic frameworks'],
  },
  {
    id: 'mob-exp-spk-05', kind: 'spoken', topic: 'app-size', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you reduce the download and install size of a large mobile app, and why does it matter?',
    referenceAnswer:
      'Size affects install conversion, especially on cellular networks and cheap devices, and update rates. Start by analysing the binary with the APK Analyzer or the App Store size report to see what dominates. On Android, publish an Android App Bundle so Play delivers only the code and resources for the device\'s ABI, density and language, and enable R8 code shrinking and resource shrinking. On iOS, app thinning does similar slicing. Compress and convert images to WebP or vector formats, remove unused resources and duplicate libraries, strip debug symbols, and move rarely used features or large assets into on-demand delivery, such as Play Feature Delivery or on-demand resources.',
    keyConcepts: ['install conversion', 'size analysis', 'app bundle', 'code shrinking', 'image compression', 'on-demand delivery'],
  },
  {
    id: 'mob-exp-spk-06', kind: 'spoken', topic: 'security', difficulty: 5, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design secure session handling for a mobile banking app.',
    referenceAnswer:
      'Authenticate with OAuth and PKCE through the system browser or native flow, then bind the session to the device: generate a key pair in hardware-backed storage, the Secure Enclave or the Android Keystore with StrongBox where available, and register the public key with the server, so requests or token refreshes are signed and a stolen token alone is useless. Store tokens in the Keychain or Keystore-protected storage with this-device-only access, keep access tokens short-lived and rotate refresh tokens. Require biometric confirmation tied to the key for sensitive actions, use certificate pinning with backup pins, attest the app with App Attest or Play Integrity, detect rooted or jailbroken devices as a risk signal, time out idle sessions and hide content in the app switcher. The server still enforces every rule.',
    keyConcepts: ['PKCE', 'hardware-backed keys', 'Keychain', 'biometrics', 'certificate pinning', 'attestation'],
  },
  {
    id: 'mob-exp-spk-07', kind: 'spoken', topic: 'observability', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you monitor the quality of a mobile app in the wild?',
    referenceAnswer:
      'Crash reporting with Crashlytics, Sentry or similar, with symbolication from uploaded dSYMs and R8 mapping files so stack traces are readable. Track crash-free users and sessions and the ANR rate per release, since Google Play penalises high ANR and crash rates, and review MetricKit and Android vitals for hangs, launch time and battery. Add performance traces for app start, key screens and network calls, sampled to limit overhead and data use, and structured non-fatal error logging with breadcrumbs. Tag everything with app version and device class, compare new releases with the previous one during staged rollout, and alert on regressions.',
    keyConcepts: ['crash reporting', 'symbolication', 'ANR rate', 'performance traces', 'sampling', 'release health'],
  },
  {
    id: 'mob-exp-spk-08', kind: 'spoken', topic: 'api-evolution', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Old versions of your app stay installed for years. How do you evolve the backend API without breaking them?',
    referenceAnswer:
      'Treat every released app version as a client you must support until you decide otherwise. Make API changes additive and backward compatible: add optional fields, never change the meaning or type of existing ones, and make clients ignore unknown fields and enum values gracefully. For breaking changes, version the endpoint or negotiate by app version header and run both for a while. Track usage by app version to know when an old version can be retired, then enforce a minimum supported version with a soft prompt and finally a forced update screen. Server-driven UI and feature flags reduce how often a client release is needed at all.',
    keyConcepts: ['backward compatible', 'additive changes', 'unknown fields', 'versioning', 'minimum supported version', 'forced update'],
  },
  {
    id: 'mob-exp-spk-09', kind: 'spoken', topic: 'cross-platform', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'For a new product, would you choose fully native, Flutter, React Native or Kotlin Multiplatform? Argue the trade-offs.',
    referenceAnswer:
      'It depends on the product and the team. Fully native gives the best platform integration and performance and day-one access to new APIs, at the cost of building everything twice. Flutter shares UI and logic with its own rendering engine, which gives consistent visuals and good performance, but it does not use platform widgets and needs Dart skills. React Native shares UI through native views driven by JavaScript and suits teams with React experience and code sharing with the web, with native modules for gaps. Kotlin Multiplatform shares business logic, networking and storage while keeping native UI, or Compose Multiplatform, which limits risk. I would weigh how platform-specific the product is, performance needs, hiring, and long-term maintenance.',
    keyConcepts: ['native UI', 'shared business logic', 'performance', 'platform APIs', 'hiring', 'long-term maintenance'],
  },
  {
    id: 'mob-exp-spk-10', kind: 'spoken', topic: 'realtime', difficulty: 5, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design real-time messaging on mobile that is reliable yet battery-friendly.',
    referenceAnswer:
      'Keep a persistent connection, a WebSocket or MQTT, only while the app is in the foreground; in the background rely on push notifications through APNs and FCM, which share one system connection, to wake or notify the app, and sync when it resumes. Every message has a client-generated id, is stored locally first and sent from an outbox, and the server acknowledges delivery so retries are idempotent and nothing is lost or duplicated. On reconnect the client syncs from its last sequence number instead of relying on the socket. Batch non-urgent traffic, use heartbeats tuned to network conditions, and back off on reconnect to spare the radio and battery.',
    keyConcepts: ['persistent connection', 'foreground only', 'push notifications', 'delivery acknowledgement', 'idempotent', 'sync on resume'],
  },
  {
    id: 'mob-exp-spk-11', kind: 'spoken', topic: 'media', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How would you build reliable uploads of large videos from a phone on a flaky network?',
    referenceAnswer:
      'Use a resumable, chunked upload protocol such as tus or S3 multipart: split the file into chunks of a few megabytes, upload them with retries and backoff, and let the server report which ranges it has so an interrupted upload resumes instead of restarting. Run it as background work that survives the app being closed: a background URLSession on iOS and WorkManager, or a foreground service with a notification for user-initiated uploads, on Android, respecting metered-network preferences. Verify integrity with checksums per chunk and for the whole file, persist upload state locally, show progress, and compress or transcode before upload when quality allows.',
    keyConcepts: ['chunked upload', 'resumable', 'retry', 'background transfer', 'checksum', 'progress'],
  },
  {
    id: 'mob-exp-spk-12', kind: 'spoken', topic: 'privacy', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'How do you meet privacy requirements in a mobile app with many third-party SDKs?',
    referenceAnswer:
      'Start with data minimisation: collect only what features need, and know exactly what each third-party SDK collects and sends, since you are responsible for it. Ask for consent where required, such as App Tracking Transparency on iOS before tracking across apps, and GDPR consent before analytics or ads in the EU, and make SDKs respect it by not initialising them until consent is given. Keep the App Store privacy manifest and nutrition labels and the Google Play data safety form accurate, including required reason APIs. Offer account and data deletion inside the app, encrypt data in transit and at rest, and review new SDKs before adding them.',
    keyConcepts: ['data minimization', 'third-party SDKs', 'consent', 'App Tracking Transparency', 'privacy manifest', 'data deletion'],
  },
  {
    id: 'mob-exp-spk-13', kind: 'spoken', topic: 'release', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'Design the testing and release process for a mobile app that ships every week.',
    referenceAnswer:
      'A release train: on a fixed day a release branch is cut from main, whatever is merged ships, and unfinished work hides behind feature flags. CI runs unit, snapshot and UI tests on every change and a larger suite on a device farm for the release candidate, covering OS versions and device classes. The candidate goes to internal dogfooding and beta channels through TestFlight and Play testing tracks for a few days, with release blockers defined by crash-free rate and performance budgets. Then staged rollout with automated halting on regressions, and hotfixes cherry-picked onto the release branch. Release notes, store metadata and signing are automated.',
    keyConcepts: ['release train', 'feature flags', 'automated tests', 'device farm', 'beta channel', 'staged rollout'],
  },
  {
    id: 'mob-exp-spk-14', kind: 'spoken', topic: 'concurrency', difficulty: 5, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 180,
    prompt: 'What pitfalls do Swift actors and Kotlin coroutines bring in a complex app, and how do you avoid them?',
    referenceAnswer:
      'Actor reentrancy: while an actor method awaits, other calls can run and change its state, so invariants checked before the await must be checked again after it, and duplicate work such as two parallel fetches for the same key needs an in-flight task cache. Cancellation is cooperative: long loops must check for it, and catching all exceptions can swallow CancellationException in Kotlin and break cancellation. Blocking calls inside coroutines or on the main actor freeze threads meant to be shared. Unstructured tasks, GlobalScope or detached tasks, escape lifecycles and leak. Shared mutable state still needs isolation, so data races appear unless Sendable checking and strict concurrency warnings are enabled.',
    keyConcepts: ['actor reentrancy', 'cancellation', 'CancellationException', 'blocking calls', 'structured concurrency', 'data races'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'mob-exp-mcq-01', kind: 'mcq', topic: 'concurrency', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Inside a Swift actor method, code checks that a cache entry is missing, then awaits a download, then stores the result. What must you account for?',
    options: [
      'Nothing: an actor runs each method to completion without interleaving',
      'Other calls may run on the actor during the await, so the entry may already exist afterwards; re-check state or share an in-flight task',
      'The await moves the method onto the main thread',
      'Actors forbid await inside their methods',
    ],
    correctIndex: 1,
    explanation: 'Actors are reentrant: isolation is released at each suspension point. Invariants must hold across awaits, and duplicate work is avoided by caching the Task.',
  },
  {
    id: 'mob-exp-mcq-02', kind: 'mcq', topic: 'concurrency', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A Kotlin coroutine wraps a suspending call in try { ... } catch (e: Exception) { log(e) } and continues. What goes wrong when its scope is cancelled?',
    options: [
      'The CancellationException is caught and swallowed, so the coroutine keeps running instead of finishing cancellation',
      'Nothing; cancellation cannot be caught',
      'The app crashes with an uncaught CancellationException',
      'The exception is rethrown automatically after the catch block',
    ],
    correctIndex: 0,
    explanation: 'Cancellation is signalled by CancellationException. Catch specific exceptions, or rethrow CancellationException (runCatching has the same pitfall).',
  },
  {
    id: 'mob-exp-mcq-03', kind: 'mcq', topic: 'concurrency', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Which statement about Kotlin’s StateFlow is correct?',
    options: [
      'It buffers every emitted value until collectors read it',
      'It has no current value until the first emission',
      'It emits every value, even when equal to the previous one',
      'It always holds a current value and skips values equal to the current one, so slow collectors may miss intermediate values',
    ],
    correctIndex: 3,
    explanation: 'StateFlow is conflated and distinct by equality, ideal for UI state. One-off events that must not be lost need other designs (for example a SharedFlow with a buffer or state that is consumed).',
  },
  {
    id: 'mob-exp-mcq-04', kind: 'mcq', topic: 'concurrency', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why is GlobalScope.launch discouraged in Android apps?',
    options: [
      'It runs only on the main thread',
      'It is slower than other scopes',
      'Its coroutines are not bound to any lifecycle, so they are not cancelled with the screen and can leak work and memory',
      'It cannot call suspend functions',
    ],
    correctIndex: 2,
    explanation: 'GlobalScope breaks structured concurrency. Use viewModelScope, lifecycleScope or an injected application scope with explicit lifetime.',
  },
  {
    id: 'mob-exp-mcq-05', kind: 'mcq', topic: 'startup', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'How do Baseline Profiles speed up an Android app?',
    options: [
      'They shrink the APK by removing unused code',
      'They ship a list of hot classes and methods so ART compiles them ahead of time at install, avoiding interpretation and JIT on first runs',
      'They raise the app’s CPU priority during start-up',
      'They cache network responses for the first screen',
    ],
    correctIndex: 1,
    explanation: 'Without profiles, new installs run critical paths interpreted or JIT-compiled until cloud profiles arrive; baseline profiles give AOT compilation from day one.',
  },
  {
    id: 'mob-exp-mcq-06', kind: 'mcq', topic: 'app-size', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'After enabling R8 full mode, a release build crashes when a JSON library instantiates a model class by reflection. What is the fix?',
    options: [
      'Disable minification for release builds',
      'Add keep rules (or use the library’s codegen) so R8 does not remove or rename the reflectively used classes and members',
      'Switch to a debug build',
      'Increase the heap size',
    ],
    correctIndex: 1,
    explanation: 'R8 removes and renames what static analysis sees as unused; reflection is invisible to it. Keep rules or compile-time codegen (e.g. kotlinx.serialization, Moshi codegen) fix it.',
  },
  {
    id: 'mob-exp-mcq-07', kind: 'mcq', topic: 'startup', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why can linking dozens of dynamic frameworks slow down an iOS app’s launch?',
    options: [
      'Dynamic frameworks cannot use the GPU',
      'Each framework must be downloaded at launch',
      'They disable app thinning',
      'The dynamic linker must load, map and bind each library at launch before main runs; static linking or mergeable libraries reduce that work',
    ],
    correctIndex: 3,
    explanation: 'dyld work grows with the number of dynamic libraries. Apple recommends keeping them few; Xcode 15 mergeable libraries give static-like launch with dynamic debug builds.',
  },
  {
    id: 'mob-exp-mcq-08', kind: 'mcq', topic: 'memory', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'An iOS app exceeds its memory limit while in the foreground. What typically happens?',
    options: [
      'The system swaps memory to disk and the app slows down',
      'iOS throws an exception the app can catch',
      'The system terminates the app (a jetsam event), which does not produce an ordinary crash report with a stack trace',
      'The app is moved to the background automatically',
    ],
    correctIndex: 2,
    explanation: 'iOS has no swap for app memory; it sends memory warnings and then kills. Such terminations show up in jetsam reports and MetricKit, not crash logs, so they are easy to miss.',
  },
  {
    id: 'mob-exp-mcq-09', kind: 'mcq', topic: 'performance', difficulty: 5, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'In Jetpack Compose, why does Modifier.offset { IntOffset(0, scroll.value) } perform better than Modifier.offset(y = scroll.value.dp) for a parallax header?',
    options: [
      'The lambda version reads the state during the layout phase, so scrolling changes skip recomposition',
      'The lambda version runs on a background thread',
      'dp values are slower to compute than pixels',
      'The lambda is cached across app launches',
    ],
    correctIndex: 0,
    explanation: 'Deferring state reads to layout or draw (lambda modifiers, graphicsLayer { }) limits invalidation to those phases instead of recomposing every frame.',
  },
  {
    id: 'mob-exp-mcq-10', kind: 'mcq', topic: 'state-management', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A SwiftUI view applies .id(UUID()) to a child view inside body. What happens?',
    options: [
      'Nothing; id only affects accessibility',
      'The child gets a new identity on every body evaluation, so SwiftUI tears it down and recreates it, losing its state and animations',
      'The child is rendered only once and cached',
      'SwiftUI reports a compile-time error',
    ],
    correctIndex: 1,
    explanation: 'Explicit identity must be stable. A fresh UUID each render means a new view each time; use stable model ids instead.',
  },
  {
    id: 'mob-exp-mcq-11', kind: 'mcq', topic: 'cross-platform', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What is the main benefit of React Native’s Hermes engine?',
    options: [
      'It compiles JavaScript to bytecode at build time, improving start-up time and memory use',
      'It replaces native views with a canvas',
      'It runs JavaScript on the GPU',
      'It removes the need for native modules',
    ],
    correctIndex: 0,
    explanation: 'Hermes precompiles to bytecode, avoiding parsing and compiling JS on device at launch; it is optimised for mobile memory constraints.',
  },
  {
    id: 'mob-exp-mcq-12', kind: 'mcq', topic: 'cross-platform', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'How does Flutter draw its user interface?',
    options: [
      'By mapping each widget to the matching UIKit or Android View',
      'Inside a WebView using HTML and CSS',
      'With its own rendering engine (Impeller, formerly Skia) that paints every pixel, rather than using platform widgets',
      'Through the React Native bridge',
    ],
    correctIndex: 2,
    explanation: 'Flutter owns rendering, which gives identical visuals across platforms; platform look and accessibility come from Flutter’s own widgets and semantics tree.',
  },
  {
    id: 'mob-exp-mcq-13', kind: 'mcq', topic: 'security', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'An attacker runs your app on a rooted phone with a hooking framework such as Frida. What does certificate pinning still guarantee?',
    options: [
      'That the attacker cannot see any traffic',
      'That the app binary cannot be modified',
      'That requests must come from your unmodified app',
      'Nothing absolute: pinning can be hooked out on a device the attacker controls, so the server must never trust the client',
    ],
    correctIndex: 3,
    explanation: 'Pinning protects users against interception on networks they do not control. Against a device owner it only raises the cost; authorisation stays on the server.',
  },
  {
    id: 'mob-exp-mcq-14', kind: 'mcq', topic: 'security', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What do App Attest (iOS) and the Play Integrity API (Android) let a backend check?',
    options: [
      'That requests come from a genuine, unmodified build of your app on a genuine device, via signed attestations it verifies server side',
      'That the user typed the correct password',
      'That the network connection is encrypted',
      'That the device has the latest OS version',
    ],
    correctIndex: 0,
    explanation: 'Attestation verdicts are signed by Apple or Google and must be verified by the server (with nonces against replay). They reduce abuse but are one risk signal, not proof.',
  },
  {
    id: 'mob-exp-mcq-15', kind: 'mcq', topic: 'storage', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'A Keychain item is saved with kSecAttrAccessibleWhenUnlockedThisDeviceOnly. What does that mean?',
    options: [
      'The item is synced to all the user’s devices via iCloud',
      'The item can be read at any time, even before first unlock',
      'The item is readable only while the device is unlocked and is never migrated to another device through backups',
      'The item is deleted when the app is closed',
    ],
    correctIndex: 2,
    explanation: '"ThisDeviceOnly" items are bound to the device’s keys and are not restored to a new phone; "WhenUnlocked" blocks background access while the device is locked.',
  },
  {
    id: 'mob-exp-mcq-16', kind: 'mcq', topic: 'push-notifications', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Why should an iOS app not rely on silent (content-available) push notifications to keep data in sync?',
    options: [
      'They are limited to 10 per day by the App Store',
      'They require the user to tap the notification',
      'They always show an alert',
      'They are low priority and may be throttled or dropped by the system, and are not delivered to apps the user force-quit',
    ],
    correctIndex: 3,
    explanation: 'Background pushes are a hint the system may coalesce or delay based on battery and usage. Sync must also happen on launch and resume.',
  },
  {
    id: 'mob-exp-mcq-17', kind: 'mcq', topic: 'background-work', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'An app targeting Android 12 or later tries to start a foreground service while it is in the background. What happens in general, and what is the recommended alternative?',
    options: [
      'It works as before; no alternative is needed',
      'It throws ForegroundServiceStartNotAllowedException unless an exemption applies; use WorkManager expedited work instead',
      'The service starts silently without a notification',
      'The system restarts the app in the foreground',
    ],
    correctIndex: 1,
    explanation: 'Android 12 restricted background foreground-service starts to limited exemptions. Expedited jobs run important short work promptly within system quotas.',
  },
  {
    id: 'mob-exp-mcq-18', kind: 'mcq', topic: 'memory', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'About how much memory does a 4000 × 3000 photo take once decoded as a 32-bit ARGB bitmap?',
    options: ['About 3 MB, like the JPEG file', 'About 12 MB', 'About 48 MB', 'About 192 MB'],
    correctIndex: 2,
    explanation: '4000 × 3000 pixels × 4 bytes = 48,000,000 bytes. File size reflects compression; memory reflects pixels, hence downsampling on decode.',
  },
  {
    id: 'mob-exp-mcq-19', kind: 'mcq', topic: 'performance', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'On a 120 Hz display, roughly how long does the app have to produce each frame?',
    options: ['About 4.2 ms', 'About 8.3 ms', 'About 16.7 ms', 'About 33 ms'],
    correctIndex: 1,
    explanation: '1000 ms / 120 ≈ 8.3 ms, half the 60 Hz budget; work that was fine at 60 Hz can cause hitches on ProMotion and high-refresh Android screens.',
  },
  {
    id: 'mob-exp-mcq-20', kind: 'mcq', topic: 'app-size', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What does publishing an Android App Bundle (.aab) instead of a universal APK change for users?',
    options: [
      'Google Play generates optimised APKs containing only the code and resources for each device’s ABI, screen density and languages',
      'The app no longer needs to be signed',
      'Users download the whole bundle and the device extracts what it needs',
      'The app runs in a sandboxed web view',
    ],
    correctIndex: 0,
    explanation: 'Split APKs cut download and install size; Play signs them with the app signing key. Feature modules can also be delivered on demand.',
  },
  {
    id: 'mob-exp-mcq-21', kind: 'mcq', topic: 'offline-sync', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'An offline outbox retries "create order" requests after timeouts whose outcome is unknown. What prevents duplicate orders?',
    options: [
      'Retrying only on Wi-Fi',
      'Waiting longer before each retry',
      'Sending a client-generated idempotency key with each request, which the server uses to return the original result for repeats',
      'Deleting the outbox entry before sending',
    ],
    correctIndex: 2,
    explanation: 'A timeout does not tell whether the server processed the request. Idempotency keys make retries safe; deleting first would lose orders instead.',
  },
  {
    id: 'mob-exp-mcq-22', kind: 'mcq', topic: 'media', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'Which mechanism lets a large upload continue after the user switches away from an iOS app and the app is suspended?',
    options: [
      'A Timer that keeps firing every second',
      'A background URLSession configuration: the system performs the transfer out of process and relaunches the app in the background to report completion',
      'beginBackgroundTask with an unlimited expiration',
      'Playing silent audio to stay awake',
    ],
    correctIndex: 1,
    explanation: 'Background sessions hand the transfer to a system daemon. beginBackgroundTask grants only a short time, and silent-audio tricks are rejected in review.',
  },
  {
    id: 'mob-exp-mcq-23', kind: 'mcq', topic: 'cross-platform', difficulty: 3, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 60,
    prompt: 'What does Kotlin Multiplatform typically share between Android and iOS?',
    options: [
      'Only images and strings',
      'Nothing at runtime; it is a build tool',
      'The whole app including a WebView-based UI',
      'Business logic such as networking, storage and validation compiled for each platform, while UI can stay native (or use Compose Multiplatform)',
    ],
    correctIndex: 3,
    explanation: 'KMP compiles shared Kotlin to JVM bytecode for Android and native binaries for iOS, exposing it to Swift; teams can adopt it module by module.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'mob-exp-code-01', kind: 'coding', topic: 'offline-sync', difficulty: 5, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Three-way merge of an edited record',
    statement:
      'Two devices edited the same record offline. Write mergeFields(base, local, remote), a field-level three-way merge of flat JSON objects, where base is the last synced version. For every key present in any of the three (a missing key means the field is absent or deleted): if local and remote are deeply equal, take that value; else if local equals base, take remote (only remote changed); else if remote equals base, take local; otherwise both changed differently: take remote and report the key as a conflict. A resulting undefined means the key is absent from the merged object. Return { merged, conflicts } with conflicts sorted.',
    language: 'typescript',
    functionName: 'mergeFields',
    signature:
      'function mergeFields(base: Record<string, unknown>, local: Record<string, unknown>, remote: Record<string, unknown>): { merged: Record<string, unknown>; conflicts: string[] }',
    starterCode:
      'function mergeFields(base: Record<string, unknown>, local: Record<string, unknown>, remote: Record<string, unknown>): { merged: Record<string, unknown>; conflicts: string[] } {\n  // your code here\n  return { merged: { ...remote }, conflicts: [] };\n}\n',
    referenceSolution: `function mergeFields(base, local, remote) {
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
  const keys = [...new Set([...Object.keys(base), ...Object.keys(local), ...Object.keys(remote)])].sort();
  const merged = {};
  const conflicts = [];
  for (const key of keys) {
    const b = base[key], l = local[key], r = remote[key];
    let value;
    if (equal(l, r)) value = l;
    else if (equal(l, b)) value = r;
    else if (equal(r, b)) value = l;
    else { value = r; conflicts.push(key); }
    if (value !== undefined) merged[key] = value;
  }
  return { merged, conflicts };
}`,
    exampleTests: [
      {
        args: [{ title: 'A', body: 'x' }, { title: 'B', body: 'x' }, { title: 'A', body: 'y' }],
        expected: { merged: { title: 'B', body: 'y' }, conflicts: [] },
      },
    ],
    hiddenTests: [
      { args: [{ t: 'A' }, { t: 'B' }, { t: 'C' }], expected: { merged: { t: 'C' }, conflicts: ['t'] } },
      { args: [{ t: 'A' }, { t: 'B' }, { t: 'B' }], expected: { merged: { t: 'B' }, conflicts: [] } },
      { args: [{ t: 'A', pinned: true }, { t: 'A' }, { t: 'A', pinned: true }], expected: { merged: { t: 'A' }, conflicts: [] } },
      { args: [{ t: 'A', note: 'n' }, { t: 'A', note: 'edited' }, { t: 'A' }], expected: { merged: { t: 'A' }, conflicts: ['note'] } },
      { args: [{}, { color: 'red' }, { color: 'blue' }], expected: { merged: { color: 'blue' }, conflicts: ['color'] } },
      { args: [{}, { color: 'red' }, { color: 'red' }], expected: { merged: { color: 'red' }, conflicts: [] } },
      {
        args: [{ tags: ['a'], n: 1 }, { tags: ['a', 'b'], n: 1 }, { tags: ['a'], n: 2 }],
        expected: { merged: { tags: ['a', 'b'], n: 2 }, conflicts: [] },
      },
      { args: [{ z: 1, a: 1 }, { z: 2, a: 2 }, { z: 3, a: 3 }], expected: { merged: { a: 3, z: 3 }, conflicts: ['a', 'z'] } },
    ],
  },
  {
    id: 'mob-exp-code-02', kind: 'coding', topic: 'performance', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Jank report from frame times',
    statement:
      'Write jankReport(frameTimesMs, refreshHz) summarising rendering smoothness. The frame budget is 1000 / refreshHz ms. A frame is janky if it took longer than the budget; a janky frame of duration d caused ceil(d / budget) - 1 dropped frames (compute it as ceil(d * refreshHz / 1000) - 1 to avoid rounding surprises). Return { frames, jankyFrames, droppedFrames, worstMs, p95Ms } where p95Ms is the nearest-rank 95th percentile: sort ascending and take the element at index ceil(95 * n / 100) - 1. For no frames, every field is 0.',
    language: 'typescript',
    functionName: 'jankReport',
    signature:
      'function jankReport(frameTimesMs: number[], refreshHz: number): { frames: number; jankyFrames: number; droppedFrames: number; worstMs: number; p95Ms: number }',
    starterCode:
      'function jankReport(frameTimesMs: number[], refreshHz: number): { frames: number; jankyFrames: number; droppedFrames: number; worstMs: number; p95Ms: number } {\n  // your code here\n  return { frames: frameTimesMs.length, jankyFrames: 0, droppedFrames: 0, worstMs: 0, p95Ms: 0 };\n}\n',
    referenceSolution: `function jankReport(frameTimesMs, refreshHz) {
  const n = frameTimesMs.length;
  if (n === 0) return { frames: 0, jankyFrames: 0, droppedFrames: 0, worstMs: 0, p95Ms: 0 };
  let jankyFrames = 0;
  let droppedFrames = 0;
  for (const d of frameTimesMs) {
    if (d * refreshHz > 1000) {
      jankyFrames++;
      droppedFrames += Math.ceil((d * refreshHz) / 1000) - 1;
    }
  }
  const sorted = frameTimesMs.slice().sort((a, b) => a - b);
  return {
    frames: n,
    jankyFrames,
    droppedFrames,
    worstMs: sorted[n - 1],
    p95Ms: sorted[Math.ceil((95 * n) / 100) - 1],
  };
}`,
    exampleTests: [
      { args: [[10, 12, 20, 40], 60], expected: { frames: 4, jankyFrames: 2, droppedFrames: 3, worstMs: 40, p95Ms: 40 } },
    ],
    hiddenTests: [
      { args: [[], 60], expected: { frames: 0, jankyFrames: 0, droppedFrames: 0, worstMs: 0, p95Ms: 0 } },
      { args: [[20, 20, 40, 10], 50], expected: { frames: 4, jankyFrames: 1, droppedFrames: 1, worstMs: 40, p95Ms: 40 } },
      { args: [[8, 9, 8, 25], 120], expected: { frames: 4, jankyFrames: 2, droppedFrames: 3, worstMs: 25, p95Ms: 25 } },
      {
        args: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 60],
        expected: { frames: 20, jankyFrames: 4, droppedFrames: 4, worstMs: 20, p95Ms: 19 },
      },
      { args: [[16, 16, 16], 60], expected: { frames: 3, jankyFrames: 0, droppedFrames: 0, worstMs: 16, p95Ms: 16 } },
      { args: [[100], 60], expected: { frames: 1, jankyFrames: 1, droppedFrames: 5, worstMs: 100, p95Ms: 100 } },
    ],
  },
  {
    id: 'mob-exp-code-03', kind: 'coding', topic: 'media', difficulty: 4, archetypes: ['mobile'], depths: ['expert'], timeLimitSec: 1200,
    title: 'Resume a chunked upload',
    statement:
      'A resumable upload resumes after the server reports which byte ranges it already holds. Write remainingChunks(fileSize, chunkSize, received) where received is a list of [start, end) byte ranges (possibly unsorted, overlapping, touching, partly outside [0, fileSize), or empty with end <= start, which are ignored). Compute the gaps in [0, fileSize) not covered by any range, in order, and split each gap from its start into consecutive pieces of chunkSize bytes (the last piece of a gap may be shorter). Return the pieces as [start, end) pairs.',
    language: 'typescript',
    functionName: 'remainingChunks',
    signature: 'function remainingChunks(fileSize: number, chunkSize: number, received: Array<[number, number]>): Array<[number, number]>',
    starterCode:
      'function remainingChunks(fileSize: number, chunkSize: number, received: Array<[number, number]>): Array<[number, number]> {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function remainingChunks(fileSize, chunkSize, received) {
  const ranges = received
    .map(([s, e]) => [Math.max(0, s), Math.min(fileSize, e)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const gaps = [];
  let cursor = 0;
  for (const [s, e] of ranges) {
    if (s > cursor) gaps.push([cursor, s]);
    cursor = Math.max(cursor, e);
  }
  if (cursor < fileSize) gaps.push([cursor, fileSize]);
  const pieces = [];
  for (const [s, e] of gaps) {
    for (let p = s; p < e; p += chunkSize) pieces.push([p, Math.min(e, p + chunkSize)]);
  }
  return pieces;
}`,
    exampleTests: [
      { args: [100, 30, []], expected: [[0, 30], [30, 60], [60, 90], [90, 100]] },
      { args: [100, 30, [[0, 50]]], expected: [[50, 80], [80, 100]] },
    ],
    hiddenTests: [
      { args: [0, 10, []], expected: [] },
      { args: [100, 25, [[0, 100]]], expected: [] },
      { args: [100, 40, [[10, 20], [15, 30], [60, 70]]], expected: [[0, 10], [30, 60], [70, 100]] },
      { args: [50, 20, [[40, 80], [-10, 5]]], expected: [[5, 25], [25, 40]] },
      { args: [30, 10, [[10, 20], [0, 10]]], expected: [[20, 30]] },
      { args: [30, 10, [[30, 20], [25, 25]]], expected: [[0, 10], [10, 20], [20, 30]] },
      { args: [1000, 300, [[100, 200], [150, 900]]], expected: [[0, 100], [900, 1000]] },
    ],
  },
];
