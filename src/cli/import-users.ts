import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { CommandError, parseCommandArguments } from "./command-arguments.ts";

// `npm run import -- users.jsonl`: streams a JSON-lines file of CreateUserInput objects of any size
// through the API's importUsers, in batches that fit its limits (1000 rows, MAX_BODY_BYTES), with
// a progress bar on stderr and every failed row written to a failures file.

/** `command`: how this importer is started, e.g. "npm run admin -- import". */
export const importUsage = (command: string) => `Usage: ${command} <users.jsonl> [options]

Each line of the file is one CreateUserInput object (the fields of createUser), e.g.
  {"emailAddress":["ada@example.com"],"passwordDigest":"$2b$10$...","passwordHasher":"BCRYPT"}

Options:
  --url <url>          GraphQL endpoint (default: $IDENTITY_API_URL or http://localhost:4000/graphql)
  --key <key>          admin API key (default: $ADMIN_API_KEY)
  --batch-size <n>     rows per request, at most 1000 (default: 500)
  --max-bytes <n>      request body limit in bytes (default: $MAX_BODY_BYTES or 4194304)
  --failures <file>    where failed rows go (default: <input>.failures.jsonl)
  -h, --help           show this help
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

interface Row {
  line: number;
  input: unknown;
}

interface RowResult {
  __typename: string;
  message?: string;
  [detail: string]: unknown;
}

export interface ImportSummary {
  rows: number;
  imported: number;
  failed: number;
  failuresFile: string;
}

export interface ImportOptions {
  file: string;
  url: string;
  key: string;
  batchSize: number;
  maxBytes: number;
  failuresFile: string;
  /** Called after each batch with the bytes of the file read so far. */
  onProgress?: (summary: ImportSummary, bytesRead: number) => void;
}

export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, imported: 0, failed: 0, failuresFile: options.failuresFile };
  const failures = createWriteStream(options.failuresFile);
  const recordFailure = (row: { line: number; input?: unknown }, error: unknown) => {
    summary.failed++;
    failures.write(`${JSON.stringify({ line: row.line, error, input: row.input })}\n`);
  };
  const input = createReadStream(options.file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  // The JSON envelope around the rows; each row adds its own length plus a comma.
  const envelopeBytes = Buffer.byteLength(JSON.stringify({ query: importMutation, variables: { users: [] } }));
  let batch: Row[] = [];
  let batchBytes = envelopeBytes;

  const send = async () => {
    if (batch.length === 0) return;
    const results = await postBatch(options, batch.map((row) => row.input));
    results.forEach((result, index) => {
      const row = batch[index]!;
      if (result.__typename === "CreateUserSuccess") summary.imported++;
      else recordFailure(row, result);
    });
    batch = [];
    batchBytes = envelopeBytes;
    options.onProgress?.(summary, input.bytesRead);
  };

  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === "") continue;
    summary.rows++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      recordFailure({ line: lineNumber }, { __typename: "InvalidJson", message: "The line is not valid JSON." });
      continue;
    }
    const rowBytes = Buffer.byteLength(text) + 1;
    if (envelopeBytes + rowBytes > options.maxBytes) {
      recordFailure({ line: lineNumber, input: parsed }, { __typename: "TooLarge", message: "The row alone exceeds the request size limit." });
      continue;
    }
    if (batch.length >= options.batchSize || batchBytes + rowBytes > options.maxBytes) await send();
    batch.push({ line: lineNumber, input: parsed });
    batchBytes += rowBytes;
  }
  await send();
  await new Promise<void>((resolve, reject) => failures.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return summary;
}

async function postBatch(options: ImportOptions, users: unknown[]): Promise<RowResult[]> {
  const response = await fetch(options.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${options.key}` },
    body: JSON.stringify({ query: importMutation, variables: { users } }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { importUsers?: RowResult[] }; errors?: Array<{ message: string }> };
  const results = body.data?.importUsers;
  if (!results) {
    const reason = body.errors?.map((error) => error.message).join("; ") ?? `HTTP ${response.status}`;
    throw new Error(`The server refused a batch: ${reason}`);
  }
  return results;
}

function progressBar(summary: ImportSummary, bytesRead: number, totalBytes: number): string {
  const fraction = totalBytes === 0 ? 1 : Math.min(1, bytesRead / totalBytes);
  const width = 30;
  const filled = Math.round(fraction * width);
  return `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${summary.imported} imported, ${summary.failed} failed`;
}

/**
 * Runs the importer on command-line arguments (without the command itself) and returns the exit
 * code: 0 when every row was imported, 1 otherwise. A mistake in the arguments is a CommandError.
 */
export async function runImportCommand(args: string[], command: string): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, {
    url: { type: "string" },
    key: { type: "string" },
    "batch-size": { type: "string" },
    "max-bytes": { type: "string" },
    failures: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(importUsage(command));
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CommandError(`Give one file to import: ${command} <users.jsonl> (--help lists the options).`);
  const key = values.key ?? process.env.ADMIN_API_KEY;
  if (!key) throw new CommandError("An admin API key is needed: --key <key> or ADMIN_API_KEY.");
  const batchSize = Number(values["batch-size"] ?? 500);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    throw new CommandError("--batch-size must be a whole number from 1 to 1000.");
  }
  const totalBytes = (await stat(file)).size;
  const summary = await importFile({
    file,
    url: values.url ?? process.env.IDENTITY_API_URL ?? "http://localhost:4000/graphql",
    key,
    batchSize,
    maxBytes: Number(values["max-bytes"] ?? process.env.MAX_BODY_BYTES ?? 4 * 1024 * 1024),
    failuresFile: values.failures ?? `${file}.failures.jsonl`,
    onProgress: (progress, bytesRead) => process.stderr.write(progressBar(progress, bytesRead, totalBytes)),
  });
  process.stderr.write(`${progressBar(summary, totalBytes, totalBytes)}\n`);
  process.stdout.write(
    `${summary.rows} rows: ${summary.imported} imported, ${summary.failed} failed` +
      (summary.failed > 0 ? ` (details in ${summary.failuresFile})` : "") +
      "\n",
  );
  return summary.failed > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runImportCommand(process.argv.slice(2), "npm run import --").then(
    (exitCode) => process.exit(exitCode),
    (error: unknown) => {
      // A mistake in the arguments exits with 2, a failed import with 1.
      process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof CommandError ? 2 : 1);
    },
  );
}
