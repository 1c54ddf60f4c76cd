/**
 * Browser audio for the guest's interview, without React: microphone, devices,
 * level meter, chunked recording. How a UI wires it up:
 *
 * Technical check
 *   const mic = await requestMicrophonePermission({ deviceId });   // never throws
 *   if (!mic.ok) toast('Voice Error'), panel(mic.error.title, mic.error.message, mic.error.fix); Try again = call again
 *   watchMicrophonePermission(state => state === 'granted' && retry())  // fixes applied in browser UI retry by themselves
 *   listInputDevices() / subscribeDeviceChanges(list => …) / chooseInputDevice(list, chosenId)
 *   const meter = createLevelMeter(mic.stream); await meter.start(); meter.subscribe(drawOnCanvas)
 *
 * Recording a take (stage machine in src/domain/stage)
 *   const rec = createChunkRecorder({ stream, interviewId, questionId });
 *   await rec.start(); dispatch({ type: 'START_RECORDING', recordingId: rec.recordingId, … })
 *   const view = timerView(state, Date.now()); watchTimeLimit(view, { onWarning, onLimit: () => stop('time-limit') })
 *   stop(by): const outcome = await rec.stop(); dispatch(stageEventForOutcome(outcome, { stoppedBy: by, … }))
 *   rec.done also settles by itself on a full disk or a lost microphone: dispatch stageEventForOutcome(outcome, …) (a FAIL)
 *   host pause/resume: rec.pause() / rec.resume()
 *
 * After a reload
 *   parse the saved state (parseStageState), then resumeAfterReload(state, Date.now(), await storedRecordingSummaries(id)),
 *   applyStorageResumeActions(actions) and re-queue what it hands back for transcription.
 */
export {
  VOICE_AUDIO_CONSTRAINTS,
  voiceConstraints,
  detectMediaEnv,
  requestMicrophonePermission,
  queryMicrophonePermission,
  watchMicrophonePermission,
  watchTrackEnded,
  stopStream,
  type MicrophoneRequest,
  type MicrophoneResult,
  type MicrophonePermissionState,
} from './microphone';
export { toInputDevices, listInputDevices, subscribeDeviceChanges, chooseInputDevice, isDeviceGone, type InputDevice } from './devices';
export {
  createLevelMeter,
  measureLevels,
  smoothLevel,
  toDecibels,
  bytesToSamples,
  SILENCE,
  type LevelMeter,
  type LevelMeterOptions,
  type LevelReading,
} from './level-meter';
export {
  createChunkRecorder,
  pickRecordingMimeType,
  stageEventForOutcome,
  RecorderError,
  PREFERRED_MIME_TYPES,
  FALLBACK_MIME_TYPES,
  VOICE_BITS_PER_SECOND,
  MAX_TIMESLICE_MS,
  type ChunkRecorder,
  type ChunkRecorderOptions,
  type ChunkRecorderState,
  type ChunkProgress,
  type RecordingOutcome,
  type MediaRecorderConstructor,
} from './recorder';
export { watchTimeLimit, type TimeLimitHandlers } from './time-limit';
export { classifyMediaError, detectBrowser, type MediaEnv, type MediaErrorInfo, type MediaErrorKind } from '../domain/media-errors';
