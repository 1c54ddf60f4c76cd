/** Browser audio for the guest's interview, without React: microphone, devices, level meter, chunked recording. */
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
