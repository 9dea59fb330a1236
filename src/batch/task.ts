/** What the main thread sends a worker, and what comes back. Plain data: it crosses threads. */
import type { Format } from '../input.js';
import type { JsonMessage } from '../json.js';
import type { ExportKind } from './split.js';

export type OutputFormat = 'markdown' | 'html' | 'json';

/** One article in a file of its own. */
export interface FileTask {
  kind: 'file';
  path: string;
  /** Name in reports (relative to the working folder). */
  name: string;
  format: Format;
  /** `text`: only in place, a `.txt` article written back as plain text. */
  to: OutputFormat | 'text';
  /** Writing back over the input: an article with no change is not rewritten. */
  inPlace?: boolean | undefined;
  /** The article itself (stdin); else it is read from `path`. */
  bytes?: Uint8Array | undefined;
  /** Write here (atomically); without it the output comes back in the result. */
  outPath?: string | undefined;
  /**
   * In place: keep the original here first (atomically), before it is replaced. An existing
   * backup is never overwritten: one that holds the same bytes serves, else the next free
   * `<backupPath>.2`, `.3`, … is used.
   */
  backupPath?: string | undefined;
}

/** One record of a CMS export. */
export interface RecordTask {
  kind: ExportKind;
  bytes: Uint8Array;
  /** The export's name in reports, and the record's line in it. */
  name: string;
  line: number;
  /** `writeback`: the record rewritten in the export's format; `render`: the cleaned body as `to`. */
  mode: 'writeback' | 'render';
  /** Render: the output format. Writeback: the body's format (default: as it came). */
  to?: OutputFormat | undefined;
  /** JSON Lines: where the body and the id are. */
  field?: string[] | undefined;
  idField?: string[] | undefined;
  /** JSON Lines: the body's format; sniffed when undefined. */
  format?: Format | undefined;
}

export type Task = FileTask | RecordTask;

export interface TaskResult {
  /** The record's id (export) when known. */
  id?: string | undefined;
  /** A file name for the record (slug, else id), for one file per post. */
  slug?: string | undefined;
  messages: JsonMessage[];
  /** Changes made (info messages). */
  changes: number;
  /** Writeback: the record to write (original bytes when unchanged). Render / stdout: the output. */
  output?: string | undefined;
  /** Nothing to clean (a WordPress attachment, a post without a body): passed through. */
  skipped?: boolean | undefined;
  /** The article could not be read or cleaned; the run goes on. */
  error?: string | undefined;
  /** Its output could not be written (disk full, read-only…): the run stops; one line. */
  fault?: string | undefined;
  /** A file article's output (and backup) was written. */
  written?: boolean | undefined;
}
