/**
 * Turns whatever a browser throws when asked for the microphone into one of a
 * few cases a guest can act on, with the exact fix for their browser and
 * system. Pure: the environment is passed in (see `detectMediaEnv` in
 * src/media/microphone.ts), so the rules are tested without a browser.
 */

export type MediaErrorKind =
  | 'permission-denied'
  | 'no-device'
  | 'device-in-use'
  | 'insecure-context'
  | 'unsupported-browser'
  | 'unknown';

export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';
export type Platform = 'windows' | 'mac' | 'linux' | 'chromeos' | 'ios' | 'android' | 'other';

export interface MediaEnv {
  browser: BrowserFamily;
  platform: Platform;
  isSecureContext: boolean;
  /** `navigator.mediaDevices` exists. */
  hasMediaDevices: boolean;
  hasGetUserMedia: boolean;
  hasMediaRecorder: boolean;
  /** Running inside an iframe, where the embedding page's permissions policy applies. */
  embedded: boolean;
  /** An app's built-in browser (Instagram, Facebook, LinkedIn…), which often has no microphone support. */
  inAppBrowser: boolean;
}

/** Refines a kind where the fix differs. */
export type MediaErrorDetail = 'browser' | 'system' | 'policy' | 'selected-device' | 'no-recorder' | null;

export interface MediaErrorInfo {
  kind: MediaErrorKind;
  detail: MediaErrorDetail;
  /** Short heading for the inline panel (the toast itself says "Voice Error"). */
  title: string;
  /** One or two sentences on what happened. */
  message: string;
  /** Ordered steps, written for this browser and system. */
  fix: string[];
  browser: BrowserFamily;
  /** Whether "Try again" in the same page can succeed once the fix is applied (no reload or new link needed). */
  retryable: boolean;
  /** The browser's error name and message, for support. */
  technical: string | null;
}

const BROWSER_NAMES: Record<BrowserFamily, string> = {
  chrome: 'Chrome',
  edge: 'Edge',
  firefox: 'Firefox',
  safari: 'Safari',
  other: 'your browser',
};

export function browserName(browser: BrowserFamily): string {
  return BROWSER_NAMES[browser];
}

/** Browser family and platform from a user-agent string. Order matters: Edge and Chrome on iOS also say "Safari". */
export function detectBrowser(userAgent: string): { browser: BrowserFamily; platform: Platform; inAppBrowser: boolean } {
  const ua = userAgent;
  const platform: Platform = /iPhone|iPad|iPod/.test(ua)
    ? 'ios'
    : /Android/.test(ua)
      ? 'android'
      : /CrOS/.test(ua)
        ? 'chromeos'
        : /Windows/.test(ua)
          ? 'windows'
          : /Macintosh|Mac OS X/.test(ua)
            ? 'mac'
            : /Linux/.test(ua)
              ? 'linux'
              : 'other';
  const browser: BrowserFamily = /Edg(e|A|iOS)?\//.test(ua)
    ? 'edge'
    : /Firefox\/|FxiOS\//.test(ua)
      ? 'firefox'
      : /OPR\/|Opera|SamsungBrowser|YaBrowser|Vivaldi/.test(ua)
        ? 'other'
        : /Chrome\/|CriOS\/|Chromium\//.test(ua)
          ? 'chrome'
          : /Safari\//.test(ua) && /Version\//.test(ua)
            ? 'safari'
            : 'other';
  const inAppBrowser = /FBAN|FBAV|Instagram|LinkedInApp|Line\/|Twitter|MicroMessenger|; wv\)/.test(ua);
  return { browser, platform, inAppBrowser };
}

interface ErrorLike {
  name: string | null;
  message: string;
}

function describeError(error: unknown): ErrorLike {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; message?: unknown };
    return {
      name: typeof e.name === 'string' ? e.name : null,
      message: typeof e.message === 'string' ? e.message : '',
    };
  }
  return { name: null, message: typeof error === 'string' ? error : '' };
}

const TRY_AGAIN = 'Press Try again.';

function permissionSteps(env: MediaEnv): string[] {
  const { browser, platform } = env;
  if (platform === 'ios') {
    if (browser === 'safari' || browser === 'other') {
      return [
        'Tap the page settings button (aA) in the address bar, then Website Settings.',
        'Set Microphone to Allow.',
        'If it is still blocked, open the Settings app → Apps → Safari → Microphone and choose Ask or Allow.',
        TRY_AGAIN,
      ];
    }
    return [
      `Open the Settings app, find ${browserName(browser)} in the list of apps, and turn Microphone on.`,
      `Come back to ${browserName(browser)}. ${TRY_AGAIN}`,
    ];
  }
  if (platform === 'android') {
    return [
      'Tap the icon at the left of the address bar, then Permissions (or Site settings).',
      'Set Microphone to Allow.',
      `If the microphone is blocked for the whole app: open Settings → Apps → ${browserName(browser)} → Permissions → Microphone and allow it.`,
      TRY_AGAIN,
    ];
  }
  switch (browser) {
    case 'chrome':
      return [
        'Click the site controls icon at the left of the address bar.',
        'Switch Microphone on (or open Site settings and set Microphone to Allow).',
        TRY_AGAIN + ' If Chrome asks again, choose Allow.',
      ];
    case 'edge':
      return [
        'Click the lock icon at the left of the address bar, then Permissions for this site.',
        'Set Microphone to Allow.',
        TRY_AGAIN + ' If Edge asks again, choose Allow.',
      ];
    case 'firefox':
      return [
        'Click the crossed-out microphone icon in the address bar.',
        'Next to "Use the microphone – Blocked", click the × to clear the block.',
        TRY_AGAIN + ' When Firefox asks, choose Allow.',
      ];
    case 'safari':
      return [
        'In the menu bar choose Safari → Settings for This Website… (or Safari → Settings → Websites → Microphone).',
        'Set Microphone to Allow for this site.',
        TRY_AGAIN,
      ];
    default:
      return ["Open your browser's settings for this site and allow the microphone.", TRY_AGAIN];
  }
}

function systemPermissionSteps(env: MediaEnv): string[] {
  const name = browserName(env.browser);
  switch (env.platform) {
    case 'mac':
      return [
        `Open System Settings → Privacy & Security → Microphone and turn on ${name}.`,
        `macOS asks you to quit ${name}: quit it, reopen it and open the invite link again. Your progress is saved.`,
      ];
    case 'windows':
      return [
        'Open Settings → Privacy & security → Microphone.',
        'Turn on "Microphone access" and "Let desktop apps access your microphone".',
        TRY_AGAIN,
      ];
    default:
      return [`Allow ${name} to use the microphone in your system's privacy settings.`, TRY_AGAIN];
  }
}

function soundInputHint(platform: Platform): string {
  switch (platform) {
    case 'mac':
      return 'Check that the system sees it: System Settings → Sound → Input.';
    case 'windows':
      return 'Check that Windows sees it: Settings → System → Sound → Input.';
    case 'linux':
    case 'chromeos':
      return 'Check that it is listed as an input device in the system sound settings.';
    default:
      return 'Check that it is connected and switched on.';
  }
}

function unsupportedSteps(env: MediaEnv): string[] {
  const steps: string[] = [];
  if (env.inAppBrowser) steps.push("You are in an app's built-in browser: use its menu to open the link in your browser.");
  if (env.browser === 'safari') {
    steps.push(
      env.platform === 'ios'
        ? 'Update iOS: recording answers needs iOS 14.5 or later.'
        : 'Update Safari: recording answers needs Safari 14.1 or later (update macOS to get it).',
    );
  } else if (env.browser !== 'other') {
    steps.push(`Update ${browserName(env.browser)} to the current version.`);
  }
  steps.push('Or open the invite link in an up-to-date Chrome, Edge, Firefox or Safari.');
  return steps;
}

function info(
  env: MediaEnv,
  err: ErrorLike,
  fields: Omit<MediaErrorInfo, 'browser' | 'technical'>,
): MediaErrorInfo {
  const technical = err.name || err.message ? [err.name, err.message].filter(Boolean).join(': ') : null;
  return { ...fields, browser: env.browser, technical };
}

export function classifyMediaError(error: unknown, env: MediaEnv): MediaErrorInfo {
  const err = describeError(error);
  const name = err.name;

  // Without a secure context browsers hide the microphone API entirely, whatever the error says.
  if (!env.isSecureContext) {
    return info(env, err, {
      kind: 'insecure-context',
      detail: null,
      title: 'This page is not opened securely',
      message: 'Browsers only allow the microphone on secure (https) pages, and this page was opened without https.',
      fix: [
        'Open the invite link exactly as you received it: its address must start with https://.',
        'If you typed the address, type https:// in front of it.',
      ],
      retryable: false,
    });
  }

  const apiMissing = !env.hasMediaDevices || !env.hasGetUserMedia;
  if (name === 'NotSupportedError' || (apiMissing && (name === null || name === 'TypeError'))) {
    const noRecorder = !apiMissing && !env.hasMediaRecorder;
    return info(env, err, {
      kind: 'unsupported-browser',
      detail: noRecorder ? 'no-recorder' : null,
      title: 'This browser cannot record your answers',
      message: noRecorder
        ? 'This browser can use the microphone but cannot record audio.'
        : 'This browser does not give web pages access to the microphone.',
      fix: unsupportedSteps(env),
      retryable: false,
    });
  }

  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError': {
      const bySystem = /system/i.test(err.message);
      const byPolicy = name === 'SecurityError' || /permissions? policy|feature policy/i.test(err.message);
      if (byPolicy && env.embedded) {
        return info(env, err, {
          kind: 'permission-denied',
          detail: 'policy',
          title: 'The microphone is blocked by the page around this one',
          message: 'This interview is shown inside another site that does not let it use the microphone.',
          fix: ['Open the invite link directly in a new browser tab.'],
          retryable: false,
        });
      }
      if (bySystem) {
        return info(env, err, {
          kind: 'permission-denied',
          detail: 'system',
          title: `Your computer blocks ${browserName(env.browser)} from using the microphone`,
          message: `The operating system does not let ${browserName(env.browser)} use the microphone.`,
          fix: systemPermissionSteps(env),
          retryable: env.platform !== 'mac',
        });
      }
      return info(env, err, {
        kind: 'permission-denied',
        detail: byPolicy ? 'policy' : 'browser',
        title: 'Microphone access is blocked',
        message: `${browserName(env.browser)} is not allowing this site to use your microphone.`,
        fix: [
          ...permissionSteps(env),
          ...(env.platform === 'mac' || env.platform === 'windows'
            ? ['If it is still blocked, your system may be blocking the browser: ' + systemPermissionSteps(env)[0]]
            : []),
        ],
        retryable: true,
      });
    }
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return info(env, err, {
        kind: 'no-device',
        detail: 'selected-device',
        title: 'The selected microphone is not available',
        message: 'The microphone chosen for this interview was disconnected or cannot be used.',
        fix: ['Reconnect that microphone, or choose another one from the list.', TRY_AGAIN],
        retryable: true,
      });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return info(env, err, {
        kind: 'no-device',
        detail: null,
        title: 'No microphone found',
        message: 'No microphone is connected, or the system does not make one available.',
        fix: [
          'Connect a microphone or a headset with a microphone, and check any mute switch on it.',
          soundInputHint(env.platform),
          TRY_AGAIN,
        ],
        retryable: true,
      });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return info(env, err, {
        kind: 'device-in-use',
        detail: null,
        title: 'The microphone is busy',
        message: 'Another app or browser tab is using the microphone, or the system could not start it.',
        fix: [
          'Leave calls and close apps that use the microphone (Zoom, Teams, Skype, Discord…), and other browser tabs that use it.',
          ...(env.browser === 'firefox' ? ['Close other Firefox windows that show a microphone icon in their tab.'] : []),
          ...(env.platform === 'windows'
            ? [
                'On Windows an app may hold the microphone exclusively: open Settings → System → Sound → your microphone → Properties (Advanced) and turn off "Allow applications to take exclusive control of this device".',
              ]
            : []),
          'If it still fails, unplug the microphone and plug it back in.',
          TRY_AGAIN,
        ],
        retryable: true,
      });
    default:
      return info(env, err, {
        kind: 'unknown',
        detail: null,
        title: 'The microphone could not be started',
        message: 'Something unexpected stopped the microphone.',
        fix: [
          TRY_AGAIN,
          'If it keeps failing, reload the page: your answers so far are saved.',
          'Or open the invite link in another browser (Chrome, Edge, Firefox or Safari).',
        ],
        retryable: true,
      });
  }
}
