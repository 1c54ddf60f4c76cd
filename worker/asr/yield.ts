/**
 * Lets queued messages (cancel, dispose) in while a transcription runs. ONNX Runtime Web resolves session runs on the
 * microtask queue, so a decoding loop that only awaits them never gives the worker's message events a turn; this
 * schedules a real task (a MessageChannel round trip: no 4 ms timer clamp) between tokens.
 */
export function createEventLoopYield(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined') return () => new Promise((resolve) => setTimeout(resolve, 0));
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  // In Node an open port keeps a thread alive; this one must not.
  (channel.port1 as unknown as { unref?: () => void }).unref?.();
  (channel.port2 as unknown as { unref?: () => void }).unref?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}
