import { describe, expect, it } from 'vitest';
import {
  classifyMediaError,
  detectBrowser,
  type BrowserFamily,
  type MediaEnv,
  type MediaErrorKind,
} from '../../src/domain/media-errors';

const UA = {
  chromeWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  safariIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  firefoxIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  edgeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0',
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  instagram: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 300.0.0.0',
  opera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0',
};

function env(ua: string, overrides: Partial<MediaEnv> = {}): MediaEnv {
  return {
    ...detectBrowser(ua),
    isSecureContext: true,
    hasMediaDevices: true,
    hasGetUserMedia: true,
    hasMediaRecorder: true,
    embedded: false,
    ...overrides,
  };
}

const dom = (name: string, message = '') => new DOMException(message, name);

describe('detectBrowser', () => {
  it.each([
    ['chromeWin', 'chrome', 'windows'],
    ['edgeWin', 'edge', 'windows'],
    ['firefoxMac', 'firefox', 'mac'],
    ['safariMac', 'safari', 'mac'],
    ['safariIos', 'safari', 'ios'],
    ['chromeIos', 'chrome', 'ios'],
    ['firefoxIos', 'firefox', 'ios'],
    ['chromeAndroid', 'chrome', 'android'],
    ['edgeAndroid', 'edge', 'android'],
    ['chromeLinux', 'chrome', 'linux'],
    ['opera', 'other', 'windows'],
  ] as const)('%s is %s on %s', (key, browser, platform) => {
    expect(detectBrowser(UA[key])).toMatchObject({ browser, platform });
  });

  it('recognises in-app browsers', () => {
    expect(detectBrowser(UA.instagram).inAppBrowser).toBe(true);
    expect(detectBrowser(UA.safariIos).inAppBrowser).toBe(false);
  });
});

describe('classifyMediaError: the kind', () => {
  const e = env(UA.chromeWin);
  it.each<[string, unknown, MediaErrorKind]>([
    ['NotAllowedError', dom('NotAllowedError', 'Permission denied'), 'permission-denied'],
    ['legacy PermissionDeniedError', { name: 'PermissionDeniedError', message: '' }, 'permission-denied'],
    ['NotFoundError', dom('NotFoundError', 'Requested device not found'), 'no-device'],
    ['legacy DevicesNotFoundError', { name: 'DevicesNotFoundError' }, 'no-device'],
    ['NotReadableError', dom('NotReadableError', 'Could not start audio source'), 'device-in-use'],
    ['legacy TrackStartError', { name: 'TrackStartError' }, 'device-in-use'],
    ["Firefox's AbortError", dom('AbortError', 'Starting audioinput failed'), 'device-in-use'],
    ['OverconstrainedError', Object.assign(new Error('deviceId'), { name: 'OverconstrainedError', constraint: 'deviceId' }), 'no-device'],
    ['SecurityError', dom('SecurityError', 'The operation is insecure.'), 'permission-denied'],
    ['NotSupportedError', dom('NotSupportedError'), 'unsupported-browser'],
    ['TypeError with the API present (our bug, not the guest)', new TypeError('At least one of audio and video must be requested'), 'unknown'],
    ['a plain string', 'weird', 'unknown'],
    ['null', null, 'unknown'],
  ])('%s → %s', (_label, error, kind) => {
    expect(classifyMediaError(error, e).kind).toBe(kind);
  });

  it('reports a missing navigator.mediaDevices as an unsupported browser', () => {
    const noApi = env(UA.safariIos, { hasMediaDevices: false, hasGetUserMedia: false });
    const thrown = new TypeError("undefined is not an object (evaluating 'navigator.mediaDevices.getUserMedia')");
    expect(classifyMediaError(thrown, noApi)).toMatchObject({ kind: 'unsupported-browser', retryable: false });
    expect(classifyMediaError(undefined, noApi).kind).toBe('unsupported-browser');
  });

  it('reports an insecure context first, whatever was thrown', () => {
    const insecure = env(UA.chromeWin, { isSecureContext: false, hasMediaDevices: false, hasGetUserMedia: false });
    for (const error of [new TypeError("Cannot read properties of undefined (reading 'getUserMedia')"), dom('NotAllowedError'), undefined]) {
      const r = classifyMediaError(error, insecure);
      expect(r.kind).toBe('insecure-context');
      expect(r.fix.join(' ')).toMatch(/https:\/\//);
      expect(r.retryable).toBe(false);
    }
  });

  it('tells a browser that cannot record audio apart from one without microphone access', () => {
    const noRecorder = env(UA.safariMac, { hasMediaRecorder: false });
    expect(classifyMediaError(dom('NotSupportedError'), noRecorder)).toMatchObject({ kind: 'unsupported-browser', detail: 'no-recorder' });
  });

  it('keeps the technical name and message for support', () => {
    expect(classifyMediaError(dom('NotReadableError', 'Could not start audio source'), e).technical).toBe(
      'NotReadableError: Could not start audio source',
    );
    expect(classifyMediaError(null, e).technical).toBeNull();
  });
});

describe('classifyMediaError: the fix for each browser', () => {
  const denied = dom('NotAllowedError', 'Permission denied');
  const fixFor = (ua: string, error: unknown = denied, o: Partial<MediaEnv> = {}) => classifyMediaError(error, env(ua, o)).fix.join('\n');

  it.each<[keyof typeof UA, BrowserFamily, RegExp]>([
    ['chromeWin', 'chrome', /site controls icon.*\n.*Microphone on/],
    ['edgeWin', 'edge', /lock icon.*Permissions for this site/],
    ['firefoxMac', 'firefox', /crossed-out microphone icon[\s\S]*Blocked[\s\S]*×/],
    ['safariMac', 'safari', /Safari → Settings for This Website/],
    ['safariIos', 'safari', /aA[\s\S]*Website Settings/],
    ['chromeIos', 'chrome', /Settings app.*Chrome.*Microphone/],
    ['chromeAndroid', 'chrome', /Permissions[\s\S]*Apps → Chrome → Permissions/],
  ])('permission denied on %s (%s)', (key, browser, pattern) => {
    const r = classifyMediaError(denied, env(UA[key]));
    expect(r.browser).toBe(browser);
    expect(r.title).toBe('Microphone access is blocked');
    expect(r.fix.join('\n')).toMatch(pattern);
    expect(r.fix.join('\n')).toMatch(/Try again/);
    expect(r.retryable).toBe(true);
  });

  it('gives different permission fixes to each of the four desktop browsers', () => {
    const fixes = [UA.chromeWin, UA.edgeWin, UA.firefoxMac, UA.safariMac].map((ua) => fixFor(ua));
    expect(new Set(fixes).size).toBe(4);
  });

  it('points a system-level denial at the operating system settings', () => {
    const bySystem = dom('NotAllowedError', 'Permission denied by system');
    const mac = classifyMediaError(bySystem, env(UA.firefoxMac));
    expect(mac).toMatchObject({ kind: 'permission-denied', detail: 'system', retryable: false });
    expect(mac.fix.join(' ')).toMatch(/System Settings → Privacy & Security → Microphone and turn on Firefox/);
    const win = classifyMediaError(bySystem, env(UA.edgeWin));
    expect(win.fix.join(' ')).toMatch(/Let desktop apps access your microphone/);
    expect(win.retryable).toBe(true);
  });

  it('sends an embedded page blocked by a permissions policy to a new tab', () => {
    const r = classifyMediaError(dom('SecurityError'), env(UA.firefoxMac, { embedded: true }));
    expect(r).toMatchObject({ kind: 'permission-denied', detail: 'policy', retryable: false });
    expect(r.fix).toEqual(['Open the invite link directly in a new browser tab.']);
  });

  it('explains how to free a busy microphone, with the Windows exclusive-mode setting', () => {
    const busy = dom('NotReadableError', 'Could not start audio source');
    expect(fixFor(UA.chromeWin, busy)).toMatch(/exclusive control/);
    expect(fixFor(UA.safariMac, busy)).not.toMatch(/exclusive control/);
    expect(fixFor(UA.firefoxMac, busy)).toMatch(/other Firefox windows/);
    expect(fixFor(UA.safariMac, busy)).toMatch(/Zoom, Teams/);
  });

  it('points a missing microphone at the system sound input settings', () => {
    const none = dom('NotFoundError', 'Requested device not found');
    expect(fixFor(UA.chromeWin, none)).toMatch(/Settings → System → Sound → Input/);
    expect(fixFor(UA.safariMac, none)).toMatch(/System Settings → Sound → Input/);
    const gone = Object.assign(new Error(''), { name: 'OverconstrainedError', constraint: 'deviceId' });
    expect(classifyMediaError(gone, env(UA.edgeWin))).toMatchObject({ title: 'The selected microphone is not available', detail: 'selected-device' });
  });

  it('tells an in-app browser user to open the link in a real browser, and Safari users which version they need', () => {
    const noApi = { hasMediaDevices: false, hasGetUserMedia: false };
    expect(fixFor(UA.instagram, null, noApi)).toMatch(/built-in browser/);
    expect(fixFor(UA.safariIos, null, noApi)).toMatch(/iOS 14\.5/);
    expect(fixFor(UA.safariMac, null, noApi)).toMatch(/Safari 14\.1/);
    expect(fixFor(UA.firefoxMac, null, noApi)).toMatch(/Update Firefox/);
  });

  it('gives every kind a title, a message and at least one step', () => {
    const cases: unknown[] = [denied, dom('NotFoundError'), dom('NotReadableError'), dom('NotSupportedError'), new Error('x')];
    for (const ua of Object.values(UA)) {
      for (const error of cases) {
        const r = classifyMediaError(error, env(ua));
        expect(r.title.length).toBeGreaterThan(5);
        expect(r.message.length).toBeGreaterThan(10);
        expect(r.fix.length).toBeGreaterThan(0);
      }
    }
  });
});
