/**
 * Pulls the items of `{"questions": [ ... ]}` out of the model's answer while it
 * is still streaming, so each question can be validated and shown as soon as
 * its closing brace arrives, and the ones that did arrive survive a timeout or a
 * cut-off answer. A bare top-level array is accepted too; text before the first
 * brace (a Markdown fence, a sentence) is skipped.
 */

export type ScannedItem =
  | { position: number; ok: true; value: unknown }
  | { position: number; ok: false; reason: string };

type Container = '{' | '[';

export class QuestionListScanner {
  private text = '';
  private i = 0;
  private readonly stack: Container[] = [];
  private inString = false;
  private escaped = false;
  private stringStart = -1;
  /** Last string completed directly inside the root object: the key when a value opens. */
  private lastRootString: string | null = null;
  /** Stack height at which the list's own elements sit (list open), or -1. */
  private listLevel = -1;
  private elementStart = -1;
  private position = 0;
  private started = false;
  private _listFound = false;
  private _listClosed = false;
  private _rootClosed = false;

  /** Stops a runaway answer from growing without bound. */
  constructor(private readonly maxChars = 2 * 1024 * 1024) {}

  get listFound(): boolean {
    return this._listFound;
  }
  /** True once the list's closing bracket arrived: every item the model wrote has been seen. */
  get listClosed(): boolean {
    return this._listClosed;
  }
  get rootClosed(): boolean {
    return this._rootClosed;
  }
  get received(): string {
    return this.text;
  }

  push(chunk: string): ScannedItem[] {
    if (this.text.length + chunk.length > this.maxChars) {
      throw new RangeError(`The model's answer is over ${this.maxChars} characters.`);
    }
    this.text += chunk;
    const out: ScannedItem[] = [];
    for (; this.i < this.text.length; this.i++) {
      if (this._rootClosed) break;
      this.step(this.text.charAt(this.i), out);
    }
    return out;
  }

  private step(c: string, out: ScannedItem[]): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === '\\') this.escaped = true;
      else if (c === '"') this.endString();
      return;
    }
    if (!this.started) {
      if (c !== '{' && c !== '[') return;
      this.started = true;
    }
    const atListLevel = this.listLevel !== -1 && this.stack.length === this.listLevel;
    if (atListLevel && this.elementStart === -1 && !/[\s,\]]/.test(c)) this.elementStart = this.i;

    switch (c) {
      case '"':
        this.inString = true;
        this.stringStart = this.i;
        return;
      case '{':
      case '[':
        this.open(c);
        return;
      case '}':
      case ']':
        this.close(c, out);
        return;
      case ',':
        if (atListLevel) this.emitElement(this.i, out);
        return;
      default:
        return;
    }
  }

  private endString(): void {
    this.inString = false;
    if (this.stack.length === 1 && this.stack[0] === '{') {
      try {
        this.lastRootString = JSON.parse(this.text.slice(this.stringStart, this.i + 1)) as string;
      } catch {
        this.lastRootString = null;
      }
    }
  }

  private open(c: Container): void {
    const rootArray = this.stack.length === 0 && c === '[';
    const questionsValue =
      this.stack.length === 1 && this.stack[0] === '{' && c === '[' && this.lastRootString === 'questions';
    this.stack.push(c);
    if (this.listLevel === -1 && !this._listFound && (rootArray || questionsValue)) {
      this.listLevel = this.stack.length;
      this._listFound = true;
      this.elementStart = -1;
    }
  }

  private close(c: '}' | ']', out: ScannedItem[]): void {
    const closingList = this.listLevel !== -1 && this.stack.length === this.listLevel && c === ']';
    if (closingList) {
      this.emitElement(this.i, out);
      this.listLevel = -1;
      this._listClosed = true;
    }
    this.stack.pop();
    // A container element just closed back at list level: hand it over now, not at the next comma.
    if (this.listLevel !== -1 && this.stack.length === this.listLevel && this.elementStart !== -1) {
      this.emitElement(this.i + 1, out);
    }
    if (this.stack.length === 0) this._rootClosed = true;
  }

  private emitElement(end: number, out: ScannedItem[]): void {
    if (this.elementStart === -1) return;
    const source = this.text.slice(this.elementStart, end).trim();
    this.elementStart = -1;
    const position = this.position++;
    try {
      out.push({ position, ok: true, value: JSON.parse(source) });
    } catch {
      out.push({ position, ok: false, reason: `not valid JSON: ${source.slice(0, 60)}` });
    }
  }
}
