/**
 * The guided fix tech support sent: the same Voice Error guidance the technical check shows, written for this
 * browser and system, for the guest's last microphone problem (or a microphone that delivers no sound), with Try
 * again, which asks for the microphone anew.
 */
import { useState } from 'react';
import { classifyMediaError, detectMediaEnv, type MediaErrorInfo, type MediaErrorKind } from '../../../media';
import type { GuestMicrophone } from '../../../guest/microphone';
import { MicErrorPanel } from './MicErrorPanel';

const ERROR_NAMES: Record<MediaErrorKind, string> = {
  'permission-denied': 'NotAllowedError',
  'no-device': 'NotFoundError',
  'device-in-use': 'NotReadableError',
  'insecure-context': 'SecurityError',
  'unsupported-browser': 'NotSupportedError',
  unknown: 'NotFoundError',
};

export function guidanceFor(kind: MediaErrorKind | null): MediaErrorInfo {
  // No recorded failure means the microphone opens but support hears nothing: the "no microphone found" steps
  // (check it is connected, selected and not muted) are the ones that apply.
  const name = ERROR_NAMES[kind ?? 'no-device'];
  return classifyMediaError(new DOMException('Sent by tech support', name), detectMediaEnv());
}

export function SupportFixPanel({ microphone, onDismiss }: { microphone: GuestMicrophone; onDismiss: () => void }) {
  const [error, setError] = useState<MediaErrorInfo>(() => guidanceFor(microphone.current() ? null : (microphone.lastError()?.kind ?? null)));
  const [retrying, setRetrying] = useState(false);
  const [fixed, setFixed] = useState<string | null>(null);
  const retry = async () => {
    setRetrying(true);
    const result = await microphone.acquire(null, { fresh: true });
    setRetrying(false);
    if (result.ok) setFixed(result.label || 'default microphone');
    else setError(result.error);
  };
  return (
    <section className="card narrow notice support-fix" role="alert" aria-labelledby="support-fix-title" data-testid="support-fix">
      <h2 id="support-fix-title">Tech support sent you steps to fix your microphone</h2>
      {fixed ? <p data-testid="support-fix-ok">Your microphone works now: {fixed}.</p> : <MicErrorPanel error={error} onRetry={() => void retry()} retrying={retrying} />}
      <button type="button" className="secondary" onClick={onDismiss}>
        Close
      </button>
    </section>
  );
}
