/**
 * The browser-facing media modules, driven through small stand-ins for the
 * browser objects they talk to (getUserMedia, enumerateDevices, AnalyserNode,
 * timers). The code under test is the real module each time.
 */
import { describe, expect, it } from 'vitest';
import { detectBrowser, type MediaEnv } from '../../src/domain/media-errors';
import {
  detectMediaEnv,
  queryMicrophonePermission,
  requestMicrophonePermission,
  watchMicrophonePermission,
} from '../../src/media/microphone';
import { chooseInputDevice, isDeviceGone, subscribeDeviceChanges, toInputDevices, type InputDevice } from '../../src/media/devices';
import { bytesToSamples, createLevelMeter, measureLevels, SILENCE, smoothLevel, toDecibels } from '../../src/media/level-meter';
import { watchTimeLimit } from '../../src/media/time-limit';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const secureChrome: MediaEnv = {
  ...detectBrowser(CHROME),
  isSecureContext: true,
  hasMediaDevices: true,
  hasGetUserMedia: true,
  hasMediaRecorder: true,
  embedded: false,
};

function fakeStream(settings: MediaTrackSettings = { deviceId: 'mic-7' }, label = 'USB Mic') {
  let stopped = 0;
  const track = { label, getSettings: () => settings, stop: () => (stopped += 1) };
  const stream = { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  return { stream, stopped: () => stopped };
}

describe('requestMicrophonePermission', () => {
  it('asks for mono speech and returns the opened device', async () => {
    const asked: MediaStreamConstraints[] = [];
    const { stream } = fakeStream();
    const result = await requestMicrophonePermission({
      deviceId: 'mic-7',
      env: secureChrome,
      mediaDevices: { getUserMedia: async (c) => (asked.push(c!), stream) },
    });
    expect(asked).toEqual([
      {
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true, deviceId: { exact: 'mic-7' } },
        video: false,
      },
    ]);
    expect(result).toMatchObject({ ok: true, deviceId: 'mic-7', label: 'USB Mic' });
  });

  it('uses the default device when none is chosen', async () => {
    const asked: MediaStreamConstraints[] = [];
    await requestMicrophonePermission({ env: secureChrome, mediaDevices: { getUserMedia: async (c) => (asked.push(c!), fakeStream().stream) } });
    expect(asked[0]!.audio).not.toHaveProperty('deviceId');
  });

  it('returns a classified failure instead of throwing, so the guest can retry', async () => {
    let calls = 0;
    const mediaDevices = {
      getUserMedia: async () => {
        calls += 1;
        if (calls === 1) throw new DOMException('Permission denied', 'NotAllowedError');
        return fakeStream().stream;
      },
    };
    const first = await requestMicrophonePermission({ env: secureChrome, mediaDevices });
    expect(first.ok).toBe(false);
    if (!first.ok) {
      expect(first.error).toMatchObject({ kind: 'permission-denied', browser: 'chrome', retryable: true });
      expect((first.cause as DOMException).name).toBe('NotAllowedError');
    }
    const second = await requestMicrophonePermission({ env: secureChrome, mediaDevices });
    expect(second.ok).toBe(true);
  });

  it('does not call getUserMedia in an insecure context or without mediaDevices', async () => {
    let called = false;
    const mediaDevices = { getUserMedia: async () => ((called = true), fakeStream().stream) };
    const insecure = await requestMicrophonePermission({ env: { ...secureChrome, isSecureContext: false }, mediaDevices });
    expect(insecure.ok || insecure.error.kind).toBe('insecure-context');
    const missing = await requestMicrophonePermission({ env: secureChrome, mediaDevices: null });
    expect(missing.ok || missing.error.kind).toBe('unsupported-browser');
    expect(called).toBe(false);
  });

  it('treats a stream without an audio track as no device, and releases it', async () => {
    let stopped = 0;
    const empty = { getAudioTracks: () => [], getTracks: () => [{ stop: () => (stopped += 1) }] } as unknown as MediaStream;
    const result = await requestMicrophonePermission({ env: secureChrome, mediaDevices: { getUserMedia: async () => empty } });
    expect(result.ok || result.error.kind).toBe('no-device');
    expect(stopped).toBe(1);
  });
});

describe('detectMediaEnv and permission state', () => {
  it('reads the environment from a global scope', () => {
    const top = {};
    const env = detectMediaEnv({
      navigator: { userAgent: CHROME, mediaDevices: { getUserMedia: () => undefined } },
      isSecureContext: true,
      MediaRecorder: class {},
      self: {},
      top,
    });
    expect(env).toMatchObject({ browser: 'chrome', platform: 'windows', hasGetUserMedia: true, hasMediaRecorder: true, embedded: true });
    const bare = detectMediaEnv({ navigator: { userAgent: CHROME }, isSecureContext: false });
    expect(bare).toMatchObject({ isSecureContext: false, hasMediaDevices: false, hasGetUserMedia: false, hasMediaRecorder: false, embedded: false });
  });

  it('queries the microphone permission and falls back to unknown', async () => {
    const granted = { query: async () => ({ state: 'granted' }) as PermissionStatus };
    expect(await queryMicrophonePermission(granted)).toBe('granted');
    expect(await queryMicrophonePermission({ query: async () => { throw new TypeError("'microphone' is not a valid PermissionName"); } })).toBe('unknown');
    expect(await queryMicrophonePermission(undefined)).toBe('unknown');
  });

  it('reports permission changes until unsubscribed', async () => {
    const status = Object.assign(new EventTarget(), { state: 'denied' as PermissionState }) as unknown as PermissionStatus;
    const seen: string[] = [];
    const stop = watchMicrophonePermission((s) => seen.push(s), { query: async () => status });
    await Promise.resolve();
    await Promise.resolve();
    (status as { state: PermissionState }).state = 'granted';
    status.dispatchEvent(new Event('change'));
    stop();
    status.dispatchEvent(new Event('change'));
    expect(seen).toEqual(['granted']);
  });

  it('reports the state found when the watch starts apart from changes (granted before it began: no change event comes)', async () => {
    const status = Object.assign(new EventTarget(), { state: 'granted' as PermissionState }) as unknown as PermissionStatus;
    const changes: string[] = [];
    const current: string[] = [];
    const stop = watchMicrophonePermission((s) => changes.push(s), { query: async () => status }, (s) => current.push(s));
    await Promise.resolve();
    await Promise.resolve();
    expect(current).toEqual(['granted']);
    expect(changes).toEqual([]);
    stop();
  });
});

describe('input devices', () => {
  const info = (deviceId: string, label: string, kind: MediaDeviceKind = 'audioinput') => ({ deviceId, groupId: `g-${deviceId}`, kind, label });

  it('keeps microphones only, drops pseudo-devices and duplicates, and marks the default', () => {
    const devices = toInputDevices([
      info('default', 'Default - MacBook Pro Microphone'),
      info('communications', 'Communications - Headset'),
      info('abc', 'MacBook Pro Microphone'),
      info('abc', 'MacBook Pro Microphone'),
      info('spk', 'Speakers', 'audiooutput'),
      info('cam', 'FaceTime HD', 'videoinput'),
    ]);
    expect(devices.map((d) => [d.deviceId, d.isDefault])).toEqual([
      ['default', true],
      ['abc', false],
    ]);
  });

  it('names devices while the browser hides labels, the first being the default', () => {
    const devices = toInputDevices([info('a', ''), info('b', '  ')]);
    expect(devices.map((d) => [d.label, d.isDefault])).toEqual([
      ['Default microphone', true],
      ['Microphone 2', false],
    ]);
  });

  it('keeps the chosen device while it is connected and falls back when it is unplugged', () => {
    const list: InputDevice[] = toInputDevices([info('default', 'Default'), info('usb', 'USB Mic')]);
    expect(chooseInputDevice(list, 'usb')!.deviceId).toBe('usb');
    expect(chooseInputDevice(list, 'gone')!.deviceId).toBe('default');
    expect(chooseInputDevice([], 'usb')).toBeNull();
    expect(isDeviceGone(list, 'usb')).toBe(false);
    expect(isDeviceGone(list.slice(0, 1), 'usb')).toBe(true);
    expect(isDeviceGone(list, null)).toBe(false);
  });

  it('re-lists on devicechange, delivers only the latest listing, and stops when unsubscribed', async () => {
    const target = new EventTarget();
    let listing = [info('a', 'A')];
    let releaseFirst!: () => void;
    let calls = 0;
    const mediaDevices = {
      addEventListener: target.addEventListener.bind(target),
      removeEventListener: target.removeEventListener.bind(target),
      enumerateDevices: async () => {
        calls += 1;
        const snapshot = listing;
        // The first listing is slow and arrives after the second: it must be ignored.
        if (calls === 1) await new Promise<void>((r) => (releaseFirst = r));
        return snapshot as MediaDeviceInfo[];
      },
    };
    const seen: string[][] = [];
    const stop = subscribeDeviceChanges((d) => seen.push(d.map((x) => x.deviceId)), mediaDevices);
    target.dispatchEvent(new Event('devicechange'));
    listing = [info('a', 'A'), info('b', 'B')];
    target.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 0));
    releaseFirst();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([['a', 'b']]);
    stop();
    target.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toHaveLength(1);
  });
});

describe('level meter: the numbers', () => {
  const sine = (amplitude: number, n = 1024) => Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * i) / 64));

  it('measures RMS and peak of a signal', () => {
    const { rms, peak } = measureLevels(sine(0.5));
    expect(rms).toBeCloseTo(0.5 / Math.SQRT2, 4);
    expect(peak).toBeCloseTo(0.5, 4);
    expect(measureLevels(new Float32Array(1024))).toEqual({ rms: 0, peak: 0 });
    expect(measureLevels([])).toEqual({ rms: 0, peak: 0 });
  });

  it('converts 8-bit samples and amplitudes in dBFS', () => {
    const out = bytesToSamples([128, 255, 0, 192], new Float32Array(4));
    expect(Array.from(out)).toEqual([0, 127 / 128, -1, 0.5]);
    expect(toDecibels(1)).toBe(0);
    expect(toDecibels(0.1)).toBeCloseTo(-20, 6);
    expect(toDecibels(0)).toBe(-100);
  });

  it('rises fast and falls slowly, whatever the frame rate', () => {
    const loud = { rms: 0.5, peak: 0.7 };
    const up = smoothLevel(SILENCE, loud, 16.7);
    const down = smoothLevel({ ...up, rms: 0.5 }, { rms: 0, peak: 0 }, 16.7);
    expect(up.rms / 0.5).toBeGreaterThan((0.5 - down.rms) / 0.5);
    // Two 8 ms frames land where one 16 ms frame lands.
    const two = smoothLevel(smoothLevel(SILENCE, loud, 8), loud, 8);
    expect(two.rms).toBeCloseTo(smoothLevel(SILENCE, loud, 16).rms, 10);
  });

  it('holds the peak and lets it fall 24 dB per second', () => {
    const held = smoothLevel({ ...SILENCE, peak: 1 }, { rms: 0, peak: 0 }, 1000);
    expect(toDecibels(held.peak)).toBeCloseTo(-24, 6);
  });

  it('flags clipping and says when it hears the guest', () => {
    expect(smoothLevel(SILENCE, { rms: 0.3, peak: 1 }, 16).clipping).toBe(true);
    expect(smoothLevel(SILENCE, { rms: 0.3, peak: 0.5 }, 16).clipping).toBe(false);
    const quiet = smoothLevel(SILENCE, { rms: 0.001, peak: 0.002 }, 1000);
    expect(quiet.hearing).toBe(false);
    const voice = smoothLevel(SILENCE, { rms: 0.05, peak: 0.2 }, 1000);
    expect(voice.hearing).toBe(true);
  });
});

describe('level meter: the frame loop', () => {
  function fakeAudio(amplitude: { value: number }, withFloat = true) {
    const events: string[] = [];
    const analyser = {
      fftSize: 2048,
      getFloatTimeDomainData: withFloat
        ? (out: Float32Array) => {
            for (let i = 0; i < out.length; i += 1) out[i] = i % 2 ? amplitude.value : -amplitude.value;
          }
        : undefined,
      getByteTimeDomainData: (out: Uint8Array) => {
        for (let i = 0; i < out.length; i += 1) out[i] = 128 + (i % 2 ? 1 : -1) * Math.round(amplitude.value * 128);
      },
    };
    const context = {
      state: 'suspended' as AudioContextState,
      createMediaStreamSource: () => ({ connect: () => events.push('connect'), disconnect: () => events.push('disconnect') }),
      createAnalyser: () => analyser,
      resume: async () => {
        events.push('resume');
        context.state = 'running';
      },
      close: async () => {
        events.push('close');
        context.state = 'closed';
      },
    };
    return { context: context as unknown as AudioContext, analyser, events };
  }

  function frames() {
    const queue = new Map<number, (t: number) => void>();
    let next = 1;
    let time = 0;
    return {
      requestFrame: (cb: (t: number) => void) => (queue.set(next, cb), next++),
      cancelFrame: (h: number) => void queue.delete(h),
      pending: () => queue.size,
      run(n: number) {
        for (let i = 0; i < n; i += 1) {
          time += 16.7;
          const [[h, cb]] = [...queue.entries()] as [[number, (t: number) => void]];
          queue.delete(h);
          cb(time);
        }
      },
    };
  }

  const stream = {} as MediaStream;

  it('publishes a reading every frame from the analyser and stops cleanly', async () => {
    const amp = { value: 0.5 };
    const audio = fakeAudio(amp);
    const f = frames();
    const meter = createLevelMeter(stream, { createAudioContext: () => audio.context, requestFrame: f.requestFrame, cancelFrame: f.cancelFrame });
    const seen: number[] = [];
    meter.subscribe((r) => seen.push(r.rms));
    await meter.start();
    expect(audio.events).toEqual(['connect', 'resume']);
    expect(audio.analyser.fftSize).toBe(1024);
    f.run(30);
    expect(seen).toHaveLength(30);
    expect(seen.at(-1)).toBeCloseTo(0.5, 2);
    expect(meter.getSnapshot().hearing).toBe(true);
    amp.value = 0;
    f.run(5);
    expect(seen.at(-1)!).toBeLessThan(0.5);
    meter.stop();
    expect(f.pending()).toBe(0);
    expect(audio.events).toEqual(['connect', 'resume', 'disconnect', 'close']);
    expect(meter.getSnapshot()).toEqual(SILENCE);
    expect(meter.running).toBe(false);
  });

  it('leaves a shared AudioContext open and reads 8-bit data where float is missing', async () => {
    const audio = fakeAudio({ value: 0.25 }, false);
    const f = frames();
    const meter = createLevelMeter(stream, { audioContext: audio.context, requestFrame: f.requestFrame, cancelFrame: f.cancelFrame });
    await meter.start();
    f.run(40);
    expect(meter.getSnapshot().rms).toBeCloseTo(0.25, 2);
    meter.stop();
    expect(audio.events).not.toContain('close');
  });

  it('keeps serving other subscribers when one throws', async () => {
    const audio = fakeAudio({ value: 0.1 });
    const f = frames();
    const meter = createLevelMeter(stream, { createAudioContext: () => audio.context, requestFrame: f.requestFrame, cancelFrame: f.cancelFrame });
    const thrown: unknown[] = [];
    const onError = (e: unknown) => thrown.push(e);
    process.on('uncaughtException', onError);
    try {
      meter.subscribe(() => {
        throw new Error('bad subscriber');
      });
      let good = 0;
      const unsubscribe = meter.subscribe(() => (good += 1));
      await meter.start();
      f.run(3);
      expect(good).toBe(3);
      unsubscribe();
      f.run(2);
      expect(good).toBe(3);
      expect(f.pending()).toBe(1);
      meter.stop();
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(thrown.length).toBeGreaterThan(0);
  });
});

describe('watchTimeLimit', () => {
  function fakeTimers(start: number) {
    let t = start;
    const timers: Array<{ at: number; cb: () => void; id: number }> = [];
    let id = 0;
    return {
      now: () => t,
      setTimer: (cb: () => void, ms: number) => (timers.push({ at: t + ms, cb, id: ++id }), id),
      clearTimer: (h: unknown) => {
        const i = timers.findIndex((x) => x.id === h);
        if (i >= 0) timers.splice(i, 1);
      },
      pending: () => timers.length,
      advanceTo(target: number) {
        for (let guard = 0; guard < 100; guard += 1) {
          timers.sort((a, b) => a.at - b.at);
          const due = timers[0];
          if (!due || due.at > target) break;
          timers.shift();
          t = due.at;
          due.cb();
        }
        t = target;
      },
    };
  }

  it('warns 15 seconds before the limit and then stops', () => {
    const clock = fakeTimers(0);
    const log: string[] = [];
    watchTimeLimit({ deadline: 120_000, warnAt: 105_000 }, { onWarning: () => log.push(`warn@${clock.now()}`), onLimit: () => log.push(`stop@${clock.now()}`) }, clock);
    clock.advanceTo(104_999);
    expect(log).toEqual([]);
    clock.advanceTo(200_000);
    expect(log).toEqual(['warn@105000', 'stop@120000']);
    expect(clock.pending()).toBe(0);
  });

  it('warns at once inside the window and stops at once past the limit (after a reload)', () => {
    const clock = fakeTimers(110_000);
    const log: string[] = [];
    watchTimeLimit({ deadline: 120_000, warnAt: 105_000 }, { onWarning: () => log.push('warn'), onLimit: () => log.push('stop') }, clock);
    expect(log).toEqual(['warn']);
    const late = fakeTimers(130_000);
    const lateLog: string[] = [];
    watchTimeLimit({ deadline: 120_000, warnAt: 105_000 }, { onWarning: () => lateLog.push('warn'), onLimit: () => lateLog.push('stop') }, late);
    expect(lateLog).toEqual(['stop']);
  });

  it('does nothing while frozen and nothing after being cancelled', () => {
    const clock = fakeTimers(0);
    let stops = 0;
    watchTimeLimit({ deadline: null, warnAt: null }, { onLimit: () => (stops += 1) }, clock);
    const cancel = watchTimeLimit({ deadline: 1000, warnAt: 0 }, { onLimit: () => (stops += 1) }, clock);
    cancel();
    clock.advanceTo(5000);
    expect(stops).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});
