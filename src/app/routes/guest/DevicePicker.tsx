/**
 * Choice of microphone; labels appear once the permission is granted. Until the list has come (it is read once the
 * microphone opens), the one choice is the default microphone: the field has its place from the first frame.
 */
import type { InputDevice } from '../../../media';

export function DevicePicker({ devices, value, onChange, disabled }: { devices: InputDevice[]; value: string | null; onChange: (deviceId: string) => void; disabled?: boolean }) {
  return (
    <div className="field">
      <label htmlFor="mic-device">Microphone</label>
      <select id="mic-device" value={value ?? ''} disabled={disabled || devices.length === 0} onChange={(e) => onChange(e.target.value)}>
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
