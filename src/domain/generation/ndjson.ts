/**
 * Splits a text stream into lines as chunks arrive. Network chunks cut lines
 * anywhere (even inside a multi-byte character, which the caller's streaming
 * TextDecoder handles), so a partial line is held until its newline comes.
 */
export class LineSplitter {
  private rest = '';

  /** A `done` event with a long plan is tens of KiB; a line this long means the stream is not ours. */
  constructor(private readonly maxLineChars = 8 * 1024 * 1024) {}

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    if (this.rest.length > this.maxLineChars) {
      throw new RangeError(`A line of the stream is over ${this.maxLineChars} characters.`);
    }
    return parts.map(stripCr).filter((l) => l.trim() !== '');
  }

  /** Whatever is left when the stream ends (a last line without its newline). */
  end(): string[] {
    const last = stripCr(this.rest);
    this.rest = '';
    return last.trim() === '' ? [] : [last];
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
