import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateUserMutation, SignUpMutation, SignUpWithAdminFieldsMutation } from "../documents.ts";
import type { CreateUserInput, SignUpInput } from "../generated/graphql.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { uniqueEmail } from "../helpers/unique-values.ts";

// The password policy (SPEC section 7) on what is hashed: the NFKC form of the password, and never
// a password with nothing visible in it. Over real HTTP.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

const short = /at least 8/;
const long = /at most 256/;
const blank = /blank/;

/** A public signUp, or with `admin` one sent with the admin key (for `hashFn`). */
async function signUp(input: SignUpInput, admin = false) {
  const response = admin ? await server.send(SignUpWithAdminFieldsMutation, { input }, { admin }) : await server.send(SignUpMutation, { input });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const result = response.body.data?.signUp;
  if (!result) throw new Error(`no signUp result: ${JSON.stringify(response.body)}`);
  return result;
}

async function policyReasons(password: string): Promise<string[]> {
  const result = await signUp({ email: uniqueEmail("policy"), password });
  expect(result.__typename, JSON.stringify(password)).toBe("PasswordPolicyError");
  return result.__typename === "PasswordPolicyError" ? result.reasons : [];
}

async function signedUpId(input: SignUpInput, admin = false): Promise<string> {
  const result = await signUp(input, admin);
  if (result.__typename !== "SignUpSuccess") throw new Error(`expected SignUpSuccess for ${JSON.stringify(input.password)}, got ${JSON.stringify(result)}`);
  return result.user.id;
}

async function createUser(input: CreateUserInput) {
  const response = await server.send(CreateUserMutation, { input }, { admin: true });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.createUser;
}

describe("a password with nothing visible in it", () => {
  it.each([
    ["eight spaces", " ".repeat(8)],
    ["ideographic and no-break spaces", "\u3000\u00a0\u3000\u00a0\u3000\u00a0\u3000\u00a0"],
    ["zero-width characters", "\u200b\u200c\u200d\u2060\ufeff\u200b\u200c\u200d"],
    ["tabs, line breaks and a Hangul filler", "\t\n\r\u3164\t\n\r\u3164"],
  ])("is refused on signUp with a PasswordPolicyError saying so: %s", async (_name, password) => {
    expect(await policyReasons(password)).toEqual([expect.stringMatching(blank)]);
  });

  it("is one reason among the others: a short blank password has both", async () => {
    const reasons = await policyReasons("   ");
    expect(reasons).toHaveLength(2);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(short), expect.stringMatching(blank)]));
    // Empty is only too short, and spaces around something visible are fine.
    expect(await policyReasons("")).toEqual([expect.stringMatching(short)]);
    await signedUpId({ email: uniqueEmail("spaced"), password: "   \u00b7    " });
  });

  it("is refused by createUser even with skipPasswordChecks, invisible characters too (ValidationError)", async () => {
    for (const password of [" ".repeat(8), "\u200b".repeat(8), "\u3164\u2060"]) {
      const result = await createUser({ emailAddress: [uniqueEmail("skip-blank")], password, skipPasswordChecks: true });
      if (result.__typename !== "ValidationError") throw new Error(`expected ValidationError for ${JSON.stringify(password)}, got ${JSON.stringify(result)}`);
      expect(result.fieldErrors.map((error) => error.path)).toEqual([["input", "password"]]);
    }
  });
});

describe("the policy on the NFKC form, the form that is hashed", () => {
  it("counts the characters of the NFKC form", async () => {
    // Seven letters typed decomposed are nine code points, but seven characters.
    const decomposed = "E\u0301sai\u0308e42";
    expect([...decomposed]).toHaveLength(9);
    expect(await policyReasons(decomposed)).toEqual([expect.stringMatching(short)]);
    // Two squared "株式会社" are eight characters once normalized, but two as typed; one Arabic
    // ligature is eighteen. The minimum holds for both forms.
    expect(await policyReasons("\u337f\u337f")).toEqual([expect.stringMatching(short)]);
    expect(await policyReasons("\ufdfa")).toEqual([expect.stringMatching(short)]);
    await signedUpId({ email: uniqueEmail("squared"), password: "\u337f\u337f\u337fabcde" });
    // Fifteen Arabic ligatures are 270 characters once normalized.
    expect(await policyReasons("\ufdfa".repeat(15))).toEqual([expect.stringMatching(long)]);
  });

  it("counts bcrypt's 72 bytes in the NFKC form that bcrypt hashes", async () => {
    // 72 bytes composed (é is two), 102 decomposed (e and the accent, three).
    const composed = `${"\u00e9".repeat(30)}passphrase12`;
    const decomposed = composed.normalize("NFD");
    expect([Buffer.byteLength(composed), Buffer.byteLength(decomposed)]).toEqual([72, 102]);
    const userId = await signedUpId({ email: uniqueEmail("bcrypt-nfd"), password: decomposed, hashFn: "BCRYPT" }, true);
    const credential = await server.database.prisma.passwordCredential.findUniqueOrThrow({ where: { userId } });
    expect(credential.algorithm).toBe("bcrypt");
    expect(await bcrypt.compare(composed, credential.digest)).toBe(true);

    // 21 bytes as typed, 84 once normalized: bcrypt would drop the last 12.
    const squared = "\u337f".repeat(7);
    const refused = await signUp({ email: uniqueEmail("bcrypt-squared"), password: squared, hashFn: "BCRYPT" }, true);
    if (refused.__typename !== "ValidationError") throw new Error(`expected ValidationError, got ${JSON.stringify(refused)}`);
    expect(refused.fieldErrors).toEqual([{ path: ["input", "password"], message: expect.stringMatching(/72 bytes/) }]);
  });
});
