/**
 * Reads a raw request body with a hard byte cap. Over the cap (declared or
 * actual) it stops reading at once, answers 413 and closes the connection
 * after the answer, so the rest of the body is never received or buffered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http/json';
import { sendContinue } from '../http/expect-continue';

/** Makes the response the last thing on this connection: whatever the client still sends is dropped with the socket. */
export function closeAfterResponse(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
  res.once('finish', () => req.socket.end());
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `A part may be at most ${limit} bytes; send the audio in smaller parts.`);
}

export function readCappedBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && !(Number(declared) <= limit)) {
    closeAfterResponse(req, res);
    return Promise.reject(tooLarge(limit));
  }
  sendContinue(req);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onCutOff);
      req.off('aborted', onCutOff);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        closeAfterResponse(req, res);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onCutOff = () => {
      cleanup();
      reject(new HttpError(400, 'The part was cut off before it arrived whole; send it again.'));
    };
    // A client gone mid-body may only close; never leave the request hanging.
    const onClose = () => {
      if (!req.complete) onCutOff();
    };
    req.on('data', onData);
    req.once('close', onClose);
    req.once('end', onEnd);
    req.once('error', onCutOff);
    req.once('aborted', onCutOff);
  });
}
