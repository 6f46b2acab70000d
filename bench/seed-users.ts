import { createHash, pbkdf2Sync, randomBytes, scryptSync } from "node:crypto";
import argon2 from "argon2";
import bcrypt from "bcrypt";
import { adminHeaders, graphqlBody, inParallel } from "./graphql-requests.ts";
import type { BenchTarget } from "./measurement.ts";
import { positiveNumberFromEnvironment } from "./statistics.ts";

// The users the data benchmarks work on: generated like a migration from another provider would
// send them (unique emails and usernames, names, some phone numbers and profiles, an existing
// password digest in one of several formats), imported through `importUsers`, and later read back
// (cursors and emails) by the scenarios that page through them and look them up.

/** How many users the import scenario stores, and the list and lookup scenarios expect. */
export const benchUserCount = positiveNumberFromEnvironment("BENCH_IMPORT_USERS", 100_000);

/** SPEC section 8: importUsers takes at most 1000 rows per call. */
export const importBatchSize = 1000;
/**
 * Requests in flight at once. Measured on PostgreSQL (2 cores, 12,000 users per try): 1000 rows
 * per call with 1, 2, 3, 4 and 8 in flight gave 3200, 3750, 3500-4300, 3450-4400 and 4100-4500
 * users/s, 500 or 250 rows per call less. Four keep the server's thread busy while the next batch
 * travels; more only queue.
 */
export const importConcurrency = 4;

const importMutation = `mutation BenchImportUsers($users: [CreateUserInput!]!) {
  importUsers(users: $users) {
    __typename
    ... on CreateUserSuccess { user { id } }
    ... on Error { message }
  }
}`;

const givenNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Radia", "Linus", "Frances", "Tim", "Katherine", "Dennis", "Hedy", "John"];
const familyNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Perlman", "Torvalds", "Allen", "Berners-Lee", "Johnson", "Ritchie", "Lamarr", "Backus"];
const domains = ["example.com", "example.org", "mail.example.net", "corp.example.io"];
const locales = [{ locale: "en-US", zoneinfo: "America/New_York" }, { locale: "de-DE", zoneinfo: "Europe/Berlin" }, { locale: "fr-CA", zoneinfo: "America/Toronto" }, { locale: "tr-TR", zoneinfo: "Europe/Istanbul" }];

interface ImportedDigest {
  passwordHasher: string;
  passwordDigest: string;
}

/**
 * One digest per format, made once by the software that defines it: import checks that a digest
 * parses for its hasher but never verifies it, so every user of a format can share one.
 */
async function exportedDigests(): Promise<ImportedDigest[]> {
  const password = "correct horse battery staple";
  const djangoSalt = randomBytes(16).toString("base64url").slice(0, 22);
  const werkzeugSalt = randomBytes(12).toString("base64url").slice(0, 16);
  return [
    // Auth0, Rails, PHP password_hash.
    { passwordHasher: "BCRYPT", passwordDigest: await bcrypt.hash(password, 10) },
    // Ory Kratos, Better Auth's argon2 option.
    { passwordHasher: "ARGON2ID", passwordDigest: await argon2.hash(password, { type: argon2.argon2id }) },
    // Django's default hasher.
    {
      passwordHasher: "PBKDF2_SHA256_DJANGO",
      passwordDigest: `pbkdf2_sha256$600000$${djangoSalt}$${pbkdf2Sync(password, djangoSalt, 600_000, 32, "sha256").toString("base64")}`,
    },
    // Flask / Werkzeug's generate_password_hash.
    {
      passwordHasher: "SCRYPT_WERKZEUG",
      passwordDigest: `scrypt:32768:8:1$${werkzeugSalt}$${scryptSync(password, werkzeugSalt, 64, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString("hex")}`,
    },
    // A legacy system's unsalted SHA-256.
    { passwordHasher: "SHA256", passwordDigest: createHash("sha256").update(password).digest("hex") },
  ];
}

/**
 * `count` users as CreateUserInput objects. `runTag` makes every unique value (email, username,
 * externalId, phone number) new for this run, so a database that already holds an earlier run's
 * users takes them too.
 */
export async function generateUsers(count: number, runTag: string): Promise<Array<Record<string, unknown>>> {
  const digests = await exportedDigests();
  // German mobile numbers (+49 151 and eight digits): the run picks the first three digits.
  const phonePrefix = `+49151${String(parseInt(runTag, 36) % 1000).padStart(3, "0")}`;
  return Array.from({ length: count }, (_, index) => {
    const firstName = givenNames[index % givenNames.length]!;
    const lastName = familyNames[Math.floor(index / givenNames.length) % familyNames.length]!;
    const local = `${firstName}.${lastName}.${runTag}${index}`.toLowerCase();
    const region = locales[index % locales.length]!;
    const digest = digests[index % digests.length]!;
    return {
      externalId: `legacy-${runTag}-${index}`,
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      emailAddress: [`${local}@${domains[index % domains.length]}`],
      emailVerified: index % 5 !== 0,
      username: local.replaceAll(".", "_"),
      // Every third user has a phone number.
      ...(index % 3 === 0 && index < 300_000 ? { phoneNumber: [`${phonePrefix}${String(index / 3).padStart(5, "0")}`] } : {}),
      ...(index % 2 === 0 ? { profile: { givenName: firstName, familyName: lastName, ...region } } : {}),
      publicMetadata: { plan: index % 7 === 0 ? "pro" : "free" },
      createdAt: new Date(Date.UTC(2019, 0, 1) + index * 60_000).toISOString(),
      ...digest,
    };
  });
}

/** A tag that no earlier run has used (with overwhelming likelihood), in letters and digits. */
export function newRunTag(): string {
  return randomBytes(4).readUInt32BE(0).toString(36);
}

export interface ImportOutcome {
  imported: number;
  failed: number;
  firstFailure?: string;
  seconds: number;
}

/** Imports `users` through importUsers in batches, `concurrency` requests in flight at once. */
export async function importOverHttp(
  target: BenchTarget,
  users: Array<Record<string, unknown>>,
  options: { batchSize: number; concurrency: number },
): Promise<ImportOutcome> {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let start = 0; start < users.length; start += options.batchSize) batches.push(users.slice(start, start + options.batchSize));
  const outcome: ImportOutcome = { imported: 0, failed: 0, seconds: 0 };
  const started = performance.now();
  await inParallel(batches.length, options.concurrency, async (index) => {
    for (const result of await postImport(target, batches[index]!)) {
      if (result.__typename === "CreateUserSuccess") {
        outcome.imported++;
      } else {
        outcome.failed++;
        outcome.firstFailure ??= `${result.__typename}: ${result.message ?? ""}`;
      }
    }
  });
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

async function postImport(target: BenchTarget, users: Array<Record<string, unknown>>) {
  const body = await postGraphql<{ importUsers: Array<{ __typename: string; message?: string }> }>(target, importMutation, { users });
  return body.importUsers;
}

/** Posts one admin operation and returns its data; an HTTP or GraphQL error stops the benchmark. */
export async function postGraphql<Data>(target: BenchTarget, query: string, variables: Record<string, unknown>): Promise<Data> {
  const response = await fetch(target.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...adminHeaders(target) },
    body: graphqlBody(query, variables),
  });
  const body = (await response.json()) as { data?: Data; errors?: Array<{ message: string }> };
  if (!response.ok || body.errors || !body.data) {
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data;
}

/** What a back office shows of a user in a list or on a search result. */
export const backOfficeUserFields = `id email emailVerified username firstName lastName phoneNumber blocked createdAt profile { locale zoneinfo }`;

/** Every stored user's edge cursor, id and primary email, in list order (the same index is the same user). */
export interface StoredUsers {
  cursors: string[];
  ids: string[];
  emails: string[];
}

const walkQuery = `query BenchWalkUsers($after: String) {
  users(first: 100, after: $after) {
    edges { cursor node { id email } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const storedUsersByUrl = new Map<string, Promise<StoredUsers>>();

/**
 * Walks the whole list once per server (100 users a page) and remembers what it saw, so the
 * scenarios after the import can pick cursors and emails from anywhere in it. Fails when fewer
 * than `benchUserCount` users are stored: run the import scenario first.
 */
export function storedUsers(target: BenchTarget): Promise<StoredUsers> {
  let walk = storedUsersByUrl.get(target.graphqlUrl);
  if (!walk) {
    walk = walkUsers(target);
    storedUsersByUrl.set(target.graphqlUrl, walk);
  }
  return walk;
}

async function walkUsers(target: BenchTarget): Promise<StoredUsers> {
  const stored: StoredUsers = { cursors: [], ids: [], emails: [] };
  let after: string | null = null;
  for (;;) {
    type Page = { users: { edges: Array<{ cursor: string; node: { id: string; email: string | null } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const page: Page = await postGraphql<Page>(target, walkQuery, { after });
    for (const edge of page.users.edges) {
      // Every generated user has an email: one without would be a user the import did not write.
      if (!edge.node.email) throw new Error(`user ${edge.node.id} has no email: the list holds users the benchmark did not import`);
      stored.cursors.push(edge.cursor);
      stored.ids.push(edge.node.id);
      stored.emails.push(edge.node.email);
    }
    if (!page.users.pageInfo.hasNextPage) break;
    after = page.users.pageInfo.endCursor;
  }
  if (stored.cursors.length < benchUserCount) {
    throw new Error(`${stored.cursors.length} users stored, ${benchUserCount} expected: run the importUsers scenario first.`);
  }
  return stored;
}

/** Each stored user's id and email, for a baseline server that needs the same users. */
export function usersOf(stored: StoredUsers): Array<{ id: string; email: string }> {
  return stored.ids.map((id, index) => ({ id, email: stored.emails[index]! }));
}

/** A random element of `items`. */
export function pickRandom<Item>(items: Item[]): Item {
  return items[Math.floor(Math.random() * items.length)]!;
}
