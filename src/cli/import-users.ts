import { realpathSync, type Stats } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { ValidationError } from "../domain/errors.ts";
import { CommandError, HelpRequested, parseCommandArguments } from "./command-arguments.ts";
import { terminalSafe } from "./terminal-text.ts";

// `npm run import -- users.jsonl`: streams a JSON-lines file of CreateUserInput objects of any size
// through the API's importUsers, in batches that fit its limits (1000 rows, MAX_BODY_BYTES), with
// a progress bar on stderr and the line number and reason of every failed row written to a failures
// file. Rows hold password digests, TOTP secrets and backup codes: no value of a row is ever printed
// or written anywhere.

/** `command`: how this importer is started, e.g. "npm run admin -- import". */
export const importUsage = (command: string) => `Usage: ${command} <users.jsonl> [options]

Each line of the file is one CreateUserInput object (the fields of createUser), e.g.
  {"emailAddress":["ada@example.com"],"passwordDigest":"$2b$10$...","passwordHasher":"BCRYPT"}

Options:
  --url <url>          the API's address, or its /graphql endpoint (default: $IDENTITY_API_URL or http://localhost:4000)
  --key <key>          admin API key (default: $ADMIN_API_KEY)
  --batch-size <n>     rows per request, at most 1000 (default: 500)
  --max-bytes <n>      request body limit in bytes (default: $MAX_BODY_BYTES or 4194304)
  --failures <file>    where the line numbers and reasons of failed rows go
                       (default: <input>.failures.jsonl)
  -h, --help           show this help

A row that does not fit CreateUserInput (an unknown field, a value of the wrong type) makes GraphQL
refuse its whole batch; the batch is then sent again in halves, so that only such rows fail.
`;

const importMutation = `mutation ImportUsers($users: [CreateUserInput!]!) {
  importUsers(users: $users) {
    __typename
    ... on Error { message }
    ... on ValidationError { fieldErrors { path message } }
    ... on ConflictError { fields }
    ... on PasswordPolicyError { reasons }
  }
}`;

/** What one batch sends: `users` are CreateUserInput rows. */
export function importRequestBody(users: unknown[]): string {
  return JSON.stringify({ query: importMutation, variables: { users } });
}

/** The server's code for a request refused as bad input, such as a variable of the wrong type (src/schema/graphql-errors.ts). */
const badUserInputCode = "BAD_USER_INPUT";

type JsonObject = { [field: string]: unknown };

interface Row {
  line: number;
  input: JsonObject;
}

/** Why a row was not imported: the server's result for it, or the importer's own finding. */
interface RowResult {
  __typename: string;
  message?: string;
  [detail: string]: unknown;
}

/** A problem in one field of a row, as in ValidationError, with the path inside the row. */
interface FieldError {
  path: string[];
  message: string;
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

/** The server's answer to a batch: one result per row, or the messages of its refusal as bad input. */
type BatchAnswer = { results: RowResult[] } | { refusals: string[] };

export interface ImportSummary {
  rows: number;
  imported: number;
  failed: number;
  failuresFile: string;
}

export interface ImportOptions {
  /** The JSON-lines file, open for reading. */
  input: FileHandle;
  url: string;
  key: string;
  batchSize: number;
  maxBytes: number;
  /** Where failed rows go, open for writing; `failuresFile` is its name, for messages. */
  failures: FileHandle;
  failuresFile: string;
  /** Called after each batch with the bytes of the file's lines read so far. */
  onProgress?: (summary: ImportSummary, bytesRead: number) => void;
}

export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, imported: 0, failed: 0, failuresFile: options.failuresFile };
  const failures = options.failures.createWriteStream();
  // A write fails after `write` has returned (a full disk) and ends the stream, which keeps the
  // error (`errored`) for the import to report: the 'error' event must not end the process first.
  failures.on("error", () => {});
  // The line number and the reason only: the row may hold secrets, and its line finds it in the file.
  const recordFailure = (line: number, error: RowResult) => {
    summary.failed++;
    failures.write(`${JSON.stringify({ line, error })}\n`);
  };
  const input = options.input.createReadStream();
  // The stream reads ahead (64 KiB at a time, a small file at once): progress is what was read as lines.
  const linesRead = { bytes: 0 };
  // The JSON envelope around the rows; each row adds its own length, and a comma after the first.
  const envelopeBytes = Buffer.byteLength(importRequestBody([]));
  let batch: Row[] = [];
  let batchBytes = envelopeBytes;

  // graphql-js refuses a whole request, before anything is imported, when one of its rows does not
  // fit CreateUserInput (an unknown field, a value of the wrong type): its halves are sent again
  // until each refused row is alone, so that only those rows fail.
  const importRows = async (rows: Row[]): Promise<void> => {
    const answer = await postBatch(options, rows);
    if ("results" in answer) {
      answer.results.forEach((result, index) => {
        if (result.__typename === "CreateUserSuccess") summary.imported++;
        else recordFailure(rows[index]!.line, withPathsInsideRow(result, index));
      });
    } else if (rows.length === 1) {
      recordFailure(rows[0]!.line, rowNotFitting(answer.refusals.map(describeRefusal)));
    } else {
      const half = Math.ceil(rows.length / 2);
      await importRows(rows.slice(0, half));
      await importRows(rows.slice(half));
    }
  };

  const send = async () => {
    if (batch.length === 0) return;
    // The failures file cannot be written: stop, rather than import rows whose failures would be lost.
    if (failures.errored) throw failuresUnwritable(options.failuresFile, failures.errored, batch[0]!.line);
    await importRows(batch);
    batch = [];
    batchBytes = envelopeBytes;
    options.onProgress?.(summary, linesRead.bytes);
  };

  try {
    let lineNumber = 0;
    for await (const bytes of linesOf(input, longestLineBytes(options.maxBytes), linesRead)) {
      lineNumber++;
      if (bytes === lineTooLong) {
        summary.rows++;
        recordFailure(lineNumber, { __typename: "TooLarge", message: "The row alone exceeds the request size limit." });
        continue;
      }
      const text = utf8Text(bytes);
      if (text === undefined) {
        summary.rows++;
        recordFailure(lineNumber, { __typename: "InvalidUtf8", message: "The line is not UTF-8 text: save the file as UTF-8." });
        continue;
      }
      if (text.trim() === "") continue;
      summary.rows++;
      let parsed: unknown;
      try {
        // A file saved with a byte-order mark (as some Windows tools write UTF-8) starts with one.
        parsed = JSON.parse(lineNumber === 1 ? text.replace(/^\uFEFF/, "") : text);
      } catch {
        recordFailure(lineNumber, { __typename: "InvalidJson", message: "The line is not valid JSON." });
        continue;
      }
      if (!isJsonObject(parsed)) {
        recordFailure(lineNumber, { __typename: "NotAnObject", message: "The line is not a JSON object (one CreateUserInput)." });
        continue;
      }
      const unsendable = unsendableParts(parsed);
      if (unsendable === "tooDeep") {
        recordFailure(lineNumber, { __typename: "TooDeep", message: `The row nests deeper than ${maximumRowDepth} levels.` });
        continue;
      }
      if (unsendable.length > 0) {
        recordFailure(lineNumber, rowNotFitting(unsendable.map((path) => ({ path, message: "The number is too large to read (it parses as infinity)." }))));
        continue;
      }
      // What is sent is the row re-serialised, which can be longer than the line (`1e20` is sent as
      // `100000000000000000000`).
      const rowBytes = Buffer.byteLength(JSON.stringify(parsed));
      if (envelopeBytes + rowBytes > options.maxBytes) {
        recordFailure(lineNumber, { __typename: "TooLarge", message: "The row alone exceeds the request size limit." });
        continue;
      }
      if (batch.length >= options.batchSize || batchBytes + 1 + rowBytes > options.maxBytes) await send();
      batchBytes += (batch.length > 0 ? 1 : 0) + rowBytes;
      batch.push({ line: lineNumber, input: parsed });
    }
    await send();
  } finally {
    // Also when the server stops the import: the rows recorded so far are the operator's to fix.
    // Ending a stream that failed fails too ("Cannot call end after a stream was destroyed"): the
    // error to report is the write's, in `errored`.
    await new Promise<void>((resolve) => failures.end(() => resolve()));
  }
  if (failures.errored) throw failuresUnwritable(options.failuresFile, failures.errored);
  return summary;
}

/**
 * The longest line read whole: a row is sent re-serialised, shorter than its line only by the
 * spaces it drops, and one line may not hold up the memory of a string past V8's limit.
 */
const longestLineBytes = (maxBytes: number) => Math.min(4 * maxBytes, 256 * 1024 * 1024);

const lineTooLong = Symbol("line too long");

/**
 * The file's lines as bytes, without their line break (`\n`, `\r\n` or a lone `\r`, as readline
 * reads them): each is decoded on its own, so that one line that is not UTF-8 fails alone instead of
 * being read with replacement characters. A line longer than `maximumBytes` is `lineTooLong`, and
 * is not kept. `read.bytes` follows the end of the last line given, its break included.
 */
async function* linesOf(input: AsyncIterable<Buffer>, maximumBytes: number, read: { bytes: number }): AsyncGenerator<Buffer | typeof lineTooLong> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // A `\n` right after a `\r` (in the next chunk, maybe) ends no second line: `\r\n` is one break.
  let afterCarriageReturn = false;
  const take = (part: Buffer) => {
    pendingBytes += part.length;
    if (pendingBytes <= maximumBytes) pending.push(part);
  };
  const line = () => {
    const whole = pendingBytes > maximumBytes ? lineTooLong : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    return whole;
  };
  let chunkStart = 0;
  for await (const chunk of input) {
    let start = afterCarriageReturn && chunk[0] === 0x0a ? 1 : 0;
    afterCarriageReturn = false;
    for (let end = nextLineBreak(chunk, start); end !== -1; end = nextLineBreak(chunk, start)) {
      take(chunk.subarray(start, end));
      read.bytes = chunkStart + end + 1;
      yield line();
      start = end + 1;
      if (chunk[end] === 0x0d) {
        if (start === chunk.length) afterCarriageReturn = true;
        else if (chunk[start] === 0x0a) start++;
      }
    }
    if (start < chunk.length) take(chunk.subarray(start));
    chunkStart += chunk.length;
  }
  read.bytes = chunkStart;
  if (pendingBytes > 0) yield line();
}

function nextLineBreak(chunk: Buffer, from: number): number {
  for (let position = from; position < chunk.length; position++) {
    if (chunk[position] === 0x0a || chunk[position] === 0x0d) return position;
  }
  return -1;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function utf8Text(bytes: Buffer): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

const maximumRowDepth = 64;

/**
 * What of `row` cannot be sent: "tooDeep" when its objects and arrays nest past `maximumRowDepth`
 * (the server refuses metadata nested past 16 levels, and a row nested thousands deep would
 * overflow the call stack of JSON.stringify here and stop the whole import), else the paths of its
 * numbers that parse as infinity (`1e400`, which would be sent as null: the field left out).
 * Walked with a list of its own rather than recursion, in the row's order, no deeper than the limit.
 */
function unsendableParts(row: unknown): "tooDeep" | string[][] {
  const infinitePaths: string[][] = [];
  const pending: Array<{ value: unknown; path: string[] }> = [{ value: row, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "number" && !Number.isFinite(value)) infinitePaths.push(path);
    if (value === null || typeof value !== "object") continue;
    if (path.length >= maximumRowDepth) return "tooDeep";
    for (const [key, inner] of Object.entries(value).reverse()) pending.push({ value: inner, path: [...path, key] });
  }
  return infinitePaths;
}

/**
 * The failures file could not be written (ENOSPC, EIO...): some failed rows are missing from it, so
 * the operator cannot tell from it which rows to fix. A CommandError, as a file that cannot be
 * opened is. `stoppedAtLine`: the first line not imported, when the import stopped before the end.
 */
function failuresUnwritable(failuresFile: string, error: Error, stoppedAtLine?: number): CommandError {
  const where =
    stoppedAtLine === undefined
      ? "every line was imported or failed"
      : `stopped at line ${stoppedAtLine} (the lines before it were imported or failed)`;
  const code = (error as NodeJS.ErrnoException).code;
  return new CommandError(
    `Cannot write the --failures file, ${terminalSafe(failuresFile)}: ${systemReason(error)}${code ? ` (${code})` : ""}; ${where}, and some failures are missing from the file.`,
  );
}

/**
 * The server starts a ValidationError's paths, and its message, with the row's place in the request
 * (["users", "3", ...]), which is neither its line nor its place in the batch once a batch is split.
 * A failure is recorded by its line, so its paths start inside the row, as those of InvalidInput do,
 * and its message is built again from them. The other results name no place (ConflictError's fields
 * are field names, PasswordPolicyError's reasons are sentences).
 */
function withPathsInsideRow(result: RowResult, index: number): RowResult {
  if (result.__typename !== "ValidationError") return result;
  const requestPrefix = ["users", String(index)];
  const fieldErrors = (result.fieldErrors as FieldError[]).map(({ path, message }) => ({
    path: requestPrefix.every((step, position) => path[position] === step) ? path.slice(requestPrefix.length) : path,
    message,
  }));
  return { ...result, message: new ValidationError(fieldErrors).message, fieldErrors };
}

function rowNotFitting(fieldErrors: FieldError[]): RowResult {
  return { __typename: "InvalidInput", message: "The row does not fit CreateUserInput.", fieldErrors };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sends rows to importUsers. A refusal as bad input comes back for importFile to narrow down; any
 * other failure (server unreachable, 401, 5xx...) stops the import, with a message that says from
 * which line on nothing was imported.
 */
async function postBatch(options: ImportOptions, rows: Row[]): Promise<BatchAnswer> {
  const stopped = `stopped at line ${rows[0]!.line} (the lines before it were imported or written to ${terminalSafe(options.failuresFile)})`;
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${options.key}` },
      body: importRequestBody(rows.map((row) => row.input)),
    });
  } catch (error) {
    // fetch's own message is only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND...).
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new Error(`Could not reach ${options.url}: ${cause instanceof Error ? cause.message : String(cause)}; ${stopped}.`);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: { importUsers?: RowResult[] | null } | null; errors?: GraphQLErrorBody[] };
  const results = body.data?.importUsers;
  if (results) return { results };
  const errors = body.errors ?? [];
  if (errors.length > 0 && errors.every((error) => error.extensions?.code === badUserInputCode)) {
    return { refusals: errors.map((error) => error.message) };
  }
  throw new Error(`The server did not import a batch (${refusalReason(response.status, errors)}); ${stopped}.`);
}

/**
 * Why the server refused a batch, without its messages that may quote rows: those of bad input
 * do, and a server error's may hold anything it had at hand (NODE_ENV=development unmasks them).
 */
function refusalReason(status: number, errors: GraphQLErrorBody[]): string {
  if (status >= 500) return `HTTP ${status}; the server's log has the details`;
  const messages = errors
    .filter((error) => error.extensions?.code !== undefined && error.extensions.code !== badUserInputCode)
    .map((error) => error.message);
  return messages.length > 0 ? `HTTP ${status}: ${messages.join("; ")}` : `HTTP ${status}`;
}

/**
 * The server's refusal of one row (`src/plugins/use-input-errors.ts`, which leaves the value
 * out) as a field error of that row: `Variable "$users" got invalid value at "users[0].firstName"; <reason>`.
 * Any other message, such as graphql-js's own from a server before that plugin, which quotes the
 * row, digest and all, is told without its text.
 */
function describeRefusal(message: string): FieldError {
  const refusal = /^Variable "\$users" got invalid value(?: at "users\[\d+\]((?:\.\w+|\[\d+\])*)")?; ([^\n]*)$/.exec(message);
  if (!refusal) return { path: [], message: "GraphQL refused this row (its reason is left out, as it may quote the row)." };
  return { path: refusal[1]?.match(/\w+/g) ?? [], message: refusal[2]! };
}

function progressBar(summary: ImportSummary, bytesRead: number, totalBytes: number): string {
  const fraction = totalBytes === 0 ? 1 : Math.min(1, bytesRead / totalBytes);
  const width = 30;
  const filled = Math.round(fraction * width);
  return `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${summary.imported} imported, ${summary.failed} failed`;
}

/**
 * Runs the importer on command-line arguments (without the command itself) and returns the exit
 * code, the same under `npm run import` and `npm run admin -- import`: 0 when every row was
 * imported, 1 when a row failed, 2 for a mistake in the arguments or a file that cannot be read,
 * created or written, and 1 too when the server stopped the import; either told in one line.
 */
export async function runImportCommand(args: string[], command: string): Promise<number> {
  try {
    return await importWithArguments(args, command);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(importUsage(command));
      return 0;
    }
    // On a line of its own, after the progress bar's.
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CommandError ? 2 : 1;
  }
}

/** `runImportCommand`, with the mistakes as CommandErrors. */
async function importWithArguments(args: string[], command: string): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, {
    url: { type: "string" },
    key: { type: "string" },
    "batch-size": { type: "string" },
    "max-bytes": { type: "string" },
    failures: { type: "string" },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CommandError(`Give one file to import: ${command} <users.jsonl> (--help lists the options).`);
  // A key read from a file ends with a line break, which goes; one with npm's banner lines in it
  // (saved without `npm run -s`) is refused without being printed, as fetch would print it whole.
  const key = (values.key ?? process.env.ADMIN_API_KEY)?.trim();
  if (!key) throw new CommandError("An admin API key is needed: --key <key> or ADMIN_API_KEY.");
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new CommandError(
      "The admin API key has spaces, line breaks or other characters no key has (a file saved from `npm run admin -- create-api-key` without -s holds npm's lines too).",
    );
  }
  const batchSize = wholeNumber(values["batch-size"] ?? "500", 1000, "--batch-size must be a whole number from 1 to 1000.");
  // An empty or blank MAX_BODY_BYTES (or IDENTITY_API_URL) counts as unset, as for the server.
  const [maxBytesSource, maxBytesText] =
    values["max-bytes"] !== undefined ? ["--max-bytes", values["max-bytes"]] : ["MAX_BODY_BYTES", process.env.MAX_BODY_BYTES?.trim() || String(4 * 1024 * 1024)];
  const maxBytes = wholeNumber(maxBytesText, Number.MAX_SAFE_INTEGER, `${maxBytesSource} must be a whole number of bytes, at least 1 (4194304 is 4 MiB).`);
  const url = serverUrl(values.url !== undefined ? ["--url", values.url] : ["IDENTITY_API_URL", process.env.IDENTITY_API_URL?.trim() || "http://localhost:4000"]);
  const failuresFile = values.failures ?? `${file}.failures.jsonl`;
  // Opened last: opening empties the failures file, which holds the last run's failures until then.
  const { input, inputSize, failures } = await openImportFiles(file, failuresFile);
  const summary = await importFile({
    input,
    url,
    key,
    batchSize,
    maxBytes,
    failures,
    failuresFile,
    onProgress: (progress, bytesRead) => process.stderr.write(progressBar(progress, bytesRead, inputSize)),
  });
  process.stderr.write(`${progressBar(summary, inputSize, inputSize)}\n`);
  process.stdout.write(
    `${summary.rows} rows: ${summary.imported} imported, ${summary.failed} failed` +
      (summary.failed > 0 ? ` (details in ${terminalSafe(summary.failuresFile)})` : "") +
      "\n",
  );
  return summary.failed > 0 ? 1 : 0;
}

/**
 * The address is printed when it cannot be reached, so one holding a password is refused before
 * that, without being printed: the admin key is the credential (and fetch refuses such URLs anyway).
 */
function serverUrl([source, text]: [string, string]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CommandError(`${source} must be the API's address, such as http://localhost:4000.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CommandError(`${source} must be an http:// or https:// address.`);
  if (url.username !== "" || url.password !== "") {
    throw new CommandError(`${source} must not hold a user name or password: the admin API key (--key) is the credential.`);
  }
  // The API's address, as the example app takes IDENTITY_API_URL, or its GraphQL endpoint.
  if (!/\/graphql\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, "")}/graphql`;
  return url.href;
}

/**
 * Opens both files before anything is sent, so that a wrong path stops the import before it has
 * imported rows whose failures could not be written down.
 */
async function openImportFiles(file: string, failuresFile: string): Promise<{ input: FileHandle; inputSize: number; failures: FileHandle }> {
  const input = await openFile(file, "r", `Cannot read the file to import, ${terminalSafe(file)}`);
  try {
    const inputStats = await input.stat();
    if (inputStats.isDirectory()) throw new CommandError(`Cannot read the file to import, ${terminalSafe(file)}: it is a directory.`);
    // Opening the failures file empties it: were it the file to import (by another path, or a
    // link), the rows to import would be gone before the first one is read.
    if (await isSameFile(failuresFile, inputStats)) {
      throw new CommandError(`The --failures file, ${terminalSafe(failuresFile)}, is the file to import, ${terminalSafe(file)}: writing the failures would empty it.`);
    }
    const failures = await openFile(failuresFile, "w", `Cannot create the --failures file, ${terminalSafe(failuresFile)}`);
    return { input, inputSize: inputStats.size, failures };
  } catch (error) {
    await input.close();
    throw error;
  }
}

/** Whether `path` leads to the file `file` describes (same device and inode), by whatever path or link; false when nothing is there yet. */
async function isSameFile(path: string, file: Stats): Promise<boolean> {
  const found = await stat(path).catch(() => undefined);
  return found !== undefined && found.dev === file.dev && found.ino === file.ino;
}

/** Opens `path`, or fails with a CommandError of one line: `mistake` and the system's reason ("no such file or directory"). */
async function openFile(path: string, flags: "r" | "w", mistake: string): Promise<FileHandle> {
  try {
    return await open(path, flags);
  } catch (error) {
    throw new CommandError(`${mistake}: ${systemReason(error)}.`);
  }
}

/** The system's reason for a failed file operation, without the path, which the message names already. */
function systemReason(error: unknown): string {
  // Node's message is "ENOENT: no such file or directory, open '<path>'".
  return error instanceof Error ? (/^[A-Z]+: ([^,]+),/.exec(error.message)?.[1] ?? error.message) : String(error);
}

/** `text` as a whole number from 1 to `maximum`, or a CommandError: Number("4MB") is NaN, which turns a limit off silently. */
function wholeNumber(text: string, maximum: number, mistake: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= maximum)) throw new CommandError(mistake);
  return value;
}

// Run as `npm run import` (tsx src/cli/import-users.ts), not imported by `npm run admin -- import`.
// Node gives this module's URL percent-encoded and with links resolved; argv[1] is the path as typed.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  runImportCommand(process.argv.slice(2), "npm run import --").then((exitCode) => process.exit(exitCode));
}
