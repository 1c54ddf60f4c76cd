import type { BankItem } from '../bank-item';

/** Mobile, advanced depth: architecture, background work, memory, concurrency internals and release trade-offs. */
export const MOBILE_ADVANCED: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'mob-adv-spk-01', kind: 'spoken', topic: 'architecture', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Compare MVVM and MVI-style architectures for a mobile app. What do they buy you, and what do they cost?',
    referenceAnswer:
      'Both separate UI from logic so the logic can be tested without a device. In MVVM a view model exposes observable state and methods the view calls; it survives configuration changes and talks to repositories that hide data sources. MVI makes the flow strictly unidirectional: the view sends intents, a reducer produces a new immutable state, and the view renders that single state object, which makes state predictable, easy to log and replay, and suits declarative UI like Compose and SwiftUI. The costs are boilerplate and some indirection, and MVI can cause many state copies; small screens may not need the full ceremony.',
    keyConcepts: ['view model', 'separation of concerns', 'unidirectional data flow', 'immutable state', 'testability', 'boilerplate'],
  },
  {
    id: 'mob-adv-spk-02', kind: 'spoken', topic: 'offline-sync', difficulty: 4, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Design offline support for a notes app: where does data live, how does it sync, and what happens on conflicts?',
    referenceAnswer:
      'The local database, Room, Core Data or SQLite, is the source of truth for the UI, so the app works fully offline. Each local change is written together with an entry in a sync queue, or marked dirty with an updated timestamp. A background sync job, triggered when connectivity returns or periodically through WorkManager or background tasks, pushes pending changes and pulls remote changes since the last sync token. Conflicts, when the same note changed on two devices, are resolved by a policy: last write wins by server timestamp for simple fields, or keep both versions and let the user choose for the note body. Deletes are tombstones so they sync too.',
    keyConcepts: ['local database', 'source of truth', 'sync queue', 'background sync', 'conflict', 'last write wins'],
  },
  {
    id: 'mob-adv-spk-03', kind: 'spoken', topic: 'background-work', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you run work in the background on Android and iOS, and what limits do the operating systems impose?',
    referenceAnswer:
      'Both platforms restrict background execution to save battery. On Android, deferrable work that must eventually happen, such as uploading logs, goes to WorkManager with constraints like network or charging; it survives restarts but runs when the system allows, and Doze and app standby buckets delay it. User-visible ongoing work, like playing music or navigation, needs a foreground service with a notification. On iOS, apps get a short time to finish tasks after going to the background, and BGTaskScheduler offers app refresh and processing tasks at times the system chooses; background URLSession transfers continue even when the app is suspended. Design for work being delayed or killed.',
    keyConcepts: ['WorkManager', 'constraints', 'Doze', 'foreground service', 'BGTaskScheduler', 'background transfers'],
  },
  {
    id: 'mob-adv-spk-04', kind: 'spoken', topic: 'performance', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you diagnose and fix a slow app start-up?',
    referenceAnswer:
      'Measure cold start on a real, mid-range device, with Android Studio\'s profiler, Macrobenchmark or Perfetto, or Xcode Instruments\' App Launch template, and track it in production. Typical causes are heavy work on the main thread during Application.onCreate or the app delegate: initialising many SDKs, reading large files or databases, dependency injection graphs built eagerly, and complex first layouts. Fixes are lazy initialisation, deferring non-essential SDKs until after the first frame, moving I/O off the main thread, simplifying the first screen and, on Android, baseline profiles so critical code is precompiled.',
    keyConcepts: ['cold start', 'profiler', 'main thread', 'lazy initialization', 'defer SDKs', 'baseline profiles'],
  },
  {
    id: 'mob-adv-spk-05', kind: 'spoken', topic: 'memory', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What causes memory leaks in mobile apps, and how do you find them?',
    referenceAnswer:
      'On iOS with reference counting the classic leak is a retain cycle: a view controller holds a closure or delegate that strongly references the view controller back; fix with weak or unowned captures and weak delegates. On Android the classic leak is keeping a reference to an Activity, View or Context in something longer lived, such as a singleton, a static field, a callback registered and never removed, or a coroutine not tied to the lifecycle. Find them with LeakCanary or the Android Studio memory profiler, and with Instruments\' Leaks and the Xcode memory graph debugger, after repeatedly opening and closing the screen.',
    keyConcepts: ['retain cycle', 'weak reference', 'Activity context', 'listeners', 'LeakCanary', 'Instruments'],
  },
  {
    id: 'mob-adv-spk-06', kind: 'spoken', topic: 'concurrency', difficulty: 4, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Explain structured concurrency, with Kotlin coroutines or Swift async/await, and why it matters in a mobile app.',
    referenceAnswer:
      'Structured concurrency means every concurrent task runs inside a scope with a clear owner and lifetime, and child tasks cannot outlive their parent. In Kotlin, coroutines launched in viewModelScope or lifecycleScope are cancelled when the view model is cleared or the lifecycle ends; in Swift, a task started with the task modifier is cancelled when the view disappears, and async let or task groups wait for their children. Errors propagate to the parent, and cancellation propagates to children, so work for a screen the user left stops and does not leak or update dead UI. Dispatchers or actors, including the main actor, define where code runs.',
    keyConcepts: ['scope', 'child tasks', 'cancellation', 'lifecycle', 'error propagation', 'main actor'],
  },
  {
    id: 'mob-adv-spk-07', kind: 'spoken', topic: 'navigation', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you implement deep links that open the right screen, whether the app is running, in the background or not installed?',
    referenceAnswer:
      'Use https links verified against your domain, Universal Links on iOS with an apple-app-site-association file and App Links on Android with assetlinks.json, so the system opens the app for those URLs and the website otherwise, which is the fallback when the app is not installed. In the app, parse the URL into a typed route in one place, validate parameters, and build the correct back stack so back navigation makes sense. Handle cold start, where the link arrives at launch, and warm start, where it arrives while running; if the user must log in first, keep the pending destination and continue afterwards.',
    keyConcepts: ['Universal Links', 'App Links', 'domain verification', 'fallback to website', 'back stack', 'login first'],
  },
  {
    id: 'mob-adv-spk-08', kind: 'spoken', topic: 'security', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What are the main security risks for a mobile app, and how do you mitigate them?',
    referenceAnswer:
      'The app binary is in the attacker\'s hands: it can be decompiled and modified, so never embed secrets such as API keys with real privileges, and never trust the client, since the server must authorise and validate everything. Store tokens in the Keychain or Keystore-backed storage, not in preferences or logs. Use TLS everywhere and consider certificate pinning against interception on hostile networks, with backup pins. Protect sensitive screens from screenshots and the app switcher, validate deep link parameters, and use platform attestation such as Play Integrity or App Attest to make tampered clients harder to use.',
    keyConcepts: ['decompiled', 'secrets in the binary', 'server-side validation', 'secure storage', 'certificate pinning', 'attestation'],
  },
  {
    id: 'mob-adv-spk-09', kind: 'spoken', topic: 'networking', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you make a mobile app efficient on slow or metered networks?',
    referenceAnswer:
      'Send less: compact payloads with only the fields the screen needs, gzip or Brotli compression, pagination, and images requested at the size and format the device needs, such as WebP or AVIF. Send less often: cache responses with proper HTTP caching and ETags, batch requests and analytics events, and avoid polling in favour of push. Prefetch wisely on Wi-Fi, and respect the metered or low-data mode flags by deferring large downloads. Reuse one HTTP client so connections and TLS sessions are pooled, and set timeouts and retries suited to mobile.',
    keyConcepts: ['payload size', 'compression', 'pagination', 'caching', 'batching', 'image sizes'],
  },
  {
    id: 'mob-adv-spk-10', kind: 'spoken', topic: 'release', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'You cannot instantly roll back an app store release. How do you ship a risky change safely?',
    referenceAnswer:
      'Ship the code dark behind a feature flag controlled by remote configuration, so it can be turned off without a new release, and enable it gradually for a percentage of users. Use staged rollouts in Google Play and phased release on the App Store, and watch crash reporting and key metrics before widening; halt the rollout if they degrade. Keep the backend compatible with old and new app versions. For critical problems, a minimum supported version check can force an update, and a kill switch can disable a broken feature server side.',
    keyConcepts: ['feature flags', 'remote config', 'staged rollout', 'crash reporting', 'backward compatible', 'forced update'],
  },
  {
    id: 'mob-adv-spk-11', kind: 'spoken', topic: 'testing', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'Your mobile UI tests are flaky. How do you make them reliable?',
    referenceAnswer:
      'Most flakiness comes from timing and shared state. Replace sleeps with synchronisation: Espresso idling resources or Compose test rules that wait for the app to be idle, and XCUITest expectations that wait for elements. Disable animations on test devices. Make data deterministic with a local mock server or injected fakes instead of a real backend, reset app state between tests, and find elements by stable test tags or accessibility identifiers rather than text or position. Run tests in isolation with orchestrators, track flaky tests and fix or quarantine them rather than retrying blindly.',
    keyConcepts: ['flaky', 'idling resources', 'disable animations', 'mock server', 'accessibility identifiers', 'reset state'],
  },
  {
    id: 'mob-adv-spk-12', kind: 'spoken', topic: 'cross-platform', difficulty: 4, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How does React Native render native UI, and what changed with its new architecture?',
    referenceAnswer:
      'React Native runs the JavaScript of the app, React components and business logic, on a JavaScript thread, with Hermes as the default engine. React computes a tree of host components, which native code turns into real platform views on the UI thread. In the old architecture, JavaScript and native communicated through an asynchronous bridge that serialised messages to JSON, which added latency and made synchronous calls impossible. The new architecture replaces it with JSI, which lets JavaScript hold references to native objects and call them directly, Fabric, a new renderer that supports concurrent React and synchronous layout, and TurboModules, lazily loaded native modules with typed interfaces generated by Codegen.',
    keyConcepts: ['JavaScript thread', 'native views', 'bridge', 'JSI', 'Fabric', 'TurboModules'],
  },
  {
    id: 'mob-adv-spk-13', kind: 'spoken', topic: 'lifecycle', difficulty: 4, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'What happens to your app’s state when the operating system kills its process in the background, and how do you handle it?',
    referenceAnswer:
      'Mobile operating systems kill background processes to reclaim memory without warning. When the user returns, the system recreates the app and expects it to look as they left it: Android restores the activity stack and hands back saved instance state, and iOS can restore state if the app supports restoration. In-memory state such as a view model or a singleton is gone. So save small UI state, like scroll position, selected tab or form input, in saved instance state, SavedStateHandle or rememberSaveable, or scene storage in SwiftUI, and persist anything important to disk or a database as the user works. Test it with the "don\'t keep activities" option or by killing the process from the developer tools.',
    keyConcepts: ['process death', 'recreated', 'saved instance state', 'SavedStateHandle', 'persist', 'test'],
  },
  {
    id: 'mob-adv-spk-14', kind: 'spoken', topic: 'accessibility', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 120,
    prompt: 'How do you make custom components and gesture-driven interactions accessible on mobile?',
    referenceAnswer:
      'A custom component must expose what a native one would: an accessibility label, the right role or traits such as button or adjustable, its state like selected or expanded, and a value for sliders. Group child elements so a card is read as one item, and set a logical focus order. Gestures such as swipe to delete or pinch have no equivalent for screen reader users, so offer custom accessibility actions or visible alternatives like a delete button. Announce important changes, respect reduce motion, and verify everything by using VoiceOver and TalkBack, plus automated checks like the accessibility scanner.',
    keyConcepts: ['accessibility label', 'traits', 'state', 'focus order', 'custom accessibility actions', 'screen reader'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'mob-adv-mcq-01', kind: 'mcq', topic: 'memory', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Why does storing an Activity in a singleton’s field leak memory on Android?',
    options: [
      'Singletons are stored on the GPU',
      'The singleton outlives the Activity, so the destroyed Activity and its whole view hierarchy cannot be garbage-collected',
      'Activities are copied every time they are referenced',
      'It prevents the Activity from being created',
    ],
    correctIndex: 1,
    explanation: 'A live reference from a long-lived object keeps the destroyed Activity reachable. Use the application context or lifecycle-aware components instead.',
  },
  {
    id: 'mob-adv-mcq-02', kind: 'mcq', topic: 'memory', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A Swift view controller stores a closure in a property, and the closure calls self.reload(). What is the problem and the usual fix?',
    options: [
      'A retain cycle: capture self weakly with [weak self] in the closure',
      'A data race: wrap the call in a lock',
      'The closure is copied on every call; mark it @escaping',
      'Nothing; ARC breaks cycles automatically',
    ],
    correctIndex: 0,
    explanation: 'The controller retains the closure and the closure strongly captures the controller, so neither is freed. ARC does not collect cycles.',
  },
  {
    id: 'mob-adv-mcq-03', kind: 'mcq', topic: 'concurrency', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'When is a coroutine launched in viewModelScope cancelled?',
    options: [
      'When the screen rotates',
      'When the app goes to the background',
      'When the ViewModel is cleared, for example when its screen is finished for good',
      'Never; it must be cancelled manually',
    ],
    correctIndex: 2,
    explanation: 'viewModelScope is tied to the ViewModel, which survives configuration changes and is cleared when its owner is finished; cancellation propagates to all its children.',
  },
  {
    id: 'mob-adv-mcq-04', kind: 'mcq', topic: 'concurrency', difficulty: 2, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which Kotlin dispatcher fits a blocking database or file read?',
    options: ['Dispatchers.Main', 'Dispatchers.Default', 'Dispatchers.Unconfined', 'Dispatchers.IO'],
    correctIndex: 3,
    explanation: 'IO has a larger thread pool meant for blocking I/O. Default is sized to CPU cores for computation; Main is the UI thread.',
  },
  {
    id: 'mob-adv-mcq-05', kind: 'mcq', topic: 'concurrency', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does annotating a Swift class or function with @MainActor guarantee?',
    options: [
      'It runs faster because it is prioritised',
      'Its code runs on the main actor, the main thread, and the compiler enforces hopping there from other contexts',
      'It can never be called from async code',
      'It runs on a dedicated background thread',
    ],
    correctIndex: 1,
    explanation: 'Main-actor isolation is checked at compile time: calls from other actors must await, which makes UI updates safe by construction.',
  },
  {
    id: 'mob-adv-mcq-06', kind: 'mcq', topic: 'background-work', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which Android API suits uploading diagnostic logs at some point when the device has an unmetered network, even if the app is closed or the phone restarts?',
    options: ['A Thread started from the Activity', 'WorkManager with a network constraint', 'A Handler with postDelayed', 'A coroutine in lifecycleScope'],
    correctIndex: 1,
    explanation: 'WorkManager persists deferrable work and runs it when constraints are met, across process death and reboots. Lifecycle-bound coroutines and threads die with the app.',
  },
  {
    id: 'mob-adv-mcq-07', kind: 'mcq', topic: 'background-work', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'An iOS app schedules a BGAppRefreshTask for every 15 minutes. What actually happens?',
    options: [
      'It runs exactly every 15 minutes',
      'It runs only while the app is in the foreground',
      'The earliest begin date is a hint; the system decides when, based on usage and battery, and grants only a short run time',
      'It keeps the app running in the background permanently',
    ],
    correctIndex: 2,
    explanation: 'iOS schedules refresh opportunistically, often around times the user opens the app. Work must be short and the app must not rely on precise timing.',
  },
  {
    id: 'mob-adv-mcq-08', kind: 'mcq', topic: 'battery', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What does Android’s Doze mode do while the device is idle and unplugged?',
    options: [
      'Kills every app that is not in the foreground',
      'Turns off push notifications entirely',
      'Lowers the screen brightness',
      'Defers background network access, jobs, syncs and standard alarms to periodic maintenance windows',
    ],
    correctIndex: 3,
    explanation: 'Doze batches background activity into maintenance windows. High-priority FCM messages and setExactAndAllowWhileIdle alarms can still wake the app briefly.',
  },
  {
    id: 'mob-adv-mcq-09', kind: 'mcq', topic: 'performance', difficulty: 4, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A Compose screen shows a "scroll to top" button when listState.firstVisibleItemIndex > 0 and recomposes on every scrolled pixel. What helps?',
    options: [
      'Wrap the condition in derivedStateOf so readers only recompose when the boolean changes',
      'Move the list into a ScrollView',
      'Call the condition inside LaunchedEffect(Unit)',
      'Make the list state a global variable',
    ],
    correctIndex: 0,
    explanation: 'derivedStateOf turns a frequently changing input into a state that only notifies when its derived value changes.',
  },
  {
    id: 'mob-adv-mcq-10', kind: 'mcq', topic: 'state-management', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'In SwiftUI (ObservableObject era), why use @StateObject rather than @ObservedObject when a view creates its own view model?',
    options: [
      '@ObservedObject cannot publish changes',
      '@StateObject makes the model thread-safe',
      '@StateObject keeps one instance for the view’s lifetime, while an @ObservedObject created inline may be recreated whenever the parent re-renders',
      '@StateObject stores the model on disk',
    ],
    correctIndex: 2,
    explanation: 'SwiftUI owns @StateObject storage across view updates. @ObservedObject is for models passed in from outside; creating one inline loses its state on re-render.',
  },
  {
    id: 'mob-adv-mcq-11', kind: 'mcq', topic: 'cross-platform', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'In React Native, a heavy computation runs in JavaScript and button presses start feeling laggy. Why?',
    options: [
      'The JavaScript thread is busy, and touch handlers and JS-driven updates run there',
      'Native views are frozen whenever JavaScript runs',
      'Hermes disables the GPU during computation',
      'The bridge drops events larger than 1 KB',
    ],
    correctIndex: 0,
    explanation: 'Event handlers and React updates execute on the single JS thread. Move heavy work to native code, a worker or chunks, and use native-driven animations.',
  },
  {
    id: 'mob-adv-mcq-12', kind: 'mcq', topic: 'cross-platform', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Why do Flutter guides recommend const constructors for widgets that never change?',
    options: [
      'const widgets are drawn on a separate thread',
      'const widgets are canonical instances, so Flutter can skip rebuilding those subtrees when the parent rebuilds',
      'const widgets are required for hot reload',
      'const widgets use less disk space in the app bundle',
    ],
    correctIndex: 1,
    explanation: 'When the same widget instance is found during a rebuild, Flutter short-circuits updating it, which reduces build work.',
  },
  {
    id: 'mob-adv-mcq-13', kind: 'mcq', topic: 'performance', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Thumbnails are 200 × 200 pt, but the app decodes each 12-megapixel photo at full size. What is the main consequence?',
    options: [
      'Images look blurry',
      'Nothing, the GPU scales them for free',
      'The app uses more network data',
      'Each decoded bitmap takes tens of megabytes, causing memory pressure, jank and out-of-memory crashes',
    ],
    correctIndex: 3,
    explanation: 'Decoded images cost width × height × 4 bytes regardless of file size. Downsample while decoding to the displayed size in pixels.',
  },
  {
    id: 'mob-adv-mcq-14', kind: 'mcq', topic: 'security', difficulty: 4, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'An app pins the exact leaf certificate of its API. What is the main operational risk?',
    options: [
      'Pinning makes TLS slower on every request',
      'Pinning disables HTTP/2',
      'When the server certificate is renewed or rotated, old app versions can no longer connect unless a backup pin was included',
      'Pinning lets attackers read traffic more easily',
    ],
    correctIndex: 2,
    explanation: 'Installed apps cannot be updated instantly. Pin public keys (SPKI) of the CA or your keys, include backup pins, and plan rotation.',
  },
  {
    id: 'mob-adv-mcq-15', kind: 'mcq', topic: 'security', difficulty: 2, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Why must a privileged API secret not be embedded in a mobile app?',
    options: [
      'The app stores reject any app containing strings',
      'Anyone can extract it from the app binary or intercept it on their own device',
      'It slows down app start-up',
      'Secrets expire when the app is updated',
    ],
    correctIndex: 1,
    explanation: 'Obfuscation only delays extraction. Keep privileged secrets on the server and give the app user-scoped, revocable tokens.',
  },
  {
    id: 'mob-adv-mcq-16', kind: 'mcq', topic: 'navigation', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Where must the file that verifies Android App Links be published?',
    options: [
      'https://example.com/.well-known/assetlinks.json',
      'In the app’s AndroidManifest.xml only',
      'https://example.com/robots.txt',
      'In the Google Play Console listing',
    ],
    correctIndex: 0,
    explanation: 'Android fetches assetlinks.json from the domain to confirm the app’s package name and signing certificate fingerprint. iOS uses /.well-known/apple-app-site-association.',
  },
  {
    id: 'mob-adv-mcq-17', kind: 'mcq', topic: 'lifecycle', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which statement about Android ViewModel and process death is correct?',
    options: [
      'A ViewModel survives both configuration changes and process death',
      'A ViewModel survives neither',
      'A ViewModel survives process death but not configuration changes',
      'A ViewModel survives configuration changes but not process death; SavedStateHandle covers the latter',
    ],
    correctIndex: 3,
    explanation: 'ViewModels live in memory, which is gone when the process is killed. SavedStateHandle persists small state through the saved instance state mechanism.',
  },
  {
    id: 'mob-adv-mcq-18', kind: 'mcq', topic: 'testing', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'What is an Espresso IdlingResource for?',
    options: [
      'Measuring how long the device stays idle',
      'Telling Espresso when background work is in progress, so it waits before interacting and asserting',
      'Pausing animations during tests',
      'Keeping the emulator awake',
    ],
    correctIndex: 1,
    explanation: 'Espresso already waits for the main thread; an idling resource extends this to custom async work, replacing brittle sleeps.',
  },
  {
    id: 'mob-adv-mcq-19', kind: 'mcq', topic: 'release', difficulty: 2, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A staged rollout in Google Play is at 10% and the crash rate spikes. What can you do?',
    options: [
      'Halt the rollout so no more users receive the version, then ship a fixed build',
      'Delete the version from users’ phones remotely',
      'Nothing until it reaches 100%',
      'Roll every user back to the previous APK automatically',
    ],
    correctIndex: 0,
    explanation: 'Halting stops further distribution; users who already updated keep the build, so a fix or a remote kill switch is still needed. Stores cannot downgrade installed apps.',
  },
  {
    id: 'mob-adv-mcq-20', kind: 'mcq', topic: 'release', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Which change can reach iOS users without submitting a new build for App Store review?',
    options: [
      'Adding a new native screen written in Swift',
      'Changing the app’s requested permissions',
      'Flipping a feature flag or remote configuration value that the existing build already reads',
      'Upgrading a native SDK',
    ],
    correctIndex: 2,
    explanation: 'Server-driven configuration and content change behaviour within code already reviewed. New native code always needs a new build.',
  },
  {
    id: 'mob-adv-mcq-21', kind: 'mcq', topic: 'storage', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A Room entity gains a new column in the next app version. What must the developer provide so existing users keep their data?',
    options: [
      'Nothing; Room adds columns automatically',
      'A new database file name',
      'A call to clearAllTables() on upgrade',
      'An incremented database version and a Migration (or an auto-migration) from the old version',
    ],
    correctIndex: 3,
    explanation: 'Without a migration Room fails at open, or, with fallbackToDestructiveMigration, deletes the data. Test migrations with MigrationTestHelper.',
  },
  {
    id: 'mob-adv-mcq-22', kind: 'mcq', topic: 'battery', difficulty: 2, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'A messaging app polls the server every 30 seconds in the background to check for new messages. What is the better design?',
    options: [
      'Poll every 5 seconds for faster delivery',
      'Use a push notification (APNs/FCM) to signal new messages, then sync',
      'Keep a wake lock so polling is reliable',
      'Poll only when the battery is above 50%',
    ],
    correctIndex: 1,
    explanation: 'Push lets the OS deliver over its shared connection; repeated background wake-ups and radio use drain the battery and are throttled by the OS anyway.',
  },
  {
    id: 'mob-adv-mcq-23', kind: 'mcq', topic: 'networking', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 60,
    prompt: 'Why should an app share one OkHttpClient (or one URLSession) instead of creating one per request?',
    options: [
      'Each client has its own connection pool and cache, so sharing reuses connections, TLS sessions and cached responses',
      'Creating clients requires a permission',
      'Only one client may exist per process',
      'Shared clients encrypt traffic more strongly',
    ],
    correctIndex: 0,
    explanation: 'New clients pay for new connections and handshakes and waste memory; derive variants from a shared client (newBuilder()) when settings differ.',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'mob-adv-code-01', kind: 'coding', topic: 'networking', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Retry delays with Retry-After',
    statement:
      'Write retryDelays(failures, baseMs, maxMs) for a mobile HTTP client. failures lists the outcomes of consecutive attempts, each { status, retryAfterSec? } where status 0 means a network error. For the i-th failure (i from 0): if its status is retryable (0, 408, 429, or 500 to 599), the delay before the next attempt is retryAfterSec * 1000 when retryAfterSec is present (the server knows best, so it is not capped), otherwise min(maxMs, baseMs * 2^i). Any other status is not retryable: stop and return the delays collected so far. Return the list of delays.',
    language: 'typescript',
    functionName: 'retryDelays',
    signature: 'function retryDelays(failures: Array<{ status: number; retryAfterSec?: number }>, baseMs: number, maxMs: number): number[]',
    starterCode:
      'function retryDelays(failures: Array<{ status: number; retryAfterSec?: number }>, baseMs: number, maxMs: number): number[] {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function retryDelays(failures, baseMs, maxMs) {
  const delays = [];
  for (let i = 0; i < failures.length; i++) {
    const { status, retryAfterSec } = failures[i];
    const retryable = status === 0 || status === 408 || status === 429 || (status >= 500 && status <= 599);
    if (!retryable) break;
    delays.push(retryAfterSec !== undefined ? retryAfterSec * 1000 : Math.min(maxMs, baseMs * Math.pow(2, i)));
  }
  return delays;
}`,
    exampleTests: [
      { args: [[{ status: 503 }, { status: 503 }, { status: 503 }], 500, 4000], expected: [500, 1000, 2000] },
      { args: [[{ status: 429, retryAfterSec: 30 }], 500, 4000], expected: [30000] },
    ],
    hiddenTests: [
      { args: [[], 500, 4000], expected: [] },
      { args: [[{ status: 0 }, { status: 0 }, { status: 0 }, { status: 0 }, { status: 0 }], 1000, 5000], expected: [1000, 2000, 4000, 5000, 5000] },
      { args: [[{ status: 500 }, { status: 404 }, { status: 500 }], 500, 4000], expected: [500] },
      { args: [[{ status: 408 }, { status: 429 }, { status: 401 }], 500, 4000], expected: [500, 1000] },
      { args: [[{ status: 503, retryAfterSec: 1 }, { status: 503 }], 500, 4000], expected: [1000, 1000] },
      { args: [[{ status: 400 }], 500, 4000], expected: [] },
      { args: [[{ status: 599 }, { status: 600 }], 100, 1000], expected: [100] },
    ],
  },
  {
    id: 'mob-adv-code-02', kind: 'coding', topic: 'offline-sync', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Merge local and remote records',
    statement:
      'Write mergeRecords(local, remote) for an offline-capable app. Each record is { id, updatedAt, deleted?, data }. For every id present on either side, the version with the greater updatedAt wins; on a tie the remote version wins. Return { merged, toUpload }: merged holds the winning records that are not deleted (deleted true marks a tombstone), sorted by id; toUpload lists, sorted, the ids whose winning version came from local (local was newer, or the id was missing remotely), including winning local tombstones, so the server learns about them.',
    language: 'typescript',
    functionName: 'mergeRecords',
    signature:
      'function mergeRecords(local: Array<{ id: string; updatedAt: number; deleted?: boolean; data: unknown }>, remote: Array<{ id: string; updatedAt: number; deleted?: boolean; data: unknown }>): { merged: Array<{ id: string; updatedAt: number; deleted?: boolean; data: unknown }>; toUpload: string[] }',
    starterCode:
      'type SyncRecord = { id: string; updatedAt: number; deleted?: boolean; data: unknown };\n\nfunction mergeRecords(local: SyncRecord[], remote: SyncRecord[]): { merged: SyncRecord[]; toUpload: string[] } {\n  // your code here\n  return { merged: remote, toUpload: [] };\n}\n',
    referenceSolution: `function mergeRecords(local, remote) {
  const localById = new Map(local.map((r) => [r.id, r]));
  const remoteById = new Map(remote.map((r) => [r.id, r]));
  const ids = [...new Set([...localById.keys(), ...remoteById.keys()])].sort();
  const merged = [];
  const toUpload = [];
  for (const id of ids) {
    const l = localById.get(id);
    const r = remoteById.get(id);
    const localWins = l !== undefined && (r === undefined || l.updatedAt > r.updatedAt);
    const winner = localWins ? l : r;
    if (localWins) toUpload.push(id);
    if (!winner.deleted) merged.push(winner);
  }
  return { merged, toUpload };
}`,
    exampleTests: [
      {
        args: [[{ id: 'a', updatedAt: 2, data: 'L' }], [{ id: 'a', updatedAt: 1, data: 'R' }]],
        expected: { merged: [{ id: 'a', updatedAt: 2, data: 'L' }], toUpload: ['a'] },
      },
    ],
    hiddenTests: [
      { args: [[], []], expected: { merged: [], toUpload: [] } },
      {
        args: [[{ id: 'a', updatedAt: 5, data: 'L' }], [{ id: 'a', updatedAt: 5, data: 'R' }]],
        expected: { merged: [{ id: 'a', updatedAt: 5, data: 'R' }], toUpload: [] },
      },
      {
        args: [[{ id: 'a', updatedAt: 9, deleted: true, data: null }], [{ id: 'a', updatedAt: 3, data: 'R' }]],
        expected: { merged: [], toUpload: ['a'] },
      },
      {
        args: [[{ id: 'a', updatedAt: 3, data: 'L' }], [{ id: 'a', updatedAt: 9, deleted: true, data: null }]],
        expected: { merged: [], toUpload: [] },
      },
      {
        args: [
          [{ id: 'c', updatedAt: 1, data: 'local-only' }, { id: 'a', updatedAt: 4, data: 'L' }],
          [{ id: 'b', updatedAt: 1, data: 'remote-only' }, { id: 'a', updatedAt: 7, data: 'R', deleted: false }],
        ],
        expected: {
          merged: [{ id: 'a', updatedAt: 7, data: 'R', deleted: false }, { id: 'b', updatedAt: 1, data: 'remote-only' }, { id: 'c', updatedAt: 1, data: 'local-only' }],
          toUpload: ['c'],
        },
      },
    ],
  },
  {
    id: 'mob-adv-code-03', kind: 'coding', topic: 'ui-layout', difficulty: 3, archetypes: ['mobile'], depths: ['advanced'], timeLimitSec: 900,
    title: 'Wrap filter chips into rows',
    statement:
      'A filter bar shows chips that wrap onto new rows, like a flow layout. Write wrapChips(widths, maxWidth, gap) returning rows as arrays of chip indexes. Place chips in order: a chip goes on the current row if the row is empty or if the row’s width plus gap plus the chip’s width is at most maxWidth; otherwise it starts a new row. A row’s width is the sum of its chip widths plus one gap between neighbours. A chip wider than maxWidth therefore sits alone on its own row.',
    language: 'typescript',
    functionName: 'wrapChips',
    signature: 'function wrapChips(widths: number[], maxWidth: number, gap: number): number[][]',
    starterCode: 'function wrapChips(widths: number[], maxWidth: number, gap: number): number[][] {\n  // your code here\n  return [widths.map((_, i) => i)];\n}\n',
    referenceSolution: `function wrapChips(widths, maxWidth, gap) {
  const rows = [];
  let row = [];
  let rowWidth = 0;
  widths.forEach((w, i) => {
    if (row.length > 0 && rowWidth + gap + w > maxWidth) {
      rows.push(row);
      row = [];
      rowWidth = 0;
    }
    rowWidth = row.length === 0 ? w : rowWidth + gap + w;
    row.push(i);
  });
  if (row.length > 0) rows.push(row);
  return rows;
}`,
    exampleTests: [{ args: [[50, 60, 70, 40], 150, 10], expected: [[0, 1], [2, 3]] }],
    hiddenTests: [
      { args: [[], 100, 8], expected: [] },
      { args: [[70, 70], 150, 10], expected: [[0, 1]] },
      { args: [[70, 71], 150, 10], expected: [[0], [1]] },
      { args: [[200, 30, 30], 150, 8], expected: [[0], [1, 2]] },
      { args: [[50, 50, 50, 50], 100, 0], expected: [[0, 1], [2, 3]] },
      { args: [[30, 200, 30], 150, 8], expected: [[0], [1], [2]] },
    ],
  },
];
