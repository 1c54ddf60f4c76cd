import type { BankItem } from '../bank-item';

/** Mobile, standard depth: app lifecycle, layout, threading, storage and shipping on iOS, Android and cross-platform. */
export const MOBILE_STANDARD: BankItem[] = [
  // ── Spoken ────────────────────────────────────────────────────────────────
  {
    id: 'mob-std-spk-01', kind: 'spoken', topic: 'lifecycle', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Describe the lifecycle of a screen, an Android Activity or an iOS view controller, and what you typically do at each stage.',
    referenceAnswer:
      'A screen is created, becomes visible, comes to the foreground where the user interacts with it, then may go to the background and eventually be destroyed. On Android that is onCreate for setting up the UI, onStart and onResume when it becomes visible and interactive, onPause and onStop when it leaves, and onDestroy. On iOS, viewDidLoad runs once when the view is loaded, viewWillAppear and viewDidAppear each time it shows, and viewWillDisappear and viewDidDisappear when it goes. Start things like camera or location updates when visible, stop them and save state when leaving, and release resources so the app behaves well in the background.',
    keyConcepts: ['created', 'visible', 'foreground', 'background', 'save state', 'release resources'],
  },
  {
    id: 'mob-std-spk-02', kind: 'spoken', topic: 'ui-layout', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How do you build screens that adapt to different phone sizes, tablets and orientations?',
    referenceAnswer:
      'Never position things with fixed pixel coordinates. Use flexible layouts: constraints or stack-based layouts on iOS with Auto Layout or SwiftUI stacks, ConstraintLayout or Compose rows and columns on Android, flexbox in React Native. Sizes are in density-independent units, points on iOS and dp on Android, so they look the same on different screen densities. Respect the safe area around notches and system bars, support both orientations or lock deliberately, let text scale with the user\'s font size, and use different layouts for large screens such as a list and detail side by side on tablets.',
    keyConcepts: ['flexible layout', 'constraints', 'density-independent', 'safe area', 'orientation', 'font size'],
  },
  {
    id: 'mob-std-spk-03', kind: 'spoken', topic: 'networking', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How should a mobile app behave when a network request fails or the device goes offline?',
    referenceAnswer:
      'Mobile networks are unreliable, so failure is a normal state. Requests need sensible timeouts, and idempotent requests can be retried with exponential backoff. The app should show cached data when offline, tell the user clearly what is happening with an error message and a retry button rather than an endless spinner, and watch connectivity to retry when the connection returns. User actions such as sending a message can be queued locally and sent later. Never lose what the user typed.',
    keyConcepts: ['timeout', 'retry', 'cache', 'offline', 'error message', 'connectivity'],
  },
  {
    id: 'mob-std-spk-04', kind: 'spoken', topic: 'concurrency', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Why must slow work stay off the main thread in a mobile app, and how do you move it off?',
    referenceAnswer:
      'The main thread, or UI thread, handles drawing and touch events. If it is busy with network calls, database queries, image decoding or heavy computation, frames are dropped and the UI freezes; on Android a blocked main thread for about five seconds triggers an Application Not Responding dialog, and iOS may terminate an app that hangs at launch. Move the work to a background thread with Kotlin coroutines on an IO or Default dispatcher, Swift async await or Grand Central Dispatch queues, or isolates in Flutter, then switch back to the main thread to update the UI.',
    keyConcepts: ['main thread', 'UI freezes', 'Application Not Responding', 'background thread', 'coroutines', 'async await'],
  },
  {
    id: 'mob-std-spk-05', kind: 'spoken', topic: 'storage', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What options do you have for storing data on the device, and when would you use each?',
    referenceAnswer:
      'Small settings and flags go in key-value storage: UserDefaults on iOS, SharedPreferences or DataStore on Android. Structured data that you query goes in a database, SQLite directly or through Room, Core Data or SwiftData. Large blobs such as images, audio and downloads go in files in the app\'s sandbox, in the cache directory if they can be re-downloaded. Secrets like tokens and passwords belong in the Keychain on iOS or encrypted storage backed by the Android Keystore, never in plain preferences.',
    keyConcepts: ['key-value', 'preferences', 'SQLite', 'files', 'Keychain', 'Keystore'],
  },
  {
    id: 'mob-std-spk-06', kind: 'spoken', topic: 'state-management', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How do you manage UI state in a declarative framework such as SwiftUI, Jetpack Compose, Flutter or React Native?',
    referenceAnswer:
      'In declarative UI the screen is a function of state: when state changes, the framework re-renders or recomposes the affected parts. Keep a single source of truth for each piece of state, hoist it to the component or view model that owns it, and pass values down with callbacks for events coming back up, which is unidirectional data flow. Screen-level state usually lives in a view model that survives configuration changes and exposes observable state, such as StateFlow or an observable object. Avoid duplicating state in several places, because copies get out of sync.',
    keyConcepts: ['state', 're-render', 'single source of truth', 'unidirectional data flow', 'view model'],
  },
  {
    id: 'mob-std-spk-07', kind: 'spoken', topic: 'push-notifications', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How do push notifications work, end to end?',
    referenceAnswer:
      'The app asks the user for notification permission, on iOS always and on Android 13 and later as a runtime permission. It then registers with the platform push service, Apple Push Notification service or Firebase Cloud Messaging, and receives a device token, which it sends to its own backend tied to the user. To notify the user, the backend sends a message with that token to APNs or FCM, which delivers it to the device even if the app is not running. Tokens can change or expire, so the app refreshes them and the server removes invalid ones.',
    keyConcepts: ['permission', 'device token', 'APNs', 'Firebase Cloud Messaging', 'backend sends'],
  },
  {
    id: 'mob-std-spk-08', kind: 'spoken', topic: 'accessibility', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How do you make a mobile app accessible?',
    referenceAnswer:
      'Support the screen readers, VoiceOver on iOS and TalkBack on Android, by giving every interactive element and meaningful image an accessibility label, and decorative images none. Use native controls where possible so roles and states are announced correctly. Support dynamic type and font scaling so layouts do not break with large text, keep touch targets at least 44 points or 48 dp, ensure sufficient colour contrast and do not rely on colour alone. Then test by actually using the app with the screen reader turned on.',
    keyConcepts: ['VoiceOver', 'TalkBack', 'accessibility label', 'font scaling', 'touch target', 'contrast'],
  },
  {
    id: 'mob-std-spk-09', kind: 'spoken', topic: 'app-distribution', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'What happens between finishing a feature and users receiving it through the app stores?',
    referenceAnswer:
      'The build gets a new version number and build number, is compiled in release mode and signed with the distribution certificate on iOS or the upload key on Android. It goes to testers first through TestFlight or an internal testing track in Google Play. Then it is submitted with release notes and screenshots for store review, which on iOS can take from hours to days. After approval it is released, ideally as a staged or phased rollout to a percentage of users while crash reports are watched. Users update at their own pace, so old versions stay around.',
    keyConcepts: ['version number', 'signing', 'TestFlight', 'review', 'staged rollout'],
  },
  {
    id: 'mob-std-spk-10', kind: 'spoken', topic: 'testing', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How do you test a mobile app?',
    referenceAnswer:
      'Most tests are fast unit tests for view models, business logic and data parsing, with the network and database replaced by fakes. UI tests with Espresso, XCUITest or similar drive important flows on emulators and simulators, against a mock server so they are deterministic. Snapshot tests catch visual regressions. Because emulators are not real hardware, the app is also tested on a range of real devices, including old and low-end ones, with different OS versions, screen sizes, languages and slow networks, either manually or in a device farm.',
    keyConcepts: ['unit tests', 'UI tests', 'mock server', 'emulator', 'real devices', 'snapshot tests'],
  },
  {
    id: 'mob-std-spk-11', kind: 'spoken', topic: 'security', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How should a mobile app store a user’s authentication tokens?',
    referenceAnswer:
      'In the platform\'s secure storage: the Keychain on iOS, and on Android encrypted storage whose key lives in the Android Keystore. Never in plain UserDefaults, SharedPreferences, files or logs, because those can be read from backups or on rooted or jailbroken devices. Keep the access token short-lived and use a refresh token to get a new one, clear everything on logout, and use HTTPS for every request. Optionally protect sensitive actions with biometrics.',
    keyConcepts: ['Keychain', 'Keystore', 'not in plain preferences', 'refresh token', 'logout', 'HTTPS'],
  },
  {
    id: 'mob-std-spk-12', kind: 'spoken', topic: 'permissions', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'How should an app ask for permissions such as camera, location or notifications?',
    referenceAnswer:
      'Ask only for what the feature needs and only at the moment the user tries to use it, so the request makes sense in context, not all at launch. Explain why beforehand, with a short screen of your own and a clear usage description string, since the system dialog may only be shown once. Handle denial gracefully: the rest of the app keeps working and you offer a way to the system settings if the user changes their mind. Prefer less invasive options, like approximate location or the photo picker instead of full library access.',
    keyConcepts: ['ask in context', 'explain why', 'handle denial', 'settings', 'minimum permissions'],
  },
  {
    id: 'mob-std-spk-13', kind: 'spoken', topic: 'cross-platform', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'Compare fully native development with cross-platform frameworks such as React Native and Flutter.',
    referenceAnswer:
      'Native development in Swift and Kotlin gives direct access to every platform API on release day, the best performance and the exact platform look and feel, but means two codebases and usually two teams. Cross-platform frameworks share a single codebase, so features ship to both platforms at once with one team. React Native renders real native views driven by JavaScript, which suits web-experienced teams; Flutter draws its own widgets with its own engine, giving consistent visuals. Costs are an extra layer to debug, waiting for support of new platform features, and native modules for anything platform specific.',
    keyConcepts: ['single codebase', 'native performance', 'platform APIs', 'look and feel', 'native modules', 'team'],
  },
  {
    id: 'mob-std-spk-14', kind: 'spoken', topic: 'performance', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 120,
    prompt: 'A long list with many images scrolls poorly. What would you look at?',
    referenceAnswer:
      'First make sure the list recycles views or renders lazily: RecyclerView or LazyColumn on Android, UITableView, UICollectionView or List on iOS, FlatList in React Native, so only visible rows exist. Then images: decode them at the size they are displayed, not full resolution, load and decode them off the main thread, and cache them in memory and on disk with a library such as Glide, Coil, Kingfisher or SDWebImage. Keep row layouts simple and avoid heavy work while binding rows. A profiler confirms where the frame time goes.',
    keyConcepts: ['recycling', 'lazy list', 'image size', 'main thread', 'caching', 'profiler'],
  },

  // ── Multiple choice ───────────────────────────────────────────────────────
  {
    id: 'mob-std-mcq-01', kind: 'mcq', topic: 'lifecycle', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which Android Activity callback is called when the activity leaves the foreground, for example when a dialog-style activity covers it, and is a good place to pause video playback?',
    options: ['onCreate()', 'onDestroy()', 'onPause()', 'onRestart()'],
    correctIndex: 2,
    explanation: 'onPause runs whenever the activity loses the foreground. onDestroy may not run before the process is killed; onCreate and onRestart are about creation.',
  },
  {
    id: 'mob-std-mcq-02', kind: 'mcq', topic: 'lifecycle', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'In UIKit, which method is called every time a view controller’s view is about to become visible, not only the first time?',
    options: ['viewDidLoad()', 'viewWillAppear(_:)', 'loadView()', 'init(nibName:bundle:)'],
    correctIndex: 1,
    explanation: 'viewDidLoad runs once when the view is loaded into memory; viewWillAppear runs before each appearance, such as when returning from a pushed screen.',
  },
  {
    id: 'mob-std-mcq-03', kind: 'mcq', topic: 'concurrency', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does Android show when an app’s main thread does not respond to input for about five seconds?',
    options: ['A NetworkOnMainThreadException', 'An Application Not Responding (ANR) dialog', 'A StrictMode toast', 'Nothing; Android waits indefinitely'],
    correctIndex: 1,
    explanation: 'A blocked main thread triggers an ANR, offering the user to close the app. ANR rates also count against the app in Google Play.',
  },
  {
    id: 'mob-std-mcq-04', kind: 'mcq', topic: 'concurrency', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'On iOS, from which thread must UIKit views be updated?',
    options: ['Any thread, UIKit is thread-safe', 'A background thread, to keep the UI smooth', 'The main thread', 'The thread that created the view controller'],
    correctIndex: 2,
    explanation: 'UIKit is not thread-safe; UI work must run on the main thread (DispatchQueue.main or @MainActor). The Main Thread Checker flags violations.',
  },
  {
    id: 'mob-std-mcq-05', kind: 'mcq', topic: 'ui-layout', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is a dp (density-independent pixel) on Android?',
    options: [
      'A unit that scales with screen density; 1 dp equals one physical pixel on a 160 dpi screen',
      'A physical pixel on the device screen',
      'A unit that scales with the user’s font size setting',
      'One percent of the screen width',
    ],
    correctIndex: 0,
    explanation: 'dp keeps sizes physically consistent across densities (on a 480 dpi screen 1 dp is 3 px). sp additionally scales with the font size preference and is used for text.',
  },
  {
    id: 'mob-std-mcq-06', kind: 'mcq', topic: 'ui-layout', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does the safe area represent on iOS?',
    options: [
      'The part of memory the app may use safely',
      'The area of the screen not covered by the notch or Dynamic Island, status bar, home indicator or bars',
      'The region where touches are guaranteed to register',
      'The area visible in both portrait and landscape',
    ],
    correctIndex: 1,
    explanation: 'Content laid out inside the safe area is not hidden by hardware cut-outs or system UI; backgrounds may still extend beyond it.',
  },
  {
    id: 'mob-std-mcq-07', kind: 'mcq', topic: 'storage', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Where should an iOS app store a user’s refresh token?',
    options: ['UserDefaults', 'A JSON file in the Documents directory', 'The Keychain', 'The app’s Info.plist'],
    correctIndex: 2,
    explanation: 'The Keychain encrypts items and controls access (for example only when the device is unlocked). UserDefaults and files are plain and end up in backups.',
  },
  {
    id: 'mob-std-mcq-08', kind: 'mcq', topic: 'storage', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is Android’s SharedPreferences (or Jetpack DataStore Preferences) best suited for?',
    options: [
      'Small key-value settings such as a theme choice or an onboarding flag',
      'Thousands of records that must be queried and sorted',
      'Large images and videos',
      'Passwords and tokens',
    ],
    correctIndex: 0,
    explanation: 'Preferences hold small primitive values. Structured data belongs in a database such as Room; large blobs in files; secrets in Keystore-backed encrypted storage.',
  },
  {
    id: 'mob-std-mcq-09', kind: 'mcq', topic: 'networking', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'An iOS app’s request to http://api.example.com fails while https:// works. What is the most likely reason?',
    options: [
      'iOS does not support HTTP/1.1',
      'The app lacks the network permission',
      'URLSession only accepts JSON over HTTPS',
      'App Transport Security blocks plain HTTP connections by default',
    ],
    correctIndex: 3,
    explanation: 'ATS requires HTTPS with modern TLS unless an exception is declared in Info.plist. Android similarly blocks cleartext traffic by default since API 28.',
  },
  {
    id: 'mob-std-mcq-10', kind: 'mcq', topic: 'app-distribution', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is TestFlight used for?',
    options: [
      'Distributing beta builds of an iOS app to internal and external testers',
      'Running unit tests in Xcode',
      'Measuring app performance in the field',
      'Automatically approving App Store reviews',
    ],
    correctIndex: 0,
    explanation: 'TestFlight delivers pre-release builds to testers; external testing requires a lighter beta review. Google Play offers internal, closed and open testing tracks.',
  },
  {
    id: 'mob-std-mcq-11', kind: 'mcq', topic: 'app-distribution', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Why must every update of an Android app be signed with the same app signing key?',
    options: [
      'Google Play charges a fee for new keys',
      'The key decides which devices can run the app',
      'Android installs an update over an existing app only if the signatures match',
      'The signature encrypts the app’s data',
    ],
    correctIndex: 2,
    explanation: 'The signing certificate identifies the author; a different key would mean a different app. Play App Signing keeps the app signing key safe, while developers upload with a resettable upload key.',
  },
  {
    id: 'mob-std-mcq-12', kind: 'mcq', topic: 'push-notifications', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What does a backend need in order to send a push notification to one specific installation of an app?',
    options: [
      'The user’s phone number',
      'The device token (registration token) the app obtained from APNs or FCM',
      'The device’s IP address',
      'The app’s bundle id only',
    ],
    correctIndex: 1,
    explanation: 'The push service identifies an app installation by its token. The app sends the token to the backend and refreshes it when it changes.',
  },
  {
    id: 'mob-std-mcq-13', kind: 'mcq', topic: 'accessibility', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What minimum touch target size do Apple’s Human Interface Guidelines recommend?',
    options: ['24 × 24 points', '32 × 32 pixels', '44 × 44 points', '64 × 64 points'],
    correctIndex: 2,
    explanation: 'Apple recommends at least 44 × 44 pt; Material Design recommends 48 × 48 dp. Small visual icons can have a larger invisible hit area.',
  },
  {
    id: 'mob-std-mcq-14', kind: 'mcq', topic: 'permissions', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Since Android 6.0, how are "dangerous" permissions such as camera and location granted?',
    options: [
      'Automatically at install time from the manifest',
      'Only by the device administrator',
      'Through a setting in Google Play',
      'At runtime: the app declares them in the manifest and must request them while running, and the user can deny or revoke them',
    ],
    correctIndex: 3,
    explanation: 'Runtime permissions require a check and request before use, and handling of denial. Declaring them in the manifest alone is not enough.',
  },
  {
    id: 'mob-std-mcq-15', kind: 'mcq', topic: 'state-management', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'In Flutter, what does calling setState() inside a StatefulWidget’s State do?',
    options: [
      'Saves the state to disk',
      'Marks the widget as dirty so its build method runs again in the next frame',
      'Rebuilds the whole application immediately',
      'Sends the state to other widgets through a global store',
    ],
    correctIndex: 1,
    explanation: 'setState notifies the framework that state changed; Flutter schedules a rebuild of that widget subtree for the next frame.',
  },
  {
    id: 'mob-std-mcq-16', kind: 'mcq', topic: 'performance', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Why does React Native’s FlatList scroll large lists better than rendering every item inside a ScrollView?',
    options: [
      'FlatList renders only items near the visible window and recycles memory as you scroll',
      'FlatList runs on a separate JavaScript engine',
      'ScrollView cannot render images',
      'FlatList compresses items into a single bitmap',
    ],
    correctIndex: 0,
    explanation: 'ScrollView renders all children up front, costing memory and startup time. FlatList virtualises, mounting items lazily within a window around the viewport.',
  },
  {
    id: 'mob-std-mcq-17', kind: 'mcq', topic: 'state-management', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'In Jetpack Compose, what does val count = remember { mutableStateOf(0) } provide?',
    options: [
      'A value persisted across app restarts',
      'A global variable shared by all composables',
      'State kept across recompositions of this composable; changing it triggers recomposition of the readers',
      'A constant that can never change',
    ],
    correctIndex: 2,
    explanation: 'remember keeps the object across recompositions while the composable stays in the composition; mutableStateOf makes reads observable. Use rememberSaveable to survive configuration changes.',
  },
  {
    id: 'mob-std-mcq-18', kind: 'mcq', topic: 'state-management', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is SwiftUI’s @State property wrapper intended for?',
    options: [
      'Sharing a model object between many screens',
      'Simple value state owned by one view; changing it re-renders that view’s body',
      'Storing values in the Keychain',
      'Receiving values from the parent view',
    ],
    correctIndex: 1,
    explanation: '@State is private, view-owned state. Values passed from a parent are plain properties or @Binding; shared reference models use @Observable / ObservableObject.',
  },
  {
    id: 'mob-std-mcq-19', kind: 'mcq', topic: 'navigation', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'What is the advantage of iOS Universal Links and Android App Links over custom URL schemes such as myapp://?',
    options: [
      'They work without an internet connection',
      'They do not need any configuration',
      'They can open any other app',
      'They use normal https URLs verified against the website’s domain, open the app when installed and fall back to the website otherwise',
    ],
    correctIndex: 3,
    explanation: 'Domain verification (apple-app-site-association, assetlinks.json) proves ownership, so other apps cannot claim the links, and the same link works in a browser.',
  },
  {
    id: 'mob-std-mcq-20', kind: 'mcq', topic: 'testing', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which is a real limitation of testing only on the iOS Simulator?',
    options: [
      'It cannot run SwiftUI apps',
      'It cannot run unit tests',
      'It runs on the Mac’s hardware, so performance, memory limits and hardware such as the camera are not representative of a real device',
      'It only supports the oldest iOS version',
    ],
    correctIndex: 2,
    explanation: 'The simulator is fast and convenient but not an emulator of device hardware; profile performance and test device features on real phones.',
  },
  {
    id: 'mob-std-mcq-21', kind: 'mcq', topic: 'battery', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'Which choice reduces battery drain in an app that shows nearby stores?',
    options: [
      'Requesting the most precise location continuously in the background',
      'Requesting approximate location only while the screen is in use, and stopping updates when it is not',
      'Polling the GPS every second to keep it warm',
      'Keeping a wake lock during the whole session',
    ],
    correctIndex: 1,
    explanation: 'Precise, continuous, background location is the costliest. Use the coarsest accuracy and lowest frequency that serve the feature and stop updates promptly.',
  },
  {
    id: 'mob-std-mcq-22', kind: 'mcq', topic: 'lifecycle', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 60,
    prompt: 'By default, what happens to an Android Activity when the user rotates the device?',
    options: [
      'The activity is destroyed and recreated, so state not saved elsewhere is lost',
      'Nothing; only the layout is stretched',
      'The whole app process restarts',
      'The activity is paused until the user rotates back',
    ],
    correctIndex: 0,
    explanation: 'A configuration change recreates the activity. Keep state in a ViewModel (survives configuration changes) and saved instance state (survives process death).',
  },

  // ── Coding ────────────────────────────────────────────────────────────────
  {
    id: 'mob-std-code-01', kind: 'coding', topic: 'app-distribution', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 600,
    title: 'Compare app versions',
    statement:
      'An app must force users to update when their version is below the minimum the server requires. Write compareVersions(a, b) for version strings made of non-negative integers separated by dots, such as "2.10.3". Compare part by part numerically; a missing part counts as 0, so "1.2" equals "1.2.0", and leading zeros do not matter ("1.02" equals "1.2"). Return -1 if a is lower, 1 if a is higher, 0 if they are equal.',
    language: 'typescript',
    functionName: 'compareVersions',
    signature: 'function compareVersions(a: string, b: string): -1 | 0 | 1',
    starterCode: 'function compareVersions(a: string, b: string): -1 | 0 | 1 {\n  // your code here\n  return 0;\n}\n',
    referenceSolution: `function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i] || 0;
    const y = pb[i] || 0;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}`,
    exampleTests: [
      { args: ['1.2.10', '1.2.9'], expected: 1 },
      { args: ['1.2', '1.2.0'], expected: 0 },
    ],
    hiddenTests: [
      { args: ['2.0', '10.0'], expected: -1 },
      { args: ['1.02', '1.2'], expected: 0 },
      { args: ['3.4.5.6', '3.4.5'], expected: 1 },
      { args: ['0.9.9', '1'], expected: -1 },
      { args: ['1.0.0', '1'], expected: 0 },
      { args: ['4.11.0', '4.9.12'], expected: 1 },
    ],
  },
  {
    id: 'mob-std-code-02', kind: 'coding', topic: 'media', difficulty: 1, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 600,
    title: 'Format playback time',
    statement:
      'Write formatPlaybackTime(seconds) for a media player label. Ignore fractions of a second (round down). Below one hour, format as "m:ss" (minutes without leading zero, seconds always two digits); from one hour, as "h:mm:ss". Negative or non-finite input shows "0:00".',
    language: 'typescript',
    functionName: 'formatPlaybackTime',
    signature: 'function formatPlaybackTime(seconds: number): string',
    starterCode: 'function formatPlaybackTime(seconds: number): string {\n  // your code here\n  return "";\n}\n',
    referenceSolution: `function formatPlaybackTime(seconds) {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
}`,
    exampleTests: [
      { args: [75], expected: '1:15' },
      { args: [3661], expected: '1:01:01' },
    ],
    hiddenTests: [
      { args: [0], expected: '0:00' },
      { args: [9.99], expected: '0:09' },
      { args: [59], expected: '0:59' },
      { args: [600], expected: '10:00' },
      { args: [3599.5], expected: '59:59' },
      { args: [36000], expected: '10:00:00' },
      { args: [-5], expected: '0:00' },
    ],
  },
  {
    id: 'mob-std-code-03', kind: 'coding', topic: 'ui-layout', difficulty: 2, archetypes: ['mobile'], depths: ['standard'], timeLimitSec: 600,
    title: 'Group chat messages by day',
    statement:
      'A chat screen shows a header for each day. Write groupByDay(messages, utcOffsetMinutes) where each message is { id, sentAt } with sentAt in milliseconds since the Unix epoch (UTC). Shift each time by utcOffsetMinutes to get the user’s local time and take its calendar date as "YYYY-MM-DD". Return the sections in chronological order as { day, ids }, with ids in chronological order; messages with the same sentAt keep their input order. Messages may arrive unsorted.',
    language: 'typescript',
    functionName: 'groupByDay',
    signature: 'function groupByDay(messages: Array<{ id: string; sentAt: number }>, utcOffsetMinutes: number): Array<{ day: string; ids: string[] }>',
    starterCode:
      'function groupByDay(messages: Array<{ id: string; sentAt: number }>, utcOffsetMinutes: number): Array<{ day: string; ids: string[] }> {\n  // your code here\n  return [];\n}\n',
    referenceSolution: `function groupByDay(messages, utcOffsetMinutes) {
  const sorted = messages.map((m, i) => ({ m, i })).sort((a, b) => a.m.sentAt - b.m.sentAt || a.i - b.i);
  const sections = [];
  for (const { m } of sorted) {
    const day = new Date(m.sentAt + utcOffsetMinutes * 60000).toISOString().slice(0, 10);
    const last = sections[sections.length - 1];
    if (last && last.day === day) last.ids.push(m.id);
    else sections.push({ day, ids: [m.id] });
  }
  return sections;
}`,
    exampleTests: [
      {
        args: [[{ id: 'a', sentAt: 1704067200000 }, { id: 'b', sentAt: 1704153600000 }], 0],
        expected: [{ day: '2024-01-01', ids: ['a'] }, { day: '2024-01-02', ids: ['b'] }],
      },
    ],
    hiddenTests: [
      { args: [[], 60], expected: [] },
      {
        args: [[{ id: 'late', sentAt: 1704150000000 }, { id: 'early', sentAt: 1704070000000 }, { id: 'mid', sentAt: 1704100000000 }], 0],
        expected: [{ day: '2024-01-01', ids: ['early', 'mid', 'late'] }],
      },
      {
        args: [[{ id: 'x', sentAt: 1704150000000 }], 120],
        expected: [{ day: '2024-01-02', ids: ['x'] }],
      },
      {
        args: [[{ id: 'y', sentAt: 1704070000000 }], -300],
        expected: [{ day: '2023-12-31', ids: ['y'] }],
      },
      {
        args: [[{ id: 'p', sentAt: 1704100000000 }, { id: 'q', sentAt: 1704100000000 }, { id: 'r', sentAt: 1704200000000 }], 0],
        expected: [{ day: '2024-01-01', ids: ['p', 'q'] }, { day: '2024-01-02', ids: ['r'] }],
      },
    ],
  },
];
