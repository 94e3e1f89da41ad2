/**
 * Text assembled from pieces of the source (an instruction with its line continuations joined and its
 * comment lines dropped, a heredoc body, a shell script), with a map from every character back to its
 * offset in the source. A finding on the 17th line of a RUN is positioned through this map.
 */
import { lastAtMost } from "./search.js";
export class MappedText {
  /** Logical start offset of each contiguous piece. Strictly increasing, first is 0. */
  private readonly logicalStarts: number[];
  /** Source offset of the first character of each piece. */
  private readonly sourceStarts: number[];

  constructor(
    readonly text: string,
    logicalStarts: number[],
    sourceStarts: number[],
    /** Source offset just after the last character (used for the end of the text). */
    readonly sourceEnd: number,
  ) {
    this.logicalStarts = logicalStarts;
    this.sourceStarts = sourceStarts;
  }

  /** Text that is one contiguous slice of the source. */
  static contiguous(text: string, sourceStart: number): MappedText {
    return new MappedText(text, [0], [sourceStart], sourceStart + text.length);
  }

  get length(): number {
    return this.text.length;
  }

  private piece(offset: number): number {
    return lastAtMost(this.logicalStarts, offset);
  }

  /** Source offset of the character at `offset` (or, at the end of the text, just after the last one). */
  toSource(offset: number): number {
    if (offset >= this.text.length) return this.sourceEnd;
    if (offset < 0) offset = 0;
    const p = this.piece(offset);
    return this.sourceStarts[p] + (offset - this.logicalStarts[p]);
  }

  /** Source offset for an exclusive end: just after the character before `offset`. */
  toSourceEnd(offset: number): number {
    if (offset <= 0) return this.toSource(0);
    if (offset >= this.text.length) return this.sourceEnd;
    return this.toSource(offset - 1) + 1;
  }

  /** A sub-range of this text, keeping the map. */
  slice(start: number, end: number = this.text.length): MappedText {
    start = Math.max(0, Math.min(start, this.text.length));
    end = Math.max(start, Math.min(end, this.text.length));
    if (start === end) return new MappedText("", [0], [this.toSource(start)], this.toSource(start));
    const logical: number[] = [0];
    const source: number[] = [this.toSource(start)];
    for (let p = this.piece(start) + 1; p < this.logicalStarts.length && this.logicalStarts[p] < end; p++) {
      logical.push(this.logicalStarts[p] - start);
      source.push(this.sourceStarts[p]);
    }
    return new MappedText(this.text.slice(start, end), logical, source, this.toSourceEnd(end));
  }

  /** Calls `visit` for each contiguous piece: its text and the source offset of its first character. */
  forEachPiece(visit: (text: string, sourceStart: number) => void): void {
    for (let p = 0; p < this.logicalStarts.length; p++) {
      const end = p + 1 < this.logicalStarts.length ? this.logicalStarts[p + 1] : this.text.length;
      visit(this.text.slice(this.logicalStarts[p], end), this.sourceStarts[p]);
    }
  }

  /** Number of contiguous source pieces (1 when the text is a plain slice of the source). */
  get pieceCount(): number {
    return this.logicalStarts.length;
  }
}

/** Builds a MappedText piece by piece. */
export class MappedTextBuilder {
  private text = "";
  private readonly logical: number[] = [];
  private readonly source: number[] = [];
  /** Source end of the last real piece, or -1 when the next piece must start a new segment. */
  private lastSourceEnd = -1;
  private end = -1;

  /** Appends `piece`, which starts at `sourceStart` in the source. */
  append(piece: string, sourceStart: number): this {
    if (piece.length === 0) {
      if (this.end < 0) this.end = sourceStart;
      return this;
    }
    if (sourceStart !== this.lastSourceEnd || this.logical.length === 0) {
      this.logical.push(this.text.length);
      this.source.push(sourceStart);
    }
    this.text += piece;
    this.lastSourceEnd = sourceStart + piece.length;
    this.end = this.lastSourceEnd;
    return this;
  }

  /** Appends another mapped text, keeping its map. */
  appendMapped(text: MappedText): this {
    text.forEachPiece((piece, sourceStart) => this.append(piece, sourceStart));
    return this;
  }

  /** Appends text that has no place in the source (it maps to `anchor`). */
  appendSynthetic(piece: string, anchor: number): this {
    for (let i = 0; i < piece.length; i++) {
      this.logical.push(this.text.length);
      this.source.push(anchor);
      this.text += piece[i];
    }
    this.lastSourceEnd = -1;
    this.end = anchor;
    return this;
  }

  build(sourceEnd?: number): MappedText {
    if (this.logical.length === 0) {
      const at = sourceEnd ?? Math.max(0, this.end);
      return new MappedText("", [0], [at], at);
    }
    return new MappedText(this.text, this.logical, this.source, sourceEnd ?? this.end);
  }
}
