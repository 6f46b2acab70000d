import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../src/domain/errors.ts";
import { validateInput } from "../src/domain/users/validate-input.ts";
import { CreateUserMutation, SignUpMutation } from "./documents.ts";
import type { CreateUserInput, SignUpInput, SignUpMutation as SignUpResultData } from "./generated/graphql.ts";
import { startTestServer, type RequestOptions, type TestServer } from "./helpers/server.ts";

// Every single-field rule of SPEC section 6 (src/domain/users/validation/*) and every cross-field
// rule, through signUp over HTTP: a valid value is accepted, each kind of invalid value is a
// ValidationError naming the field by its full path, and the server never answers 500.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: "off" });
});
afterAll(() => server.close());

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}`;
const uniqueEmail = (prefix = "v") => `${unique(prefix)}@example.com`;
const password = "analytical engine notes 1843";

type Path = string[];
const path = (...parts: Array<string | number>): Path => ["input", ...parts.map(String)];
const key = (path: Path) => JSON.stringify(path);

type User = Extract<SignUpResultData["signUp"], { __typename: "SignUpSuccess" }>["user"];
type Input = Partial<SignUpInput>;

/** A valid sign-up (fresh email, good password) with `input` on top. */
const withBase = (input: Input): SignUpInput => ({ email: uniqueEmail(), password, ...input });

async function send(input: SignUpInput, options: RequestOptions = {}) {
  const response = await server.request(SignUpMutation, { input }, options);
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const result = response.body.data?.signUp;
  if (!result) throw new Error(`no result: ${JSON.stringify(response.body)}`);
  return result;
}

/** The input is refused with one ValidationError whose field errors are exactly at `paths`. */
async function expectInvalid(input: SignUpInput, paths: Path[], options: RequestOptions = {}) {
  const result = await send(input, options);
  if (result.__typename !== "ValidationError") {
    throw new Error(`expected ValidationError at ${paths.map((p) => p.join(".")).join(", ")}, got ${JSON.stringify(result)}`);
  }
  const got = [...new Set(result.fieldErrors.map((error) => key(error.path)))].sort();
  expect(got).toEqual(paths.map(key).sort());
  for (const error of result.fieldErrors) expect(error.message.trim().length).toBeGreaterThan(0);
  expect(result.message.trim().length).toBeGreaterThan(0);
  return result;
}

async function expectValid(input: SignUpInput, options: RequestOptions = {}): Promise<User> {
  const result = await send(input, options);
  if (result.__typename !== "SignUpSuccess") throw new Error(`expected SignUpSuccess, got ${JSON.stringify(result)}`);
  return result.user;
}

/** Posts variables that do not match the schema's types (a client bug). */
async function expectGraphQLError(input: unknown) {
  const response = await server.request(SignUpMutation, { input } as unknown as { input: SignUpInput });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  expect(response.body.errors?.length ?? 0, JSON.stringify(response.body)).toBeGreaterThan(0);
  expect(response.body.data ?? undefined).toBeUndefined();
  for (const error of response.body.errors ?? []) {
    expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(JSON.stringify(error)).not.toMatch(/\n\s+at /); // no stack trace
  }
}

const NUL = "a\u0000b";
const SURROGATE = "a\ud800b";

/** `levels` objects nested in one another: {a:{a:...{a:1}}}. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 1 };
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}

const identity = (overrides: Record<string, unknown> = {}) =>
  ({ connection: "github", provider: "GITHUB", type: "SOCIAL", id: unique("gh-"), details: { login: "x" }, ...overrides }) as NonNullable<
    SignUpInput["identities"]
  >[number];

describe("email (validation/email-address.ts)", () => {
  it("accepts valid addresses, trimmed with the domain lower-cased", async () => {
    const n = unique("");
    expect((await expectValid(withBase({ email: `o'brien+tag${n}@Sub.Example.CO.uk` }))).email).toBe(`o'brien+tag${n}@sub.example.co.uk`);
    expect((await expectValid(withBase({ email: `  \tpadded${n}@example.com \n` }))).email).toBe(`padded${n}@example.com`);
    const local = `l${n}`.padEnd(64, "l");
    const longest = `${local}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(57)}.com`;
    expect(longest).toHaveLength(254);
    expect((await expectValid(withBase({ email: longest }))).email).toBe(longest);
  });

  const invalid: Array<[string, string]> = [
    ["no @", "plainaddress"],
    ["no domain", "missing-domain@"],
    ["no local part", "@missing-local.org"],
    ["two @", "two@@example.com"],
    ["a space", "spaces in@example.com"],
    ["no dot in the domain", "user@localhost"],
    ["an empty domain label", "user@example..com"],
    ["a label starting with a hyphen", "user@-example.com"],
    ["a display name", "Ada <ada@example.com>"],
    ["empty", ""],
    ["only spaces", "   "],
    ["255 characters", `${"a".repeat(64)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(58)}.com`],
    ["a local part of 65 characters", `${"a".repeat(65)}@example.com`],
    ["a NUL character", `nul${NUL}@example.com`],
    ["an unpaired surrogate", `lone${SURROGATE}@example.com`],
    ["a leading dot", ".ada@example.com"],
    ["a dot just before the @", "ada.@example.com"],
    ["two dots in a row", "a..da@example.com"],
  ];
  for (const [name, email] of invalid) {
    it(`refuses an address with ${name}`, async () => {
      await expectInvalid(withBase({ email }), [path("email")]);
    });
  }

  it("gives a field with several problems one entry, with every message, and counts fields, not problems", async () => {
    const result = await expectInvalid(withBase({ username: "", name: "a\u0000b" }), [path("username"), path("name")]);
    expect(result.fieldErrors).toHaveLength(2);
    const username = result.fieldErrors.find((error) => key(error.path) === key(path("username")));
    expect(username?.message).toContain("Must be at least 3 characters.");
    expect(username?.message).toMatch(/May contain only /);
    expect(result.message).toBe("2 fields are invalid: input.username, input.name.");
  });

  it("says what is wrong with a local part over 64 characters, once", async () => {
    const result = await expectInvalid(withBase({ email: `${"a".repeat(65)}@example.com` }), [path("email")]);
    expect(result.fieldErrors.map((error) => error.message)).toEqual(['The part before the "@" must be at most 64 characters.']);
  });

  it("says where the dots before the @ may not stand, and takes dots between words", async () => {
    for (const email of [".ada@example.com", "ada.@example.com", "a..da@example.com"]) {
      const result = await expectInvalid(withBase({ email }), [path("email")]);
      expect(result.fieldErrors.map((error) => error.message)).toEqual([
        'The part before the "@" must not start or end with a dot, nor have two dots in a row.',
      ]);
    }
    const email = `ada.king.${unique("")}@example.com`;
    expect((await expectValid(withBase({ email }))).email).toBe(email);
  });

  it("refuses an IP address or an all-digit top-level domain after the @, and takes digits elsewhere in the domain", async () => {
    for (const email of ["ada@192.0.2.1", "ada@example.123", "ada@[192.0.2.1]"]) {
      const result = await expectInvalid(withBase({ email }), [path("email")]);
      expect(result.fieldErrors.map((error) => error.message), email).toHaveLength(1);
    }
    const numbered = await expectInvalid(withBase({ email: "ada@example.123" }), [path("email")]);
    expect(numbered.fieldErrors[0]?.message).toBe('The domain after the "@" must end in a name, not a number (an IP address is no email domain).');
    for (const email of [`ada-${unique("")}@123.example.com`, `ada-${unique("")}@mail2.example.co1`]) {
      expect((await expectValid(withBase({ email }))).email).toBe(email);
    }
  });
});

describe("phoneNumber (validation/phone-number.ts)", () => {
  it("accepts numbers in international format and stores E.164", async () => {
    expect((await expectValid(withBase({ phoneNumber: "+1 212-456-7890" }))).phoneNumber).toBe("+12124567890");
    expect((await expectValid(withBase({ phoneNumber: "+49 30 12345678" }))).phoneNumber).toBe("+493012345678");
  });

  const invalid: Array<[string, string]> = [
    ["unparseable text", "hello"],
    ["no country code", "2124567890"],
    ["a 00 prefix instead of +", "0033 6 12 34 56 78"],
    ["an unknown country code", "+999 123456"],
    ["an area code that does not exist (US 200)", "+1 200 555 0123"],
    ["too few digits for the country (UK)", "+44 20 1234"],
    ["a trunk prefix not allowed after the country code (FR)", "+33 0 12 34 56 78"],
    ["too many digits", "+33 6 12 34 56 78 90 12"],
    ["empty", ""],
    ["more than 64 characters", `+1 212 456 7891${" ".repeat(60)}`],
    ["a NUL character", "+1 212 456 7892\u0000"],
    ["an unpaired surrogate", "+1 212 456 7893\ud800"],
    // E.164 has no extensions: storing the number without it would drop what the user typed.
    ["an extension", "+1 212 456 7890 ext. 12"],
    // libphonenumber-js would pick the number out of the text and drop the rest unseen.
    ["text around a number", "call me at +1 415 555 2671 please"],
    ["a label before a number", "Phone: +1 415 555 2671"],
    ["letters after a number", "+1-415-555-2671abc"],
  ];
  for (const [name, phoneNumber] of invalid) {
    it(`refuses ${name}`, async () => {
      await expectInvalid(withBase({ phoneNumber }), [path("phoneNumber")]);
    });
  }

  it("accepts a number in any format libphonenumber-js parses, but only the number", async () => {
    expect((await expectValid(withBase({ phoneNumber: " +1 (415) 555-2673 " }))).phoneNumber).toBe("+14155552673");
    expect((await expectValid(withBase({ phoneNumber: "+1.415.555.2674" }))).phoneNumber).toBe("+14155552674");
    expect((await expectValid(withBase({ phoneNumber: "tel:+1-415-555-2675" }))).phoneNumber).toBe("+14155552675");
    const result = await expectInvalid(withBase({ phoneNumber: "call me at +1 415 555 2671 please" }), [path("phoneNumber")]);
    expect(result.fieldErrors.map((error) => error.message)).toEqual(["Must be only a phone number, without other text around it, e.g. +14155552671."]);
  });

  it("signs in by the number in another format, but not by text around it, as sign-up reads it", async () => {
    await expectValid(withBase({ phoneNumber: "+44 20 7946 0958", password }));
    const signIn = async (identifier: string) => {
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename } }", variables: { input: { identifier, password } } }),
      });
      return ((await response.json()) as { data?: { signIn?: { __typename: string } } }).data?.signIn?.__typename;
    };
    expect(await signIn("+44 (0)20-7946-0958")).toBe("SignInSuccess");
    expect(await signIn("call +44 20 7946 0958 please")).toBe("InvalidCredentialsError");
  });
});

describe("password (user-input.ts)", () => {
  it("refuses an unpaired surrogate, which would hash like U+FFFD and make different passwords equal", async () => {
    await expectInvalid(withBase({ password: `analytical engine ${"\ud800"} 1843` }), [path("password")]);
  });

  it("accepts any other character, NUL included", async () => {
    await expectValid(withBase({ password: "analytical\u0000engine notes 1843" }));
  });
});

describe("username (validation/username.ts)", () => {
  it("accepts 3 to 64 letters, digits, '.', '_' and '-', trimmed", async () => {
    const n = unique("");
    // Devanagari and Tamil spell names with combining marks (the vowel signs of "अमित", "தமிழ்").
    for (const username of [`abc${n}`.slice(0, 3), `u${n}`.padEnd(64, "x"), `Émile.o_k-${n}`, `名前${n}`, `अमित${n}`, `தமிழ்${n}`, `Σοφία${n}`]) {
      expect((await expectValid(withBase({ username }))).username).toBe(username);
    }
    expect((await expectValid(withBase({ username: `  padded_${n}  ` }))).username).toBe(`padded_${n}`);
    // Letters are counted with their marks: 64 Tamil syllables of two code points each.
    expect((await expectValid(withBase({ username: "கி".repeat(64) }))).username).toBe("கி".repeat(64));
  });

  const invalid: Array<[string, string]> = [
    ["2 characters", "ab"],
    ["65 characters", "u".repeat(65)],
    ["one letter with two accents (three code points)", "q\u0301\u0302"],
    ["65 letters with marks", "கி".repeat(65)],
    ["a space", "has space"],
    ["an @", "at@sign"],
    ["a +", "plus+sign"],
    ["a leading hyphen", "-leading"],
    ["a leading dot", ".leading"],
    ["empty", ""],
    ["only spaces", "    "],
    ["a NUL character", `user${NUL}`],
    ["an unpaired surrogate", `user${SURROGATE}`],
    ["a leading combining mark", "\u0301abc"],
    ["a combining mark after a dot", "ab.\u0338"],
    ["five combining marks on one letter", `x${"\u0336".repeat(5)}yz`],
    ["an invisible mark (the combining grapheme joiner)", "admin\u034f"],
    ["a variation selector", "admin\ufe0f"],
    ["an invisible letter (the Hangul filler)", "admin\u3164"],
  ];
  for (const [name, username] of invalid) {
    it(`refuses ${name}`, async () => {
      await expectInvalid(withBase({ username }), [path("username")]);
    });
  }
});

describe("absolute http(s) URLs (validation/http-url.ts)", () => {
  const fields: Array<[string, (url: string) => Input, Path]> = [
    ["picture", (url) => ({ picture: url }), path("picture")],
    ["profile.profilePage", (url) => ({ profile: { profilePage: url } }), path("profile", "profilePage")],
    ["profile.website", (url) => ({ profile: { website: url } }), path("profile", "website")],
  ];
  const valid = ["https://example.com/a.png", "http://localhost:8080/x?y=1#z", `https://example.com/${"a".repeat(2028)}`];
  const invalid: Array<[string, string]> = [
    ["a relative path", "/images/me.png"],
    ["a relative reference", "images/me.png"],
    ["a scheme-relative URL", "//example.com/me.png"],
    ["ftp:", "ftp://example.com/me.png"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:image/png;base64,iVBORw0KGgo="],
    ["mailto:", "mailto:ada@example.com"],
    ["file:", "file:///etc/passwd"],
    ["no host", "http://"],
    ["not a URL", "not a url"],
    ["empty", ""],
    ["more than 2048 characters", `https://example.com/${"a".repeat(2029)}`],
    ["a NUL character", `https://example.com/${NUL}`],
    ["an unpaired surrogate", `https://example.com/${SURROGATE}`],
    ["a user name and password", "https://ada:secret@example.com/me.png"],
    ["a user name", "https://ada@example.com/me.png"],
  ];
  for (const [field, input, fieldPath] of fields) {
    it(`accepts absolute http and https URLs in ${field}`, async () => {
      for (const url of valid) {
        expect(valid[2]).toHaveLength(2048);
        const user = await expectValid(withBase(input(url)));
        const returned = field === "picture" ? user.picture : field.endsWith("profilePage") ? user.profile?.profilePage : user.profile?.website;
        expect(returned).toBe(url);
      }
    });
    for (const [name, url] of invalid) {
      it(`refuses ${name} in ${field}`, async () => {
        await expectInvalid(withBase(input(url)), [fieldPath]);
      });
    }
  }

  it("stores a URL in its WHATWG form, the one the API answers with", async () => {
    const user = await expectValid(
      withBase({ picture: "HTTP://Example.COM/a b", profile: { website: "https://Bücher.example/ä?q=a b", profilePage: "https://example.com" } }),
    );
    const normalized = ["http://example.com/a%20b", "https://xn--bcher-kva.example/%C3%A4?q=a%20b", "https://example.com/"];
    const row = await server.database.prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { profile: true } });
    expect([row.picture, row.profile?.website, row.profile?.profilePage]).toEqual(normalized);
    expect([user.picture, user.profile?.website, user.profile?.profilePage]).toEqual(normalized);
  });

  it("says why a URL with credentials is refused, once, and keeps an @ in the path", async () => {
    const refused = await expectInvalid(withBase({ picture: "https://ada:secret@example.com/me.png" }), [path("picture")]);
    expect(refused.fieldErrors.map((error) => error.message)).toEqual(["Must not contain a user name or password."]);
    expect((await expectValid(withBase({ picture: "https://example.com/@ada/me.png" }))).picture).toBe("https://example.com/@ada/me.png");
  });

  it("refuses a URL without exactly // after the scheme, which the URL standard alone reads as that host", async () => {
    for (const url of ["https:example.com", "http:example.com/a.png", "https:/example.com", "https:///example.com", "https:\\\\example.com", "https:/\\example.com"]) {
      expect(URL.canParse(url), url).toBe(true);
      const refused = await expectInvalid(withBase({ picture: url, profile: { website: url, profilePage: url } }), [
        path("picture"),
        path("profile", "profilePage"),
        path("profile", "website"),
      ]);
      expect(refused.fieldErrors.map((error) => error.message)).toEqual(
        Array(3).fill('Must be written as http:// or https:// followed by the host name, as in "https://example.com/".'),
      );
    }
  });

  it("refuses a URL of 2048 characters whose WHATWG form is longer", async () => {
    const url = `https://example.com/${" x".repeat(1014)}`;
    expect(url).toHaveLength(2048);
    const result = await expectInvalid(withBase({ picture: url }), [path("picture")]);
    expect(result.fieldErrors.map((error) => error.message)).toEqual([
      "Must be at most 2048 characters once spaces and other characters are percent-encoded.",
    ]);
  });
});

describe("profile.birthdate (validation/birthdate.ts)", () => {
  it("accepts real dates as YYYY-MM-DD, 0000-MM-DD and YYYY", async () => {
    for (const birthdate of ["2000-02-29", "0000-02-29", "1990-07-15", "0000-12-31", "1990", "2024-12-31", "0050-06-01", "0004-02-29"]) {
      expect((await expectValid(withBase({ profile: { birthdate } }))).profile?.birthdate).toBe(birthdate);
    }
  });

  const invalid: Array<[string, string]> = [
    ["29 February of a common year", "2001-02-29"],
    ["29 February of a common year below 100", "0050-02-29"],
    ["a 13th month", "2023-13-01"],
    ["month 00", "2023-00-10"],
    ["day 00", "2023-01-00"],
    ["31 April", "2023-04-31"],
    ["30 February in year 0000", "0000-02-30"],
    ["0000 alone", "0000"],
    ["a two-digit year", "99"],
    ["a five-digit year", "12345"],
    ["unpadded month and day", "1990-1-5"],
    ["slashes", "1990/01/05"],
    ["a European date", "15.07.1990"],
    ["a date-time", "1990-07-15T00:00:00Z"],
    ["empty", ""],
    ["a NUL character", `1990${NUL}`],
    ["an unpaired surrogate", "1990\ud800"],
  ];
  for (const [name, birthdate] of invalid) {
    it(`refuses ${name} (${JSON.stringify(birthdate)})`, async () => {
      await expectInvalid(withBase({ profile: { birthdate } }), [path("profile", "birthdate")]);
    });
  }

  it("refuses a date after today everywhere (UTC+14) and a later year, and takes today, this year and any day without a year", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const todayInKiribati = new Date(Date.now() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const tomorrowInKiribati = new Date(Date.parse(todayInKiribati) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const thisYear = today.slice(0, 4);
    for (const birthdate of [tomorrowInKiribati, String(Number(todayInKiribati.slice(0, 4)) + 1), "2999-01-01", "9999"]) {
      const result = await expectInvalid(withBase({ profile: { birthdate } }), [path("profile", "birthdate")]);
      expect(result.fieldErrors.map((error) => error.message), birthdate).toEqual(["Must not be in the future."]);
    }
    for (const birthdate of [today, todayInKiribati, thisYear, `0000-${tomorrowInKiribati.slice(5)}`, "0000-12-31"]) {
      expect((await expectValid(withBase({ profile: { birthdate } }))).profile?.birthdate).toBe(birthdate);
    }
  });
});

describe("profile.gender (validation/gender.ts)", () => {
  it("accepts a short code or an integer from -10 to 10", async () => {
    for (const gender of ["female", "male", "non-binary", "g".repeat(32), -10, 10, 0, 7]) {
      const user = await expectValid(withBase({ profile: { gender } }));
      expect(user.profile?.gender).toStrictEqual(gender);
    }
  });

  const invalid: Array<[string, string | number]> = [
    ["11", 11],
    ["-11", -11],
    ["a fraction", 2.5],
    ["a large number", 1e9],
    ["an empty string", ""],
    ["only spaces", "   "],
    ["a 33-character code", "g".repeat(33)],
    ["a NUL character", NUL],
    ["an unpaired surrogate", SURROGATE],
    ["the string \"15\"", "15"],
    ["the string \"-11\"", "-11"],
    ["fullwidth digits", "\uff11\uff15"],
    ["Arabic-Indic digits", "-\u0663\u0660"],
  ];
  for (const [name, gender] of invalid) {
    it(`refuses ${name}`, async () => {
      await expectInvalid(withBase({ profile: { gender } }), [path("profile", "gender")]);
    });
  }

  it("takes a string that spells an integer as that integer, range and all", async () => {
    for (const [given, stored] of [["3", 3], [" -10 ", -10], ["+7", 7], ["010", 10], ["\uff13", 3], ["\u22124", -4]] as const) {
      expect((await expectValid(withBase({ profile: { gender: given } }))).profile?.gender).toStrictEqual(stored);
    }
    // 1e20 once had a second message too, zod's `.int()` calling it no integer (past 2^53).
    for (const gender of ["15", "-11", 11, 1e20, "99999999999999999999"]) {
      const result = await expectInvalid(withBase({ profile: { gender } }), [path("profile", "gender")]);
      expect(result.fieldErrors.map((error) => error.message)).toEqual(["Must be from -10 to 10."]);
    }
  });
});

describe("profile.locale (validation/locale.ts)", () => {
  it("accepts BCP 47 tags", async () => {
    for (const locale of ["en-US", "fr-CA", "en", "zh-Hant-TW", "es-419"]) {
      expect((await expectValid(withBase({ profile: { locale } }))).profile?.locale).toBe(locale);
    }
  });

  it("stores a tag in its canonical form", async () => {
    for (const [given, stored] of [["EN-us", "en-US"], ["zh-hant-tw", "zh-Hant-TW"], [" fr-ca ", "fr-CA"], ["iw", "he"]]) {
      expect((await expectValid(withBase({ profile: { locale: given } }))).profile?.locale).toBe(stored);
    }
  });

  const invalid: Array<[string, string]> = [
    ["an underscore (en_US)", "en_US"],
    ["a language name", "english"],
    ["one letter", "e"],
    ["a trailing hyphen", "en-"],
    ["digits", "123"],
    ["more than 35 characters", `en-${"abcdefgh-".repeat(4)}`],
    ["empty", ""],
    ["a NUL character", "en-US\u0000"],
    ["an unpaired surrogate", "en-US\ud800"],
  ];
  for (const [name, locale] of invalid) {
    it(`refuses ${name}`, async () => {
      await expectInvalid(withBase({ profile: { locale } }), [path("profile", "locale")]);
    });
  }
});

describe("profile.zoneinfo (validation/zoneinfo.ts)", () => {
  it("accepts IANA time zone names", async () => {
    for (const zoneinfo of ["Europe/Paris", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Europe/Kyiv", "US/Pacific", "UTC"]) {
      expect((await expectValid(withBase({ profile: { zoneinfo } }))).profile?.zoneinfo).toBe(zoneinfo);
    }
  });

  it("stores a name in the time zone database's spelling when only its case differs", async () => {
    for (const [given, stored] of [["EUROPE/paris", "Europe/Paris"], ["america/port-au-prince", "America/Port-au-Prince"], ["utc", "UTC"]]) {
      expect((await expectValid(withBase({ profile: { zoneinfo: given } }))).profile?.zoneinfo).toBe(stored);
    }
  });

  it("stores a link in the database's spelling too, without renaming it to the zone it links to", async () => {
    for (const [given, stored] of [
      ["us/pacific", "US/Pacific"],
      ["asia/kolkata", "Asia/Kolkata"],
      ["ASIA/CALCUTTA", "Asia/Calcutta"],
      ["europe/kyiv", "Europe/Kyiv"],
      ["etc/utc", "Etc/UTC"],
      ["gb-eire", "GB-Eire"],
    ]) {
      expect((await expectValid(withBase({ profile: { zoneinfo: given } }))).profile?.zoneinfo).toBe(stored);
    }
  });

  const invalid: Array<[string, string]> = [
    ["an unknown zone", "Mars/Base"],
    ["a fixed offset", "+02:00"],
    ["an offset name", "UTC+2"],
    ["an abbreviation ICU takes but IANA does not name", "PST"],
    ["an ambiguous abbreviation", "IST"],
    ["an ICU alias", "SystemV/PST8"],
    ["a trailing slash", "Europe/"],
    ["a path", "../../etc/passwd"],
    ["more than 64 characters", `America/${"A".repeat(60)}`],
    ["empty", ""],
    ["a NUL character", "Europe/Paris\u0000"],
    ["an unpaired surrogate", "Europe/Paris\ud800"],
  ];
  for (const [name, zoneinfo] of invalid) {
    it(`refuses ${name}`, async () => {
      await expectInvalid(withBase({ profile: { zoneinfo } }), [path("profile", "zoneinfo")]);
    });
  }
});

describe("metadata (validation/metadata.ts)", () => {
  it("accepts up to 10 keys with string, number, boolean or null values, keys and strings up to 1024", async () => {
    const ten = { s: "text", e: "", i: 42, x: -1.5, big: 1e300, t: true, f: false, n: null, u: "ünïcødé 🦄", z: 0 };
    expect((await expectValid(withBase({ metadata: ten }))).metadata).toEqual(ten);
    const longest = { ["k".repeat(1024)]: "v".repeat(1024) };
    expect((await expectValid(withBase({ metadata: longest }))).metadata).toEqual(longest);
    expect((await expectValid(withBase({ metadata: {} }))).metadata).toEqual({});
  });

  const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`k${index}`, index]));
  const longKey = "k".repeat(1025);
  const invalid: Array<[string, Record<string, unknown>, Path]> = [
    ["11 keys", eleven, path("metadata")],
    ["a nested object value", { nested: { a: 1 } }, path("metadata", "nested")],
    ["an array value", { list: [1, 2] }, path("metadata", "list")],
    ["an empty array value", { list: [] }, path("metadata", "list")],
    ["a key over 1024 characters", { [longKey]: "v" }, path("metadata", longKey)],
    ["a string value over 1024 characters", { long: "v".repeat(1025) }, path("metadata", "long")],
    ["a NUL character in a value", { nul: NUL }, path("metadata", "nul")],
    ["an unpaired surrogate in a value", { lone: SURROGATE }, path("metadata", "lone")],
    ["a NUL character in a key", { [`key${NUL}`]: 1 }, path("metadata", `key${NUL}`)],
    ["an unpaired surrogate in a key", { [`key${SURROGATE}`]: 1 }, path("metadata", `key${SURROGATE}`)],
  ];
  for (const [name, metadata, fieldPath] of invalid) {
    it(`refuses ${name}`, async () => {
      await expectInvalid(withBase({ metadata }), [fieldPath]);
    });
  }

  it("says what is wrong: a length, or an unstorable character", async () => {
    const messages = async (metadata: Record<string, unknown>) =>
      (await expectInvalid(withBase({ metadata }), [path("metadata", Object.keys(metadata)[0]!)])).fieldErrors.map((error) => error.message);
    expect(await messages({ nul: `v${NUL}` })).toEqual(["Value must not contain NUL characters or unpaired surrogates."]);
    expect(await messages({ lone: SURROGATE })).toEqual(["Value must not contain NUL characters or unpaired surrogates."]);
    expect(await messages({ [`key${NUL}`]: 1 })).toEqual(["Key must not contain NUL characters or unpaired surrogates."]);
    expect(await messages({ long: "v".repeat(1025) })).toEqual(["Must be at most 1024 characters."]);
  });

  it("lists every bad key of one metadata object", async () => {
    await expectInvalid(withBase({ metadata: { ok: 1, a: { b: 1 }, c: [1], d: "v".repeat(1025) } }), [
      path("metadata", "a"),
      path("metadata", "c"),
      path("metadata", "d"),
    ]);
  });

  it("counts characters, not UTF-16 units: 1024 emoji (2048 units) are 1024 characters, 1025 too many", async () => {
    const emoji = "🦄";
    const longest = { [emoji.repeat(1024)]: emoji.repeat(1024), half: "é".repeat(600) + emoji.repeat(424) };
    expect((await expectValid(withBase({ metadata: longest }))).metadata).toEqual(longest);
    const longKey = emoji.repeat(1025);
    await expectInvalid(withBase({ metadata: { value: emoji.repeat(1025), [longKey]: 1 } }), [path("metadata", "value"), path("metadata", longKey)]);
  });
});

describe("text lengths and storable characters (validation/text.ts)", () => {
  // [input at a given string, path, maximum length]
  const fields: Array<[string, (value: string) => Input, Path, number]> = [
    ["name", (value) => ({ name: value }), path("name"), 256],
    ["profile.familyName", (value) => ({ profile: { familyName: value } }), path("profile", "familyName"), 256],
    ["profile.givenName", (value) => ({ profile: { givenName: value } }), path("profile", "givenName"), 256],
    ["profile.middleName", (value) => ({ profile: { middleName: value } }), path("profile", "middleName"), 256],
    ["profile.nickname", (value) => ({ profile: { nickname: value } }), path("profile", "nickname"), 256],
    ...(
      [
        ["id", 128],
        ["firstName", 256],
        ["lastName", 256],
        ["streetAddress", 1024],
        ["streetAddress2", 1024],
        ["city", 256],
        ["state", 256],
        ["zipCode", 32],
        ["country", 256],
      ] as const
    ).map(
      ([field, maximum]): [string, (value: string) => Input, Path, number] => [
        `profile.addresses.1.${field}`,
        (value) => ({ profile: { addresses: [{ city: "Paris" }, { [field]: value }] } }),
        path("profile", "addresses", 1, field),
        maximum,
      ],
    ),
    ["identities.0.connection", (value) => ({ identities: [identity({ connection: value })] }), path("identities", 0, "connection"), 128],
    ["identities.1.id", (value) => ({ identities: [identity(), identity({ id: value })] }), path("identities", 1, "id"), 255],
  ];

  it("accepts every text field at its maximum length, trimmed", async () => {
    const input: SignUpInput = withBase({
      name: "  N".padEnd(258, "n") + "  ",
      profile: {
        familyName: "f".repeat(256),
        givenName: "g".repeat(256),
        middleName: "m".repeat(256),
        nickname: "k".repeat(256),
        addresses: [
          {
            id: "i".repeat(128),
            firstName: "f".repeat(256),
            lastName: "l".repeat(256),
            streetAddress: `${"s".repeat(500)}\n${"t".repeat(523)}`,
            streetAddress2: "2".repeat(1024),
            city: "c".repeat(256),
            state: "s".repeat(256),
            zipCode: "z".repeat(32),
            country: "o".repeat(256),
          },
        ],
      },
      identities: [identity({ connection: "c".repeat(128), id: unique("").padEnd(255, "i") })],
    });
    const user = await expectValid(input);
    expect(user.name).toBe("N".padEnd(256, "n"));
    expect(user.profile?.addresses[0]).toMatchObject(input.profile!.addresses![0]!);
    expect(user.identities[0]).toMatchObject({ connection: "c".repeat(128) });
  });

  for (const [field, input, fieldPath, maximum] of fields) {
    it(`refuses ${field} over ${maximum} characters, empty, blank, with NUL or an unpaired surrogate`, async () => {
      for (const value of ["x".repeat(maximum + 1), "", "   ", NUL, SURROGATE]) {
        await expectInvalid(withBase(input(value)), [fieldPath]);
      }
      // Trimming comes first: spaces around a value of the maximum length do not count.
      await expectValid(withBase(input(` ${unique("").padEnd(maximum, "x")} `)));
    });
  }

  it("refuses a password over 4096 characters with a field error (the policy speaks up to that)", async () => {
    await expectInvalid(withBase({ password: "Zq7#kP2w".repeat(512) + "x" }), [path("password")]);
    const result = await send(withBase({ password: "Zq7#kP2w".repeat(512) }));
    expect(result.__typename).toBe("PasswordPolicyError");
  });

  it("never answers 500 for a password with a NUL character or an unpaired surrogate", async () => {
    for (const odd of [`${password}\u0000tail`, `${password}\ud800tail`]) {
      const result = await send(withBase({ password: odd }));
      if (result.__typename === "ValidationError") {
        expect(result.fieldErrors.map((error) => error.path)).toEqual([path("password")]);
      } else {
        expect(result.__typename).toBe("SignUpSuccess");
      }
    }
  });

  it("refuses a salt over 128 characters or with NUL (admin)", async () => {
    for (const salt of ["s".repeat(129), `salt-salt${NUL}`, `salt-salt${SURROGATE}`]) {
      await expectInvalid(withBase({ salt }), [path("salt")], { admin: true });
    }
  });

  it("refuses a value made only of invisible characters, as it refuses a blank one, and keeps them inside visible text", async () => {
    // Zero-width space; bidirectional marks; word joiner and Hangul filler; a control character.
    const invisible = ["\u200B", " \u200E\u200F ", "\u2060\u3164", "\u0007"];
    for (const [field, input, fieldPath] of fields) {
      for (const value of invisible) {
        const result = await expectInvalid(withBase(input(value)), [fieldPath]);
        expect(result.fieldErrors.map((error) => error.message), `${field} ${JSON.stringify(value)}`).toEqual([
          "Must not be blank: it has only invisible characters.",
        ]);
      }
    }
    for (const gender of invisible) await expectInvalid(withBase({ profile: { gender } }), [path("profile", "gender")]);
    const user = await expectValid(withBase({ name: "\u200F\u05E2\u05D3\u05D4 Lovelace", profile: { givenName: "Ada\u200D", gender: "x\u200B" } }));
    expect([user.name, user.profile?.givenName, user.profile?.gender]).toEqual(["\u200F\u05E2\u05D3\u05D4 Lovelace", "Ada\u200D", "x\u200B"]);
  });
});

describe("control characters (validation/text.ts)", () => {
  // One-line fields: every text field of the "text lengths" block but street addresses, the
  // gender code, and identities' connection and id (identifiers from other systems, which have no
  // control characters either).
  const oneLineFields: Array<[string, (value: string) => Input, Path]> = [
    ["name", (value) => ({ name: value }), path("name")],
    ["profile.gender", (value) => ({ profile: { gender: value } }), path("profile", "gender")],
    ["identities.0.connection", (value) => ({ identities: [identity({ connection: value })] }), path("identities", 0, "connection")],
    ["identities.0.id", (value) => ({ identities: [identity({ id: value })] }), path("identities", 0, "id")],
    ...(["familyName", "givenName", "middleName", "nickname"] as const).map(
      (field): [string, (value: string) => Input, Path] => [`profile.${field}`, (value) => ({ profile: { [field]: value } }), path("profile", field)],
    ),
    ...(["id", "firstName", "lastName", "city", "state", "zipCode", "country"] as const).map(
      (field): [string, (value: string) => Input, Path] => [
        `profile.addresses.0.${field}`,
        (value) => ({ profile: { addresses: [{ [field]: value }] } }),
        path("profile", "addresses", 0, field),
      ],
    ),
  ];
  // A bell, line breaks (Unicode's line and paragraph separators too), a tab, an escape sequence,
  // DEL, and C1's NEL and CSI.
  const controls = [
    "Ada\u0007",
    "Ada\nLovelace",
    "Ada\r\nLovelace",
    "Ada\u2028Lovelace",
    "Ada\u2029Lovelace",
    "Ada\tLovelace",
    "Ada \u001b[31mLovelace",
    "Ada\u007f",
    "Ada\u0085King",
    "Ada\u009b31m",
  ];

  for (const [field, input, fieldPath] of oneLineFields) {
    it(`refuses control characters inside ${field}`, async () => {
      for (const value of controls) {
        const result = await expectInvalid(withBase(input(value)), [fieldPath]);
        expect(result.fieldErrors.map((error) => error.message), JSON.stringify(value)).toEqual([
          "Must not contain control characters (line breaks, tabs, escape codes): it is one line of text.",
        ]);
      }
    });
  }

  it("takes line breaks in street addresses (seed 000: they may have several lines), but no other control character", async () => {
    for (const field of ["streetAddress", "streetAddress2"] as const) {
      const lines = "221B Baker Street\nFlat 2\r\nLondon";
      const user = await expectValid(withBase({ profile: { addresses: [{ [field]: lines }] } }));
      expect(user.profile?.addresses[0]?.[field]).toBe(lines);
      for (const value of ["221B\tBaker Street", "221B Baker Street\u001b[2J", "221B\u009b31m Baker Street"]) {
        const result = await expectInvalid(withBase({ profile: { addresses: [{ [field]: value }] } }), [path("profile", "addresses", 0, field)]);
        expect(result.fieldErrors.map((error) => error.message), JSON.stringify(value)).toEqual([
          "Must not contain control characters (tabs, escape codes) other than line breaks.",
        ]);
      }
    }
  });

  it("refuses bidirectional embeddings, overrides and isolates in names and addresses, and keeps the marks RTL text uses", async () => {
    const bidirectionalMessage = "Must not contain bidirectional controls (U+202A to U+202E, U+2066 to U+2069): they show text as other text.";
    const fields: Array<[(value: string) => Input, Path]> = [
      [(value) => ({ name: value }), path("name")],
      [(value) => ({ profile: { givenName: value } }), path("profile", "givenName")],
      [(value) => ({ profile: { addresses: [{ streetAddress: value }] } }), path("profile", "addresses", 0, "streetAddress")],
    ];
    for (const [input, fieldPath] of fields) {
      for (const value of ["Ada\u202eecalevoL", "Ada\u202dKing", "\u2066Ada\u2069", "Ada\u202a King"]) {
        const result = await expectInvalid(withBase(input(value)), [fieldPath]);
        expect(result.fieldErrors.map((error) => error.message), JSON.stringify(value)).toEqual([bidirectionalMessage]);
      }
    }
    const marked = "\u200f\u0645\u062d\u0645\u062f \u061cAda\u200e";
    expect((await expectValid(withBase({ name: marked }))).name).toBe(marked);
  });

  it("keeps control characters in metadata values and identity details, which are data, not text shown as a line", async () => {
    const user = await expectValid(withBase({ metadata: { note: "line one\nline two\t!" }, identities: [identity({ details: { bio: "a\nb\u0007" } })] }));
    expect(user.metadata).toEqual({ note: "line one\nline two\t!" });
    expect(user.identities[0]?.details).toEqual({ bio: "a\nb\u0007" });
  });
});

describe("createUser's own fields (admin)", () => {
  /** createUser with `input` on a valid base; the messages of its field errors by path, none when it succeeded. */
  async function createUserMessages(input: Partial<CreateUserInput>): Promise<Record<string, string[]>> {
    const response = await server.request(
      CreateUserMutation,
      { input: { emailAddress: [uniqueEmail("created")], skipPasswordRequirement: true, skipLegalChecks: true, ...input } },
      { admin: true },
    );
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
    const result = response.body.data?.createUser;
    if (result?.__typename === "CreateUserSuccess") return {};
    if (result?.__typename !== "ValidationError") throw new Error(`expected success or ValidationError, got ${JSON.stringify(response.body)}`);
    const messages: Record<string, string[]> = {};
    for (const error of result.fieldErrors) (messages[error.path.join(".")] ??= []).push(error.message);
    return messages;
  }

  it("refuses a leap second in legalAcceptedAt and createdAt with a message of its own (validation/date-time.ts)", async () => {
    const leapSecond = ["A leap second (:60) cannot be stored; use :59."];
    expect(await createUserMessages({ legalAcceptedAt: "2016-12-31T23:59:60Z", createdAt: "2016-12-31T18:59:60.5-05:00" })).toEqual({
      "input.legalAcceptedAt": leapSecond,
      "input.createdAt": leapSecond,
    });
    // Anything else wrong with it is said first.
    const format = ["Must be an RFC 3339 date-time between the years 0001 and 9999 (UTC), such as 2012-10-20T07:15:20.902Z."];
    expect(await createUserMessages({ legalAcceptedAt: "2016-02-30T23:59:60Z", createdAt: "0001-01-01T00:59:60+01:00" })).toEqual({
      "input.legalAcceptedAt": format,
      "input.createdAt": format,
    });
    expect(await createUserMessages({ legalAcceptedAt: "2016-12-31T23:59:59Z", createdAt: "2016-12-31T23:59:59.999Z" })).toEqual({});
  });

  it("refuses legalAcceptedAt and createdAt more than a day ahead of now, and takes them a few hours ahead (validation/date-time.ts)", async () => {
    const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 60 * 60 * 1000).toISOString();
    const future = ["Must not be in the future: at most a day ahead of now, for clock differences."];
    for (const instant of [hoursFromNow(25), "2999-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"]) {
      expect(await createUserMessages({ legalAcceptedAt: instant, createdAt: instant }), instant).toEqual({
        "input.legalAcceptedAt": future,
        "input.createdAt": future,
      });
    }
    expect(await createUserMessages({ legalAcceptedAt: hoursFromNow(3), createdAt: hoursFromNow(23) })).toEqual({});
  });

  it("refuses control characters inside externalId, firstName and lastName (validation/text.ts)", async () => {
    const oneLine = ["Must not contain control characters (line breaks, tabs, escape codes): it is one line of text."];
    expect(await createUserMessages({ externalId: "crm-7\tstatus: active", firstName: "Ada\nstatus: active", lastName: "King\u001b[2J" })).toEqual({
      "input.externalId": oneLine,
      "input.firstName": oneLine,
      "input.lastName": oneLine,
    });
  });
});

describe("loginAttempts (user-input.ts, admin)", () => {
  it("accepts 0 to 20000 and refuses values outside", async () => {
    await expectValid(withBase({ loginAttempts: 0 }), { admin: true });
    await expectValid(withBase({ loginAttempts: 20_000 }), { admin: true });
    for (const loginAttempts of [-1, 20_001, 2_147_483_647]) {
      await expectInvalid(withBase({ loginAttempts }), [path("loginAttempts")], { admin: true });
    }
  });
});

describe("identities (validation/identity.ts, validation/json-object.ts)", () => {
  it("accepts several identities, the same id at two providers, and details up to 16 levels and 16 KiB", async () => {
    const id = unique("shared-");
    const user = await expectValid(
      withBase({
        identities: [
          identity({ provider: "GITHUB", id }),
          identity({ provider: "GOOGLE", id }),
          identity({ provider: "TWILIO", type: "SMS", id: undefined }),
          identity({ provider: "TWILIO", type: "SMS", id: undefined }),
          identity({ details: nested(16) }),
          identity({ details: { blob: "x".repeat(16 * 1024 - 20) } }),
          identity({ details: { list: [1, "two", null, true, { three: [3] }], unicode: "🦄" } }),
        ],
      }),
    );
    expect(user.identities).toHaveLength(7);
    expect(user.identities[4]?.details).toEqual(nested(16));
  });

  it("refuses a repeated (provider, id) inside one input, on the repeat", async () => {
    const id = unique("dup-");
    await expectInvalid(withBase({ identities: [identity({ id }), identity({ id: unique("other-") }), identity({ id })] }), [
      path("identities", 2, "id"),
    ]);
    // The same after trimming.
    await expectInvalid(withBase({ identities: [identity({ id }), identity({ id: ` ${id} ` })] }), [path("identities", 1, "id")]);
  });

  it("refuses more than 20 identities", async () => {
    await expectInvalid(withBase({ identities: Array.from({ length: 21 }, () => identity()) }), [path("identities")]);
  });

  const invalidDetails: Array<[string, Record<string, unknown>]> = [
    ["nested 17 levels", nested(17)],
    ["nested 100 levels", nested(100)],
    ["nested in arrays", { a: JSON.parse("[".repeat(20) + "]".repeat(20)) }],
    ["over 16 KiB", { blob: "x".repeat(16 * 1024) }],
    ["over 16 KiB in multi-byte characters", { blob: "é".repeat(8200) }],
    ["a NUL character in a value", { a: NUL }],
    ["a NUL character deep inside", { a: { b: [{ c: NUL }] } }],
    ["an unpaired surrogate in a value", { a: { b: SURROGATE } }],
    ["a NUL character in a key", { [`k${NUL}`]: 1 }],
    ["an unpaired surrogate in a key", { a: { [`k${SURROGATE}`]: 1 } }],
  ];
  for (const [name, details] of invalidDetails) {
    it(`refuses details ${name}`, async () => {
      await expectInvalid(withBase({ identities: [identity(), identity({ details })] }), [path("identities", 1, "details")]);
    });
  }

  it("never answers 500 for details nested thousands of levels deep", async () => {
    for (const levels of [5_000, 100_000]) {
      // Written by hand: JSON.stringify itself would overflow the stack here.
      const details = `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
      const variables = `{"input":{"email":"${uniqueEmail("deep")}","password":"${password}","identities":[{"connection":"c","provider":"GITHUB","type":"SOCIAL","details":${details}}]}}`;
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"query":${JSON.stringify(print(SignUpMutation))},"variables":${variables}}`,
      });
      expect(response.status, String(levels)).toBeLessThan(500);
      const body = (await response.json()) as { data?: SignUpResultData | null; errors?: Array<{ extensions?: { code?: string } }> };
      const result = body.data?.signUp;
      if (result) {
        expect(result.__typename).toBe("ValidationError");
        if (result.__typename === "ValidationError") expect(result.fieldErrors.map((error) => error.path)).toEqual([path("identities", 0, "details")]);
      } else {
        expect(body.errors?.length).toBeGreaterThan(0);
        expect(body.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
      }
    }
  });
});

describe("odd JSON never makes a 500", () => {
  /** Posts a hand-written `input` JSON text (JSON.stringify cannot write some of these). */
  async function postRawInput(inputJson: string) {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"query":${JSON.stringify(print(SignUpMutation))},"variables":{"input":${inputJson}}}`,
    });
    expect(response.status, inputJson.slice(0, 200)).toBeLessThan(500);
    return (await response.json()) as { data?: SignUpResultData | null; errors?: unknown[] };
  }

  it("refuses a number too large for a double (1e309 parses as Infinity) in metadata and details", async () => {
    const metadata = await postRawInput(`{"email":"${uniqueEmail()}","password":"${password}","metadata":{"n":1e309}}`);
    const metadataResult = metadata.data?.signUp;
    if (metadataResult) {
      expect(metadataResult.__typename).toBe("ValidationError");
      if (metadataResult.__typename === "ValidationError") expect(metadataResult.fieldErrors.map((error) => error.path)).toEqual([path("metadata", "n")]);
    } else expect(metadata.errors?.length).toBeGreaterThan(0);
    const details = await postRawInput(
      `{"email":"${uniqueEmail()}","password":"${password}","identities":[{"connection":"c","provider":"GITHUB","type":"SOCIAL","details":{"n":[-1e400]}}]}`,
    );
    const detailsResult = details.data?.signUp;
    if (detailsResult) {
      expect(detailsResult.__typename).toBe("ValidationError");
      if (detailsResult.__typename === "ValidationError") {
        expect(detailsResult.fieldErrors.map((error) => error.path)).toEqual([path("identities", 0, "details")]);
      }
    } else expect(details.errors?.length).toBeGreaterThan(0);
  });

  it("refuses a __proto__ key (the database layer would drop it unseen), stores constructor and toString", async () => {
    const base = `"email":"${uniqueEmail()}","password":"${password}"`;
    const cases: Array<[string, Path]> = [
      [`"metadata":{"__proto__":"p","ok":1}`, path("metadata", "__proto__")],
      [`"identities":[{"connection":"c","provider":"GITHUB","type":"SOCIAL","details":{"__proto__":{"admin":true}}}]`, path("identities", 0, "details")],
      [`"identities":[{"connection":"c","provider":"GITHUB","type":"SOCIAL","details":{"a":[{"__proto__":1}]}}]`, path("identities", 0, "details")],
    ];
    for (const [json, fieldPath] of cases) {
      const result = (await postRawInput(`{${base},${json}}`)).data?.signUp;
      expect(result?.__typename, json).toBe("ValidationError");
      if (result?.__typename === "ValidationError") expect(result.fieldErrors.map((error) => error.path)).toEqual([fieldPath]);
    }
    const body = await postRawInput(
      `{${base},"metadata":{"constructor":"c","toString":"t","hasOwnProperty":1},"identities":[{"connection":"c","provider":"GITHUB","type":"SOCIAL","details":{"constructor":{"prototype":{"admin":true}},"toString":1}}]}`,
    );
    const result = body.data?.signUp;
    expect(result?.__typename).toBe("SignUpSuccess");
    if (result?.__typename !== "SignUpSuccess") return;
    expect(result.user.metadata).toEqual({ constructor: "c", toString: "t", hasOwnProperty: 1 });
    expect(result.user.identities[0]?.details).toEqual({ constructor: { prototype: { admin: true } }, toString: 1 });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  // 10,000 keys: the most a variable's object may have before it is refused unread (query-limits.test.ts).
  it("answers metadata of 10,000 bad keys with the one error that matters, not a field error per key", async () => {
    const keys = Array.from({ length: 10_000 }, (_, index) => `"k${index}":{"nested":${index}}`).join(",");
    const body = await postRawInput(`{"email":"${uniqueEmail()}","password":"${password}","metadata":{${keys}}}`);
    const result = body.data?.signUp;
    expect(result?.__typename).toBe("ValidationError");
    if (result?.__typename === "ValidationError") {
      expect(result.fieldErrors).toEqual([{ path: path("metadata"), message: "Must have at most 10 keys." }]);
    }
  });

  it("refuses a megabyte-long name with a field error", async () => {
    await expectInvalid(withBase({ name: "n".repeat(1_000_000) }), [path("name")]);
  });
});

describe("profile.addresses (validation/profile.ts)", () => {
  it("accepts up to 10 addresses with at most one primary", async () => {
    const addresses = Array.from({ length: 10 }, (_, index) => ({ id: `Address ${index}`, isPrimary: index === 3, city: `City ${index}` }));
    const user = await expectValid(withBase({ profile: { addresses } }));
    expect(user.profile?.addresses.map((address) => address.id)).toEqual(addresses.map((address) => address.id));
    expect(user.profile?.addresses.filter((address) => address.isPrimary)).toHaveLength(1);
    await expectValid(withBase({ profile: { addresses: [{ isPrimary: false }, { isPrimary: false }] } }));
  });

  it("refuses more than 10 addresses", async () => {
    const addresses = Array.from({ length: 11 }, (_, index) => ({ city: `City ${index}` }));
    await expectInvalid(withBase({ profile: { addresses } }), [path("profile", "addresses")]);
  });

  it("refuses an address whose id repeats an earlier one's, ignoring case and surrounding spaces, on the repeat", async () => {
    const result = await expectInvalid(withBase({ profile: { addresses: [{ id: "Home", city: "A" }, { id: "Home", city: "B" }] } }), [
      path("profile", "addresses", 1, "id"),
    ]);
    expect(result.fieldErrors.map((error) => error.message)).toEqual(["Repeats the id of an earlier address (ignoring case and Unicode form): each address needs its own."]);
    await expectInvalid(withBase({ profile: { addresses: [{ id: "Caf\u00e9" }, { id: "Cafe\u0301" }, { id: "Stra\u00dfe" }, { id: "STRASSE" }] } }), [
      path("profile", "addresses", 1, "id"),
      path("profile", "addresses", 3, "id"),
    ]);
    await expectInvalid(withBase({ profile: { addresses: [{ id: "Home" }, { id: "Work" }, { id: " hOME " }, { id: "work" }] } }), [
      path("profile", "addresses", 2, "id"),
      path("profile", "addresses", 3, "id"),
    ]);
    await expectValid(withBase({ profile: { addresses: [{ id: "Home" }, { id: "Home 2" }, {}, {}] } }));
  });

  it("refuses two primary addresses", async () => {
    await expectInvalid(withBase({ profile: { addresses: [{ isPrimary: true, city: "A" }, { city: "B" }, { isPrimary: true, city: "C" }] } }), [
      path("profile", "addresses"),
    ]);
  });

  it("names the field of the address at its index", async () => {
    await expectInvalid(
      withBase({ profile: { addresses: [{ zipCode: "75001" }, { city: "" }, { zipCode: "1".repeat(33) }, { country: "FR" }] } }),
      [path("profile", "addresses", 1, "city"), path("profile", "addresses", 2, "zipCode")],
    );
  });
});

describe("cross-field rules (cross-field-rules.ts)", () => {
  it("refuses verifyEmail without an email address, accepts verifyEmail false without one", async () => {
    await expectInvalid({ username: unique("cross"), password, verifyEmail: true }, [path("verifyEmail")]);
    await expectValid({ username: unique("cross"), password, verifyEmail: false });
    await expectValid(withBase({ verifyEmail: true }));
  });

  it("refuses verifyEmail together with emailVerified (admin)", async () => {
    await expectInvalid(withBase({ verifyEmail: true, emailVerified: true }), [path("verifyEmail")], { admin: true });
    await expectValid(withBase({ verifyEmail: false, emailVerified: true }), { admin: true });
  });

  it("refuses emailVerified without an email address (admin)", async () => {
    await expectInvalid({ username: unique("cross"), password, emailVerified: true }, [path("emailVerified")], { admin: true });
  });

  it("refuses phoneNumberVerified without a phone number, accepts it with one (admin)", async () => {
    await expectInvalid(withBase({ phoneNumberVerified: true }), [path("phoneNumberVerified")], { admin: true });
    const user = await expectValid(withBase({ phoneNumber: "+33 6 11 22 33 44", phoneNumberVerified: true }), { admin: true });
    expect(user.phoneNumberVerified).toBe(true);
  });

  it("refuses a sign-up with no email address, phone number or username", async () => {
    await expectInvalid({ password }, [path("email")]);
    await expectInvalid({ password, name: "Only A Name", profile: { givenName: "Only" } }, [path("email")]);
  });

  it("refuses a public sign-up without a password, and an admin's with neither a password nor an identity", async () => {
    await expectInvalid({ email: uniqueEmail() }, [path("password")]);
    await expectInvalid({ email: uniqueEmail(), identities: [identity()] }, [path("password")]);
    await expectInvalid({ email: uniqueEmail(), identities: [] }, [path("password")], { admin: true });
    const user = await expectValid({ email: uniqueEmail(), identities: [identity()] }, { admin: true });
    expect(user.hasPassword).toBe(false);
  });

  it("refuses hashFn without a password (admin)", async () => {
    await expectInvalid({ email: uniqueEmail(), hashFn: "PBKDF2", identities: [identity()] }, [path("hashFn")], { admin: true });
  });

  it("reports single-field and cross-field problems together", async () => {
    await expectInvalid({ email: "bad" }, [path("email"), path("password")]);
    await expectInvalid({ metadata: { a: [1] } }, [path("metadata", "a"), path("email"), path("password")]);
  });
});

describe("one ValidationError lists every invalid field at once", () => {
  it("keeps every cross-field problem however many there are (125,000 repeated list entries made a RangeError)", () => {
    const repeats = Array.from({ length: 200_000 }, (_, index) => ({ path: ["emailAddress", String(index + 1)], message: "Repeats an earlier entry." }));
    const validating = () => validateInput(z.object({ emailAddress: z.array(z.string()) }), { emailAddress: [] }, () => repeats);
    expect(validating).toThrow(new ValidationError(repeats));
  });

  it("lists all of them, each with its full path", async () => {
    const id = unique("dup-");
    const input: SignUpInput = {
      email: "not-an-email",
      phoneNumber: "+1 200 555 0123",
      username: "a",
      name: "x".repeat(257),
      picture: "javascript:alert(1)",
      password: "p".repeat(4097),
      verifyEmail: true,
      emailVerified: true,
      loginAttempts: 20_001,
      hashFn: "BCRYPT",
      salt: "not-a-bcrypt-salt",
      metadata: { a: { nested: true }, b: "ok", ["k".repeat(1025)]: 1 },
      profile: {
        birthdate: "2001-02-29",
        gender: 11,
        locale: "en_US",
        zoneinfo: "Mars/Base",
        website: "ftp://example.com",
        profilePage: "/relative",
        familyName: "",
        givenName: NUL,
        middleName: SURROGATE,
        nickname: "n".repeat(257),
        addresses: [
          { zipCode: "1".repeat(33), city: "ok" },
          { isPrimary: true, country: "" },
          { isPrimary: false, streetAddress: "s".repeat(1025), id: "i".repeat(129) },
        ],
      },
      identities: [
        identity({ id, connection: "" }),
        identity({ id, details: nested(20) }),
        identity({ id: "i".repeat(256), details: { blob: "x".repeat(16 * 1024) } }),
      ],
    };
    const result = await expectInvalid(
      input,
      [
        path("email"),
        path("phoneNumber"),
        path("username"),
        path("name"),
        path("picture"),
        path("password"),
        path("verifyEmail"),
        path("loginAttempts"),
        path("salt"),
        path("metadata", "a"),
        path("metadata", "k".repeat(1025)),
        path("profile", "birthdate"),
        path("profile", "gender"),
        path("profile", "locale"),
        path("profile", "zoneinfo"),
        path("profile", "website"),
        path("profile", "profilePage"),
        path("profile", "familyName"),
        path("profile", "givenName"),
        path("profile", "middleName"),
        path("profile", "nickname"),
        path("profile", "addresses", 0, "zipCode"),
        path("profile", "addresses", 1, "country"),
        path("profile", "addresses", 2, "streetAddress"),
        path("profile", "addresses", 2, "id"),
        path("identities", 0, "connection"),
        path("identities", 1, "id"),
        path("identities", 1, "details"),
        path("identities", 2, "id"),
        path("identities", 2, "details"),
      ],
      { admin: true },
    );
    expect(result.message).toMatch(/fields are invalid/);
  });

  it("lists the duplicate identity together with other field errors", async () => {
    const id = unique("dup-");
    await expectInvalid(withBase({ name: "", identities: [identity({ id }), identity({ id })] }), [path("name"), path("identities", 1, "id")]);
  });
});

describe("a value of the wrong GraphQL type is a GraphQL error, not a field error and not a 500", () => {
  const base = () => ({ email: uniqueEmail(), password });
  const cases: Array<[string, Record<string, unknown>]> = [
    ["an object for a String", { name: { first: "Ada" } }],
    ["a number for a String", { email: 42 }],
    ["a list for a String", { username: ["ada"] }],
    ["a string for a Boolean", { verifyEmail: "yes" }],
    ["a string for an Int", { loginAttempts: "5" }],
    ["a fraction for an Int", { loginAttempts: 2.5 }],
    ["an Int beyond 32 bits", { loginAttempts: 2 ** 31 }],
    ["an unknown HashFunction", { hashFn: "MD5" }],
    ["a boolean for Gender", { profile: { gender: true } }],
    ["an object for Gender", { profile: { gender: { code: "f" } } }],
    ["a string for JSONObject metadata", { metadata: "{}" }],
    ["a list for JSONObject metadata", { metadata: [1, 2] }],
    ["a list for JSONObject details", { identities: [{ connection: "c", provider: "GITHUB", type: "SOCIAL", details: [1] }] }],
    ["an unknown IdentityProvider", { identities: [{ connection: "c", provider: "MYSPACE", type: "SOCIAL", details: {} }] }],
    ["an unknown IdentityType", { identities: [{ connection: "c", provider: "GITHUB", type: "FAX", details: {} }] }],
    ["a missing required identity field", { identities: [{ provider: "GITHUB", type: "SOCIAL", details: {} }] }],
    ["a string for ProfileInput", { profile: "x" }],
    ["a string for an AddressInput", { profile: { addresses: ["x"] } }],
    ["an unknown input field", { nmae: "Ada" }],
  ];
  for (const [name, input] of cases) {
    it(`answers ${name} with a GraphQL error`, async () => {
      await expectGraphQLError({ ...base(), ...input });
    });
  }

  it("answers a null input with a GraphQL error", async () => {
    await expectGraphQLError(null);
  });
});
