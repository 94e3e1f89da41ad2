/**
 * The protocol's framing (`Content-Length: N\r\n\r\n` then N bytes of JSON), read strictly from any byte stream.
 * The protocol library's own reader accepts headers it cannot follow (a negative, huge or twice-given length, lines
 * ending in a bare LF) and then waits for ever for a body that never comes; this one stops at the header instead.
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from "vscode-languageserver/node";

/** The most a message's body may have: 64 MiB (a Dockerfile is far smaller; a larger length is a broken header). */
export const MAX_CONTENT_LENGTH = 64 * 1024 * 1024;
/** The most a header may have before its blank line. */
export const MAX_HEADER_LENGTH = 8192;

/** A header the reader cannot frame: nothing after it can be read (where the next message starts is unknown). */
export class FramingError extends Error {}

/** What the reader needs of a stream: its chunks, and its end. */
export interface ByteSource {
  on(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

const CRLFCRLF = Buffer.from("\r\n\r\n");

/** A short, printable form of a piece of a header, for an error message. */
const shown = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * The body's length in a header (the text before its blank line), or a FramingError saying why there is none: each
 * line is `Name: value`, Content-Length a whole number of bytes up to MAX_CONTENT_LENGTH, given once (or again with
 * the same value). Other fields (Content-Type) are not used: the protocol has one encoding, UTF-8.
 */
export function contentLength(header: string): number | FramingError {
  let length: string | undefined;
  for (const line of header.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) return new FramingError(`a header line without a colon: ${shown(line)}`);
    if (line.slice(0, colon).trim().toLowerCase() !== "content-length") continue;
    const value = line.slice(colon + 1).trim();
    if (length !== undefined && value !== length)
      return new FramingError(`two Content-Length headers that differ: ${shown(length)} and ${shown(value)}`);
    length = value;
  }
  if (length === undefined) return new FramingError("the header has no Content-Length");
  if (!/^\d+$/.test(length))
    return new FramingError(`Content-Length must be a whole number of bytes, not ${shown(length)}`);
  const n = Number(length);
  if (n > MAX_CONTENT_LENGTH)
    return new FramingError(
      `Content-Length ${length} is over the most a message may have (${MAX_CONTENT_LENGTH} bytes)`,
    );
  return n;
}

/**
 * Messages framed by Content-Length headers, from `source`. A body that is not JSON is reported with `onError` (a
 * SyntaxError) and reading goes on; a header it cannot frame is reported (a FramingError) and reading stops. The
 * end of the stream is reported with `onClose`, whatever is pending: `pending` then says how many bytes of an
 * unfinished message were left unread.
 */
export class FramedMessageReader extends AbstractMessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** The length of the body being read, or -1 while reading a header. */
  private length = -1;
  private stopped = false;
  private closed = false;
  private callback: DataCallback | undefined;

  constructor(private readonly source: ByteSource) {
    super();
  }

  /** The bytes of a message begun and not finished. */
  get pending(): number {
    return this.buffer.length;
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    this.source.on("data", (chunk) => this.read(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
    this.source.on("error", (error) => this.fireError(error));
    const close = () => {
      if (this.closed) return;
      this.closed = true;
      this.fireClose();
    };
    this.source.on("end", close);
    this.source.on("close", close);
    return { dispose: () => (this.callback = undefined) };
  }

  private read(chunk: Buffer): void {
    if (this.stopped) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.length < 0) {
        const length = this.header();
        if (length === undefined) return;
        if (length instanceof FramingError) {
          this.stop(length);
          return;
        }
        this.length = length;
      }
      if (this.buffer.length < this.length) return;
      const body = this.buffer.subarray(0, this.length).toString("utf8");
      this.buffer = this.buffer.subarray(this.length);
      this.length = -1;
      let message: Message;
      try {
        message = JSON.parse(body) as Message;
      } catch (error) {
        this.fireError(error);
        continue;
      }
      try {
        this.callback?.(message);
      } catch (error) {
        this.fireError(error);
      }
      if (this.stopped) return;
    }
  }

  /**
   * The length of the body after the header at the start of the buffer (the header is taken off), a FramingError, or
   * undefined while the header is not all there.
   */
  private header(): number | FramingError | undefined {
    const end = this.buffer.indexOf(CRLFCRLF);
    const header = end < 0 ? this.buffer : this.buffer.subarray(0, end);
    // A line feed without a carriage return before it: the header's lines do not end with CRLF.
    for (let i = header.indexOf(10); i >= 0; i = header.indexOf(10, i + 1))
      if (i === 0 || header[i - 1] !== 13)
        return new FramingError("a header line ends with a line feed alone (it must end with CRLF)");
    if (end < 0)
      return this.buffer.length > MAX_HEADER_LENGTH
        ? new FramingError(`no end of header in the first ${MAX_HEADER_LENGTH} bytes`)
        : undefined;
    const length = contentLength(header.toString("ascii"));
    if (!(length instanceof FramingError)) this.buffer = this.buffer.subarray(end + CRLFCRLF.length);
    return length;
  }

  private stop(error: FramingError): void {
    this.stopped = true;
    this.buffer = Buffer.alloc(0);
    this.fireError(error);
  }
}
