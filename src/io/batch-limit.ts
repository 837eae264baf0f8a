/**
 * Where input records are cut into analysis batches (`analyze`, `tag`): at a record count or at a
 * character total, whichever comes first, since a batch's memory follows its text, not its rows.
 */

/** Collects records into batches that close at a record count or a character total, whichever is reached first. */
export class BatchLimit {
  private records = 0;
  private characters = 0;
  constructor(
    private readonly maxRecords: number,
    private readonly maxCharacters: number,
  ) {}

  /** Counts one record of `length` characters (0 for a row that failed to parse); true when the batch is now full. */
  add(length: number): boolean {
    this.records += 1;
    this.characters += length;
    if (this.records < this.maxRecords && this.characters < this.maxCharacters) return false;
    this.records = 0;
    this.characters = 0;
    return true;
  }
}
