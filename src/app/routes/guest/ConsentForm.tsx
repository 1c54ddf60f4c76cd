/**
 * Explicit consent before the interview starts: recording, and AI-assisted
 * scoring, each a deliberate yes or no (nothing pre-selected), under a plain
 * notice of what is recorded, what stays on the device, what is uploaded and
 * how long it is kept. Declining AI scoring still lets the guest take the
 * interview (human review only); declining recording switches to typed answers.
 */
import { useState } from 'react';

export interface ConsentChoice {
  recording: boolean;
  aiScoring: boolean;
}

type Choice = 'yes' | 'no' | null;

export function ConsentNotice() {
  return (
    <section className="consent-notice" aria-labelledby="notice-title">
      <h3 id="notice-title">What is recorded and where it goes</h3>
      <dl>
        <dt>Recorded</dt>
        <dd>
          Your voice while you answer a spoken question (only between Record and Stop), your typed, multiple-choice and code answers, and when each
          answer was given. Nothing is recorded on the other screens, and no video is taken.
        </dd>
        <dt>Processed on this device</dt>
        <dd>
          If you agree to AI-assisted scoring and this device can do it, software running in this browser turns your recordings into text. If a
          speech model has to be downloaded for that, you are asked first. Otherwise the interview team&apos;s own device does it after your answers
          are uploaded.
        </dd>
        <dt>Uploaded</dt>
        <dd>
          Your recordings and answers (and, with AI scoring, their transcripts) are sent to the interview team&apos;s server when you are online.
          With AI scoring, the team&apos;s software gives each answer a first-pass score from its transcript. People on the hiring team review every
          answer; the first-pass score never decides on its own.
        </dd>
        <dt>Kept</dt>
        <dd>
          On this device: until you clear this site&apos;s data in your browser. On the interview team&apos;s server: for the hiring process of this
          position, under the team&apos;s privacy policy; ask your host for the exact period or to have your data deleted.
        </dd>
      </dl>
    </section>
  );
}

function ChoiceGroup({ name, legend, yes, no, value, onChange }: { name: string; legend: string; yes: string; no: string; value: Choice; onChange: (v: Choice) => void }) {
  return (
    <fieldset className="field consent-choice">
      <legend>{legend}</legend>
      <label className="radio">
        <input type="radio" name={name} value="yes" checked={value === 'yes'} onChange={() => onChange('yes')} required />
        {yes}
      </label>
      <label className="radio">
        <input type="radio" name={name} value="no" checked={value === 'no'} onChange={() => onChange('no')} />
        {no}
      </label>
    </fieldset>
  );
}

export function ConsentForm({ hasSpoken, typingAlready, onStart }: { hasSpoken: boolean; typingAlready: boolean; onStart: (c: ConsentChoice) => void }) {
  const [recording, setRecording] = useState<Choice>(null);
  const [ai, setAi] = useState<Choice>(null);
  const complete = recording !== null && ai !== null;
  return (
    <form
      className="consent-form"
      aria-labelledby="consent-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) onStart({ recording: recording === 'yes', aiScoring: ai === 'yes' });
      }}
    >
      <h2 id="consent-title">Your consent</h2>
      <ConsentNotice />
      <ChoiceGroup
        name="consent-recording"
        legend="May we record your spoken answers?"
        yes="Yes, record my voice while I answer"
        no="No, I will type my answers instead"
        value={recording}
        onChange={setRecording}
      />
      {recording === 'no' && hasSpoken && !typingAlready && (
        <p className="notice">Without recording, you type your answers to spoken questions. Nothing else changes.</p>
      )}
      <ChoiceGroup
        name="consent-ai"
        legend="May AI help score your answers?"
        yes="Yes, AI may transcribe my answers and give them a first-pass score"
        no="No, only people review my answers"
        value={ai}
        onChange={setAi}
      />
      {ai === 'no' && <p className="notice">You take the same interview; your answers are marked for human review only.</p>}
      <div className="guest-actions">
        <button type="submit" disabled={!complete} aria-describedby={complete ? undefined : 'start-hint'}>
          Start Interview
        </button>
        {!complete && (
          <span id="start-hint" className="hint">
            Answer both consent questions to start.
          </span>
        )}
      </div>
    </form>
  );
}
