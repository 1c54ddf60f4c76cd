import { describe, expect, it } from 'vitest';
import { canTranscribeLocally, type PlacementInput } from '../../worker/asr/placement';

const base: PlacementInput = {
  host: { requires: 'either' },
  model: { cached: false, bytesToDownload: 42_000_000, approxBytes: 42_000_000 },
  connection: { online: true, downlinkMbps: 20 },
  device: { memoryGb: 8 },
};
const with_ = (patch: (i: PlacementInput) => void): PlacementInput => {
  const copy = structuredClone(base);
  patch(copy);
  return copy;
};

describe('canTranscribeLocally', () => {
  it('follows the host when it requires staff devices, whatever else is true', () => {
    expect(canTranscribeLocally(with_((i) => ((i.host.requires = 'staff'), (i.model.cached = true))))).toEqual({ local: false, reason: 'host-requires-staff' });
  });

  it('runs locally when the model is already stored, even offline', () => {
    expect(canTranscribeLocally(with_((i) => ((i.model.cached = true), (i.connection.online = false))))).toEqual({ local: true, reason: 'model-cached' });
  });

  it('downloads on a fast connection, defers to staff on a slow one', () => {
    expect(canTranscribeLocally(base)).toEqual({ local: true, reason: 'fast-connection', downloadSeconds: 16.8 });
    expect(canTranscribeLocally(with_((i) => (i.connection.downlinkMbps = 1.5)))).toEqual({ local: false, reason: 'slow-connection', downloadSeconds: 224 });
    expect(canTranscribeLocally(with_((i) => (i.maxDownloadSeconds = 10)))).toMatchObject({ local: false, reason: 'slow-connection' });
  });

  it('uses effectiveType when downlink is not reported, and the approximate size when sizes are not pinned', () => {
    const unpinned = (type: '4g' | '3g') => with_((i) => ((i.connection = { online: true, effectiveType: type }), (i.model.bytesToDownload = null), (i.model.approxBytes = 20_000_000)));
    expect(canTranscribeLocally(unpinned('4g'))).toEqual({ local: true, reason: 'fast-connection', downloadSeconds: 40 });
    expect(canTranscribeLocally(unpinned('3g'))).toEqual({ local: false, reason: 'slow-connection', downloadSeconds: 228.6 });
  });

  it('does not download when offline, on save-data, or with an unknown connection', () => {
    expect(canTranscribeLocally(with_((i) => (i.connection.online = false)))).toEqual({ local: false, reason: 'offline-not-cached' });
    expect(canTranscribeLocally(with_((i) => (i.connection.saveData = true)))).toEqual({ local: false, reason: 'save-data' });
    expect(canTranscribeLocally(with_((i) => (i.connection = { online: true })))).toEqual({ local: false, reason: 'unknown-connection' });
  });

  it('keeps low-memory devices off the model, and honours a host that requires local transcription', () => {
    expect(canTranscribeLocally(with_((i) => ((i.device.memoryGb = 1), (i.model.cached = true))))).toEqual({ local: false, reason: 'low-memory' });
    expect(canTranscribeLocally(with_((i) => ((i.host.requires = 'local'), (i.connection.online = false))))).toEqual({ local: true, reason: 'host-requires-local' });
  });
});
