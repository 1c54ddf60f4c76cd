/** Choice of microphone; labels appear once the permission is granted. */
import type { InputDevice } from '../../../media';

export function DevicePicker({ devices, value, onChange, disabled }: { devices: InputDevice[]; value: string | null; onChange: (deviceId: string) => void; disabled?: boolean }) {
  if (devices.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor="mic-device">Microphone</label>
      <select id="mic-device" value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {value === null && <option value="">Default microphone</option>}
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
