/**
 * Staff view of the AI results, per question: the transcript (and where it was made), the first-pass score with
 * its reasons (concepts found with the words that matched, concepts missed, tone, delivery figures), and for
 * multiple-choice answers right or wrong with the key's explanation, for code the tests it passed and failed. Answers queued for a staff device say where
 * they stand (waiting for the upload, waiting for a staff device, transcribing) until their transcript arrives.
 */
import './ai.css';
import type * as Y from 'yjs';
import type { PublicQuestion } from '../../../domain/plan-split';
import type { StageState } from '../../../domain/stage';
import type { QueuedAnswerRow } from './queued-answers';
import { codingScoreKey, mcqScoreKey, PROCESSED_ON_LABEL, readAllTranscripts, readScore, type McqScoreRecord, type SpokenScoreRecord, type TranscriptRecord } from '../../../sync/answer-results';
import { CodingScoreView } from '../coding/CodingScoreView';
import { AnswerAudioPlayer } from './AnswerAudioPlayer';
import type { UploadRecord } from '../../../sync/answer-results';

export interface AnswerResultsProps {
  questions: readonly PublicQuestion[];
  state: StageState | null;
  stageDoc: Y.Doc | null;
  /** Null for roles that may not read the assessment document. */
  assessmentDoc: Y.Doc | null;
  /** Whether this device scores (host, interviewer); others only read. */
  scoresHere: boolean;
  failures: ReadonlyArray<{ key: string; reason: string }>;
  /** Answers queued for a staff device and where each stands (queuedAnswerRows). */
  queued?: readonly QueuedAnswerRow[];
  /** Host and interviewer listen to uploaded answers with their own token; null for other roles. */
  listen?: { interviewId: string; token: string; uploads: ReadonlyMap<string, UploadRecord> } | null;
}

function SpokenScoreView({ score }: { score: SpokenScoreRecord }) {
  const { accuracy, tone, delivery } = score;
  return (
    <div className="ai-score" data-testid="ai-score" data-score={accuracy.score}>
      <p>
        <strong>Technical accuracy: {accuracy.score.toFixed(1)} / 5</strong> ({accuracy.band}){accuracy.reviewSuggested && <> · a person should review this answer</>}
      </p>
      <p data-testid="ai-score-explanation">{accuracy.explanation}</p>
      <div className="ai-concepts">
        <div>
          <h4>Concepts found ({accuracy.conceptsFound.length})</h4>
          {accuracy.conceptsFound.length === 0 ? (
            <p className="muted">None of the rubric's concepts were heard.</p>
          ) : (
            <ul data-testid="concepts-found">
              {accuracy.conceptsFound.map((c) => (
                <li key={c.concept}>
                  {c.concept}: <span className="muted">said “{c.words.map((w) => w.said).join('”, “')}”</span>
                  {c.negated && <em> (said in the negative; check)</em>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>Concepts missed ({accuracy.conceptsMissed.length})</h4>
          {accuracy.conceptsMissed.length === 0 ? (
            <p className="muted">Every concept of the rubric was heard.</p>
          ) : (
            <ul data-testid="concepts-missed">
              {accuracy.conceptsMissed.map((c) => (
                <li key={c.concept}>
                  {c.concept}
                  {c.missingWords.length > 0 && c.missingWords.join(' ') !== c.concept && <span className="muted"> (not heard: {c.missingWords.join(', ')})</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {accuracy.reasons.length > 0 && (
        <details>
          <summary>Why this score</summary>
          <ul>
            {accuracy.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
      )}
      <p data-testid="ai-tone">
        <strong>Tone:</strong> {tone.assessed ? `${tone.assertiveness}, ${tone.polarity}` : 'not assessed'}. {tone.explanation}
        {tone.hedges.length > 0 && <span className="muted"> Hedges: “{tone.hedges.join('”, “')}”.</span>}
      </p>
      <p data-testid="ai-delivery">
        <strong>Delivery:</strong> {delivery.wordCount} {delivery.wordCount === 1 ? 'word' : 'words'}
        {delivery.wordsPerMinute !== null && <>, {Math.round(delivery.wordsPerMinute)} words a minute ({delivery.pace})</>}, {delivery.fillerCount} filler
        {delivery.fillerCount === 1 ? '' : 's'} ({delivery.fillerRate.toFixed(1)} per 100 words){delivery.timed && <>, {delivery.longPauses} long pauses</>}. {delivery.explanation}
      </p>
      <p className="muted ai-where" data-testid="ai-score-where">
        Transcribed: {PROCESSED_ON_LABEL[score.transcribedOn].replace(/^Processed /, '')} · scored on a staff device ({score.scoredBy}).
      </p>
    </div>
  );
}

function McqScoreView({ score }: { score: McqScoreRecord }) {
  return (
    <div className="ai-score" data-testid="ai-mcq-score" data-correct={score.correct}>
      <p>
        <strong>{score.chosenIndex === null ? 'Not answered' : score.correct ? 'Correct' : 'Wrong'}</strong>
        {score.chosenOption !== null && <> · chose “{score.chosenOption}”</>}
        {!score.correct && <> · correct: “{score.correctOption}”</>}
      </p>
      <p>{score.explanation}</p>
      <p className="muted ai-where">Checked against the answer key on a staff device ({score.scoredBy}).</p>
    </div>
  );
}

function TranscriptView({ transcript }: { transcript: TranscriptRecord }) {
  return (
    <div className="ai-transcript">
      <p className="muted ai-where" data-testid="ai-transcript-where" data-processed-on={transcript.processedOn}>
        {PROCESSED_ON_LABEL[transcript.processedOn]} · {transcript.model} ({transcript.backend}) · {transcript.durationSec.toFixed(1)} s
      </p>
      <blockquote data-testid="ai-transcript-text">{transcript.text || <em>(no words recognised)</em>}</blockquote>
    </div>
  );
}

export function AnswerResults({ questions, state, stageDoc, assessmentDoc, scoresHere, failures, queued = [], listen = null }: AnswerResultsProps) {
  // An interviewer's device keeps transcripts it made from queued answers in the assessment document.
  const transcripts = stageDoc ? readAllTranscripts(stageDoc, assessmentDoc) : [];
  const queuedRow = new Map(queued.map((r) => [r.recordingId, r]));
  const failureFor = new Map(failures.map((f) => [f.key, f.reason]));
  const rows = questions.map((q, index) => {
    const answer = state?.answers.find((a) => a.questionId === q.id) ?? null;
    const recordingId = answer?.recordingId ?? null;
    const transcript = recordingId ? (transcripts.find((t) => t.recordingId === recordingId) ?? null) : null;
    return { q, index, answer, recordingId, transcript };
  });
  const answered = rows.filter((r) => r.answer && (r.recordingId || r.answer.mcqChoice !== null || r.answer.code !== null));

  return (
    // Not a landmark of its own: it is the body of the live session's "AI results" section.
    <div className="answer-results" data-testid="answer-results">
      {answered.length === 0 ? (
        <p className="empty">No answers yet. Transcripts and first-pass scores appear here as the candidate answers.</p>
      ) : (
        <ol className="answer-result-list">
          {answered.map(({ q, index, answer, recordingId, transcript }) => {
            const key = q.kind === 'mcq' ? mcqScoreKey(q.id) : q.kind === 'coding' ? codingScoreKey(q.id) : recordingId;
            const score = assessmentDoc && key ? readScore(assessmentDoc, key) : null;
            const row = !transcript && recordingId ? queuedRow.get(recordingId) : undefined;
            const queuedHere = !transcript && answer?.processing?.detail?.startsWith('queued for a staff device');
            const failedHere = !transcript && answer?.processing?.outcome === 'failed';
            return (
              <li key={q.id} data-testid="answer-result" data-question-id={q.id}>
                <h3>
                  Q{index + 1}. {q.kind === 'coding' ? q.title : q.prompt}
                </h3>
                {listen && recordingId && listen.uploads.has(recordingId) ? (
                  <AnswerAudioPlayer
                    key={recordingId}
                    interviewId={listen.interviewId}
                    recordingId={recordingId}
                    token={listen.token}
                    expectedSha256={listen.uploads.get(recordingId)!.sha256}
                    label={`Q${index + 1}`}
                  />
                ) : null}
                {q.kind === 'coding' ? (
                  score?.kind === 'coding' ? (
                    <CodingScoreView score={score} functionName={q.functionName} />
                  ) : failureFor.has(codingScoreKey(q.id)) ? (
                    <p className="error">Could not run the code: {failureFor.get(codingScoreKey(q.id))}</p>
                  ) : (
                    <p className="muted">{scoresHere ? 'Running the code against the answer key’s tests…' : 'Run on the interviewer’s or host’s device.'}</p>
                  )
                ) : q.kind === 'mcq' ? (
                  score?.kind === 'mcq' ? (
                    <McqScoreView score={score} />
                  ) : (
                    <p className="muted">{scoresHere ? 'Checking against the answer key…' : 'Scored on the interviewer’s or host’s device.'}</p>
                  )
                ) : transcript ? (
                  <>
                    <TranscriptView transcript={transcript} />
                    {score?.kind === 'spoken' ? (
                      <SpokenScoreView score={score} />
                    ) : failureFor.has(transcript.recordingId) ? (
                      <p className="error">Could not score: {failureFor.get(transcript.recordingId)}</p>
                    ) : assessmentDoc ? (
                      <p className="muted">{scoresHere ? 'Scoring on this device…' : 'Waiting for the interviewer’s or host’s device to score it.'}</p>
                    ) : null}
                  </>
                ) : row && row.state !== 'waiting-upload' ? (
                  <p className={row.state === 'failed' ? 'error' : 'notice'} data-testid="ai-staff-queue-state" data-state={row.state}>
                    Queued for a staff device: {row.detail}.
                  </p>
                ) : queuedHere || row ? (
                  <p className="notice" data-testid="ai-waiting-upload">
                    Queued for a staff device: waiting for the recording to upload ({answer?.processing?.detail?.replace(/^queued for a staff device: /, '')}).
                  </p>
                ) : failedHere ? (
                  <p className="error">The candidate’s device {answer?.processing?.detail}. The recording is kept on their device.</p>
                ) : (
                  <p className="muted">Recorded; transcription is under way on the candidate’s device.</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
