/**
 * Staff devices publish their own connection and speech model status on the staff document's presence, so tech
 * support sees whether an interviewer's device is connected and able to transcribe queued answers.
 */
import { useEffect } from 'react';
import { detectBrowser } from '../../../../domain/media-errors';
import type { Role } from '../../../../domain/access';
import type { StaffDiagnostics } from '../../../../domain/support/diagnostics';
import type { DocHandle } from '../../../../sync/doc-connection';
import { setDiagnostics } from '../../../../sync/diagnostics-presence';
import { reconnectCounter } from '../../../../guest/support/diagnostics-collector';
import { fetchManifest, modelCacheState, preferredModelId } from '../../../../speech-model/model-library';
import { findModel } from '../../../../../worker/asr/model-manifest';

const TRANSCRIBING_ROLES: readonly Role[] = ['host', 'interviewer'];

export function useStaffDiagnostics(staff: DocHandle | null, role: Role): void {
  useEffect(() => {
    if (!staff) return;
    const { browser, platform } = detectBrowser(navigator.userAgent);
    let model: StaffDiagnostics['model'] = 'absent';
    let last = '';
    const reconnects = reconnectCounter();
    const publish = () => {
      const state = staff.status().state;
      const diag: StaffDiagnostics = { v: 1, net: { state, rttMs: null, reconnects: reconnects.count }, model, env: { browser, os: platform } };
      const json = JSON.stringify(diag);
      if (json === last) return;
      last = json;
      setDiagnostics(staff.awareness(), diag);
    };
    const off = staff.onStatus((s) => {
      reconnects.see(s.state);
      publish();
    });
    const readModel = async () => {
      if (!TRANSCRIBING_ROLES.includes(role)) return;
      try {
        const manifest = await fetchManifest();
        const cached = await modelCacheState(findModel(manifest, preferredModelId(manifest)));
        model = cached.complete ? 'ready' : 'absent';
      } catch {
        model = 'failed';
      }
      publish();
    };
    void readModel();
    const t = setInterval(() => void readModel(), 60_000);
    return () => {
      off();
      clearInterval(t);
    };
  }, [staff, role]);
}
