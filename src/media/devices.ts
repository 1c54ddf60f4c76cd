/**
 * Microphone listing for the input picker. Browsers hide labels until the
 * microphone permission is granted and list pseudo-devices; `toInputDevices`
 * turns that into a clean list, and `subscribeDeviceChanges` keeps it current
 * as headsets come and go.
 */

export interface InputDevice {
  deviceId: string;
  groupId: string;
  /** Human-readable; a numbered fallback while the browser hides labels. */
  label: string;
  /** The system default (Chrome's "default" entry, otherwise the first listed, as the spec orders them). */
  isDefault: boolean;
}

type DeviceInfoLike = Pick<MediaDeviceInfo, 'deviceId' | 'groupId' | 'kind' | 'label'>;

export function toInputDevices(infos: readonly DeviceInfoLike[]): InputDevice[] {
  const inputs = infos.filter((d) => d.kind === 'audioinput' && d.deviceId !== 'communications');
  const seen = new Set<string>();
  const unique = inputs.filter((d) => (seen.has(d.deviceId) ? false : (seen.add(d.deviceId), true)));
  const hasDefaultEntry = unique.some((d) => d.deviceId === 'default');
  return unique.map((d, i) => ({
    deviceId: d.deviceId,
    groupId: d.groupId,
    label: d.label.trim() || (i === 0 ? 'Default microphone' : `Microphone ${i + 1}`),
    isDefault: hasDefaultEntry ? d.deviceId === 'default' : i === 0,
  }));
}

type DeviceSource = Pick<MediaDevices, 'enumerateDevices'> & Partial<Pick<MediaDevices, 'addEventListener' | 'removeEventListener'>>;

const globalDevices = (): DeviceSource | undefined => globalThis.navigator?.mediaDevices as MediaDevices | undefined;

export async function listInputDevices(mediaDevices: DeviceSource | undefined = globalDevices()): Promise<InputDevice[]> {
  if (!mediaDevices || typeof mediaDevices.enumerateDevices !== 'function') return [];
  try {
    return toInputDevices(await mediaDevices.enumerateDevices());
  } catch {
    return [];
  }
}

/** Re-lists the inputs on every `devicechange`; returns the unsubscribe function. */
export function subscribeDeviceChanges(
  listener: (devices: InputDevice[]) => void,
  mediaDevices: DeviceSource | undefined = globalDevices(),
): () => void {
  if (!mediaDevices?.addEventListener) return () => undefined;
  let active = true;
  let generation = 0;
  const handler = () => {
    const mine = ++generation;
    void listInputDevices(mediaDevices).then((devices) => {
      // Several changes in a row (a headset connects both input and output): only the latest listing counts.
      if (active && mine === generation) listener(devices);
    });
  };
  mediaDevices.addEventListener('devicechange', handler);
  return () => {
    active = false;
    mediaDevices.removeEventListener?.('devicechange', handler);
  };
}

/** The device to use: the guest's choice while it is connected, else the default, else the first. */
export function chooseInputDevice(devices: readonly InputDevice[], preferredId: string | null | undefined): InputDevice | null {
  return (
    (preferredId ? devices.find((d) => d.deviceId === preferredId) : undefined) ??
    devices.find((d) => d.isDefault) ??
    devices[0] ??
    null
  );
}

/** True when the device in use has disappeared from the list (unplugged): the UI switches and tells the guest. */
export function isDeviceGone(devices: readonly InputDevice[], deviceId: string | null | undefined): boolean {
  return !!deviceId && deviceId !== 'default' && !devices.some((d) => d.deviceId === deviceId);
}
