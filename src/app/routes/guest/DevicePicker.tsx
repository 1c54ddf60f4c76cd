/**
 * Choice of microphone; labels appear once the permission is granted. Until the list has come (it is read once the
 * microphone opens), the one choice is the default microphone: the field has its place from the first frame.
 * `value` is the microphone in use or being asked for. Never disabled (a disabled select drops the keyboard's focus):
 * a choice made while the browser is still asked for the last one replaces it.
 */
import type { Ref } from 'react';
import type { InputDevice } from '../../../media';

export function DevicePicker({
  devices,
  value,
  onChange,
  selectRef,
}: {
  devices: InputDevice[];
  value: string | null;
  onChange: (deviceId: string) => void;
  selectRef?: Ref<HTMLSelectElement>;
}) {
  return (
    <div className="field">
      <label htmlFor="mic-device">Microphone</label>
      <select id="mic-device" ref={selectRef} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {(value === null || devices.length === 0) && <option value={value ?? ''}>Default microphone</option>}
        {devices.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label}
            {d.isDefault ? ' (system default)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
