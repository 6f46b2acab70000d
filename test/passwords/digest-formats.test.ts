import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { passwordHasherNames, type PasswordHasherName } from "../../src/domain/passwords/digest-format.ts";
import { digestFormatByName, digestFormats } from "../../src/domain/passwords/formats/registry.ts";

interface Vector {
  hasher: PasswordHasherName;
  password: string;
  digest: string;
  /** How the digest was made: never by our own code. */
  madeBy: string;
}

const horse = "correct horse battery staple";
const umlauts = "pässwörd ✓";
const firebaseSignerKey = "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==";

// Python below is Debian 12's /usr/bin/python3 (3.11) with python3-passlib 1.7.4, python3-django
// 3.2.25, python3-bcrypt 3.2.2 and python3-argon2 (argon2-cffi) 21.1.0; PHP is Debian's 8.2 CLI;
// `argon2` is Debian's argon2 CLI 0~20171227. `django` means after
// `from django.conf import settings; settings.configure(); django.setup()`.
const vectors: Vector[] = [
  {
    hasher: "bcrypt",
    password: horse,
    digest: "$2a$04$Gw8fzZJRKW5S5DKStPhxGOsZCox0IwYe.So6wJ5DU/0prdfWABd/G",
    madeBy: `python3: bcrypt.hashpw(b"${horse}", bcrypt.gensalt(rounds=4, prefix=b"2a"))`,
  },
  {
    hasher: "bcrypt",
    password: horse,
    digest: "$2b$04$Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL2",
    madeBy: `python3: bcrypt.hashpw(b"${horse}", bcrypt.gensalt(rounds=4, prefix=b"2b"))`,
  },
  {
    hasher: "bcrypt",
    password: horse,
    digest: "$2y$04$BADWdBr3N2zJSBACoRqhqOGuA7OEOj7Rn5G4CaeRp8c53cVasxA3y",
    madeBy: `php -r 'echo password_hash("${horse}", PASSWORD_BCRYPT, ["cost" => 4]);'`,
  },
  {
    hasher: "bcrypt",
    password: umlauts,
    digest: "$2y$04$UiQBtiSFtM71emgMcU8wSOq/bYtvCr8Fmb.ybSUadkupRrVjWdDZS",
    madeBy: `php -r 'echo password_hash("${umlauts}", PASSWORD_BCRYPT, ["cost" => 4]);'`,
  },
  {
    hasher: "bcrypt_sha256_django",
    password: horse,
    digest: "bcrypt_sha256$$2b$05$6tghc8miEeX3VueyTZalWOLoPrTTwWr/CtxWVGHkX4qqFVpSh2RdK",
    madeBy:
      "django: class Fast(BCryptSHA256PasswordHasher): rounds = 5 (Django's documented way to change rounds); " +
      `make_password("${horse}", hasher=Fast())`,
  },
  {
    hasher: "bcrypt_sha256_django",
    password: umlauts,
    digest: "bcrypt_sha256$$2b$05$i1.0vQ.x2kz6GO9IPA3sr.7B1Et2h68AgOhp3Gp9PvbeJkA8oYhHm",
    madeBy: `django: make_password("${umlauts}", hasher=Fast()) with Fast as above`,
  },
  {
    hasher: "bcrypt_sha256_django",
    password: horse,
    digest: "bcrypt_sha256$$2a$05$AXxIHC5HOqP1Hb.ItxlurOgMnnyqNnmIUrpeUuBudDTCbFSuflZxi",
    madeBy:
      "django: Fast as above but salt() returns bcrypt.gensalt(5, prefix=b\"2a\") (the $2a$ that older Django " +
      `wrote via py-bcrypt); make_password("${horse}", hasher=Legacy2a()); check_password accepts it`,
  },
  {
    hasher: "md5",
    password: horse,
    digest: "9cc2ae8a1ba7a93da39b46fc1019c481",
    madeBy: `python3: hashlib.md5("${horse}".encode()).hexdigest()`,
  },
  {
    hasher: "md5",
    password: umlauts,
    digest: "424F0ACB4DEF3F5D2DB59084752CE66D",
    madeBy: `python3: hashlib.md5("${umlauts}".encode()).hexdigest().upper()`,
  },
  {
    hasher: "sha256",
    password: horse,
    digest: "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a",
    madeBy: `python3: hashlib.sha256("${horse}".encode()).hexdigest()`,
  },
  {
    hasher: "sha256",
    password: umlauts,
    digest: "F754375CCC77531A8B1FF6B2E42646A035FE6A5E88C66A2A0842768628BC3AF8",
    madeBy: `python3: hashlib.sha256("${umlauts}".encode()).hexdigest().upper()`,
  },
  {
    hasher: "pbkdf2_sha256",
    password: horse,
    digest: "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=",
    madeBy:
      `python3: passlib.hash.pbkdf2_sha256.using(rounds=1000).hash("${horse}") gave ` +
      "$pbkdf2-sha256$1000$oDRm7J0TQggBQGhtDUGIcQ$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60; salt and hash " +
      "re-encoded as standard base64 with base64.b64encode(passlib.utils.binary.ab64_decode(field))",
  },
  {
    hasher: "pbkdf2_sha256",
    password: umlauts,
    digest: "pbkdf2_sha256$1000$LkUoxbiXEsJ4r1UKYex9zw==$Qdri4ceog+r/miEoFJiTIoEj4mFbWnvBz+w11nMW1r0=",
    madeBy:
      `python3: passlib.hash.pbkdf2_sha256.using(rounds=1000).hash("${umlauts}") gave ` +
      "$pbkdf2-sha256$1000$LkUoxbiXEsJ4r1UKYex9zw$Qdri4ceog.r/miEoFJiTIoEj4mFbWnvBz.w11nMW1r0, re-encoded as above",
  },
  {
    hasher: "pbkdf2_sha256_django",
    password: horse,
    digest: "pbkdf2_sha256$1000$L19UDQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFU=",
    madeBy: `django: h = PBKDF2PasswordHasher(); h.encode("${horse}", h.salt(), iterations=1000)`,
  },
  {
    hasher: "pbkdf2_sha256_django",
    password: horse,
    digest: "pbkdf2_sha256$260000$eJYSGwOYsUmgYwggVVzoPx$2+VCxStGO3Mpw9X7KD6iOp6mVobx/ugq9Np8ltXjSus=",
    madeBy: `django: make_password("${horse}", hasher="pbkdf2_sha256") (Django 3.2's default 260000 iterations)`,
  },
  {
    hasher: "pbkdf2_sha1",
    password: horse,
    digest: "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6b",
    madeBy:
      `django: h = PBKDF2SHA1PasswordHasher(); h.encode("${horse}", h.salt(), iterations=1000) gave ` +
      "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$M8KEZfINEkkClIbcOZEnayQOvWs=; hash field turned into Clerk's hex " +
      "with base64.b64decode(field).hex()",
  },
  {
    hasher: "pbkdf2_sha1",
    password: horse,
    digest: "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$M8KEZfINEkkClIbcOZEnayQOvWs=",
    madeBy: "django: the same h.encode(...) output as above, unchanged (Django's own base64 form)",
  },
  {
    hasher: "pbkdf2_sha1",
    password: umlauts,
    digest: "pbkdf2_sha1$1000$lgBE064zQ8MhVidgp3uiDU$7d1351845f6cbf6e6b8b78348bad2dfb05087485",
    madeBy:
      `django: h.encode("${umlauts}", h.salt(), iterations=1000) gave ` +
      "pbkdf2_sha1$1000$lgBE064zQ8MhVidgp3uiDU$fRNRhF9sv25ri3g0i60t+wUIdIU=; hash turned into hex as above",
  },
  {
    hasher: "phpass",
    password: horse,
    digest: "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0",
    madeBy:
      "php with WordPress 6.1.9's wp-includes/class-phpass.php (Debian package wordpress): " +
      `(new PasswordHash(8, true))->HashPassword("${horse}"), as WordPress's wp_hash_password does`,
  },
  {
    hasher: "phpass",
    password: umlauts,
    digest: "$P$B.C0j2HpsAsSajD0sfGboIewCztsxp/",
    madeBy: `php with WordPress's class-phpass.php: (new PasswordHash(8, true))->HashPassword("${umlauts}")`,
  },
  {
    hasher: "phpass",
    password: horse,
    digest: "$P$6ERfUIMmpIHd1FQ/beTVFVbNQqjEy61",
    madeBy: `python3: passlib.hash.phpass.using(ident="P", rounds=8).hash("${horse}")`,
  },
  {
    hasher: "phpass",
    password: horse,
    digest: "$H$9NrlahUwLxFNtLOqrVlrXrWgmjS.DV1",
    madeBy: `python3: passlib.hash.phpass.using(ident="H", rounds=11).hash("${horse}") (phpBB 3's prefix and rounds)`,
  },
  {
    hasher: "scrypt_firebase",
    password: "user1password",
    digest:
      "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$" +
      `${firebaseSignerKey}$Bw==$8$14`,
    madeBy:
      "the published example in github.com/firebase/scrypt README.md (password, salt, hash and project " +
      "parameters); reproduced with that repository's scrypt utility built from source: " +
      `./scrypt "${firebaseSignerKey}" "42xEC+ixf3L2lw==" "Bw==" 8 14 -P <<< "user1password"`,
  },
  {
    hasher: "scrypt_firebase",
    password: "user1password",
    digest:
      "lSrfV15cpx95_sZS2W9c9Kp6i_LVgQNDNC_qzrCnh1SAyZvqmZqAjTdn3aoItz-VHjoZilo78198JAdRuid5lQ==$42xEC-ixf3L2lw==$" +
      `${firebaseSignerKey}$Bw==$8$14`,
    madeBy: "the published example above with hash and salt in the URL-safe alphabet the Admin SDK uses (tr '+/' '-_')",
  },
  {
    hasher: "scrypt_firebase",
    password: umlauts,
    digest:
      "EUks9dr2oHn0FivrMQsfMl42xj2WvfwoCvl6a9AzrsDtcTt4TWT13iT16JW+ayWN3iIfIVy4SB6o3+sbElVVMg==$O1GXQr8ip+bv4A==$" +
      `${firebaseSignerKey}$Bw==$2$10`,
    madeBy:
      "github.com/firebase/scrypt's utility (commit 36feb92, built with autoreconf -i && ./configure && make): " +
      `./scrypt "${firebaseSignerKey}" "O1GXQr8ip+bv4A==" "Bw==" 2 10 -P <<< "${umlauts}"`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: horse,
    digest:
      "scrypt:1024:8:1$ME4pKqJDHr4n8pn5$a179456163a91999c7789c41f5bcaacb6b232922ceaf56f29cdf0a9ebd330d6db222908a" +
      "32c3c375a5151fc6c883443a590dc35c4252eb853521bc3efcfbece1",
    madeBy:
      "python3 with Werkzeug 3.1.8's src/werkzeug/security.py (git tag 3.1.8 of pallets/werkzeug; Debian's " +
      `python3-werkzeug 2.2 predates scrypt): generate_password_hash("${horse}", method="scrypt:1024:8:1")`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: umlauts,
    digest:
      "scrypt:1024:8:1$YclKfPtzRZug8SgX$8cf5d5bc3d1851a5b1452f521a9647330da706620b6c41c7c43b4868e3b5c2c18138afdd" +
      "12e1499552b332550e77144a872ce6bfad54d9c28a9e19ef37f358e6",
    madeBy: `Werkzeug 3.1.8: generate_password_hash("${umlauts}", method="scrypt:1024:8:1")`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: horse,
    digest:
      "scrypt:32768:8:1$yW8vDHXzaEVlTZUU$33ce36406dbb32887e3bc650683033eeb4ea86bf99b01c55fd0276e5ccfc61487d3fffd6" +
      "854085d09cd2cab34ac268fec80cffdae7264aee35f84a193f443247",
    madeBy: `Werkzeug 3.1.8: generate_password_hash("${horse}", method="scrypt") (the default, scrypt:32768:8:1)`,
  },
  {
    hasher: "scrypt_werkzeug",
    password: horse,
    digest:
      "scrypt:1024:8:1$ETKY-vWDmlPqIOphlsuYPA$4feaaaf8eb08dba689cca6fd20ae231c950d6ee76266279303124a276f990741d2ce" +
      "c37232e47872d21e869a64af2c6afc264463878167670dfaeab096597e39",
    madeBy:
      "python3 with pallets/werkzeug main's security.py (commit 1b00618e, salt from secrets.token_urlsafe): " +
      `generate_password_hash("${horse}", method="scrypt:1024:8:1")`,
  },
  {
    hasher: "argon2i",
    password: horse,
    digest: "$argon2i$v=19$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$KriFaKuSeIXHGJAuLCa71QWS56yf4bWKeo4bAgI20x8",
    madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -i -t 2 -m 8 -p 1 -e`,
  },
  {
    hasher: "argon2i",
    password: horse,
    digest: "$argon2i$v=16$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$FH5kRx+8qMhPO6fzj4fL32OXisuL3ymZ5jiCKQwaEMI",
    madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -i -t 2 -m 8 -p 1 -v 10 -e`,
  },
  {
    hasher: "argon2i",
    password: horse,
    // Before version 19, implementations wrote no `v=`: the digest above without it.
    digest: "$argon2i$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$FH5kRx+8qMhPO6fzj4fL32OXisuL3ymZ5jiCKQwaEMI",
    madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -i -t 2 -m 8 -p 1 -v 10 -e, with "v=16$" taken out`,
  },
  {
    hasher: "argon2i",
    password: umlauts,
    digest: "$argon2i$v=19$m=1024,t=2,p=2$IISOx1g4I7bIVdBD2HOD6w$hUBKlk3CaSRq4yKjNbS8+w",
    madeBy: `python3: argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=2, type=Type.I).hash("${umlauts}")`,
  },
  {
    hasher: "argon2id",
    password: horse,
    digest: "$argon2id$v=19$m=256,t=2,p=2$c2FsdHNhbHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs",
    madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -id -t 2 -m 8 -p 2 -e`,
  },
  {
    hasher: "argon2id",
    password: horse,
    digest: "$argon2id$v=16$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$o+abbVJKIppEINT5bbCRSJki+A0FqU5XZF9yk03U62k",
    madeBy: `echo -n '${horse}' | argon2 saltsalt12345678 -id -t 2 -m 8 -p 1 -v 10 -e`,
  },
  {
    hasher: "argon2id",
    password: horse,
    digest: "$argon2id$v=19$m=1024,t=2,p=2$x9yvdsErBye3Rmigb3qQpQ$+5RcgwCo39kgwEXAKCZ++Q",
    madeBy: `python3: argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=2, type=Type.ID).hash("${horse}")`,
  },
  {
    hasher: "argon2id",
    password: umlauts,
    digest: "$argon2id$v=19$m=1024,t=2,p=2$y1nuLQjfAHEUjCuVoMH8Bg$TPiZkRqo4wqDwflw2BcHbA",
    madeBy: `python3: argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=2, type=Type.ID).hash("${umlauts}")`,
  },
];

/** Where the hash (not the salt or parameters) starts in a digest of each format. */
function hashStart(hasher: PasswordHasherName, digest: string): number {
  switch (hasher) {
    case "md5":
    case "sha256":
    case "scrypt_firebase":
      return 0;
    case "bcrypt":
    case "bcrypt_sha256_django":
      return digest.length - 31;
    case "phpass":
      return digest.length - 22;
    default:
      return digest.lastIndexOf("$") + 1;
  }
}

/** The digest with one character of its hash changed, well clear of padding and spare last bits. */
function withHashCharacterChanged(hasher: PasswordHasherName, digest: string): string {
  const index = hashStart(hasher, digest) + 4;
  // "0" and "1" belong to every alphabet here: hex, base64 (both), bcrypt's and phpass's.
  const replacement = digest[index] === "0" ? "1" : "0";
  return digest.slice(0, index) + replacement + digest.slice(index + 1);
}

describe("digest formats: vectors from the software that defines each format", () => {
  it("covers every hasher", () => {
    expect(new Set(vectors.map((vector) => vector.hasher))).toEqual(new Set(passwordHasherNames));
  });

  it.each(vectors)("$hasher: $digest", async ({ hasher, password, digest }) => {
    const format = digestFormatByName[hasher];
    expect(format.name).toBe(hasher);
    expect(digestFormats).toContain(format);
    expect(format.recognizes(digest)).toBe(true);
    expect(await format.verify(password, digest)).toBe(true);
    expect(await format.verify(`${password}!`, digest)).toBe(false);

    const changed = withHashCharacterChanged(hasher, digest);
    expect(changed).not.toBe(digest);
    expect(format.recognizes(changed)).toBe(true);
    expect(await format.verify(password, changed)).toBe(false);
  });
});

describe("bcrypt `$2a$` digests of passwords of 255 bytes or more", () => {
  const longPassword = "Long passphrase ".repeat(16);
  const bcryptFormat = digestFormatByName.bcrypt;

  it("match by the first 72 bytes, as crypt_blowfish made them (PHP, Ruby, libxcrypt)", async () => {
    // python3 -c "import crypt; print(crypt.crypt('Long passphrase ' * 16, '$2a$04$abcdefghijklmnopqrstuu'))" (libxcrypt 4.4.33)
    const digest = "$2a$04$abcdefghijklmnopqrstuuGu3qs/XwocAF3Ac8lsvAtsm0hu7S236";
    expect(Buffer.byteLength(longPassword)).toBe(256);
    expect(await bcryptFormat.verify(longPassword, digest)).toBe(true);
    expect(await bcryptFormat.verify(longPassword.slice(0, 72), digest)).toBe(true);
    expect(await bcryptFormat.verify(`X${longPassword.slice(1)}`, digest)).toBe(false);
  });

  it("still match as OpenBSD before 2014 and Node's bcrypt made them, from the length modulo 256", async () => {
    // node -e 'console.log(require("bcrypt").hashSync("Long passphrase ".repeat(16), "$2a$04$abcdefghijklmnopqrstuu"))' (bcrypt 6.0.0)
    const digest = "$2a$04$abcdefghijklmnopqrstuu7/zMZAUYj3VGa7NZJX2XEVuxa.TRrIa";
    expect(await bcryptFormat.verify(longPassword, digest)).toBe(true);
    expect(await bcryptFormat.verify(longPassword.slice(0, 72), digest)).toBe(false);
    expect(await bcryptFormat.verify(`X${longPassword.slice(1)}`, digest)).toBe(false);
  });
});

describe("digest format registry", () => {
  it("lists one format per hasher name, in the interface's order", () => {
    expect(digestFormats.map((format) => format.name)).toEqual([...passwordHasherNames]);
    for (const name of passwordHasherNames) expect(digestFormatByName[name].name).toBe(name);
  });
});

const bcryptTail = "Nz/vDQPPTlEh6tDPhgQm/eAQCC1roDivxU86myykFov8NoPC8XpL2";
const argon2Tail = "c2FsdHNhbHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs";
const werkzeugHash =
  "a179456163a91999c7789c41f5bcaacb6b232922ceaf56f29cdf0a9ebd330d6db222908a32c3c375a5151fc6c883443a590dc35c4252eb853521bc3efcfbece1";
const firebaseHash = "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==";
const firebase = (fields: { hash?: string; salt?: string; key?: string; separator?: string; rounds?: string; memCost?: string }) =>
  [
    fields.hash ?? firebaseHash,
    fields.salt ?? "42xEC+ixf3L2lw==",
    fields.key ?? firebaseSignerKey,
    fields.separator ?? "Bw==",
    fields.rounds ?? "8",
    fields.memCost ?? "14",
  ].join("$");

const malformed: Array<[hasher: PasswordHasherName, digest: string, why: string]> = [
  ["bcrypt", "", "empty"],
  ["bcrypt", `$2x$04$${bcryptTail}`, "unknown variant"],
  ["bcrypt", `$2b$4$${bcryptTail}`, "one-digit cost"],
  ["bcrypt", `$2b$03$${bcryptTail}`, "cost below bcrypt's minimum of 4"],
  ["bcrypt", `$2b$16$${bcryptTail}`, "cost above our ceiling of 15"],
  // bcrypt's last salt character is one of ".Oeu", its last hash character one of ".CGKOSWaeimquy26".
  ["bcrypt", `$2b$04$${bcryptTail.slice(0, 21)}f${bcryptTail.slice(22)}`, "stray bits in the salt's last character"],
  ["bcrypt", `$2b$04$${bcryptTail.slice(0, -1)}3`, "stray bits in the hash's last character"],
  ["bcrypt", `$2b$04$${bcryptTail.slice(1)}`, "52 salt and hash characters"],
  ["bcrypt", `$2b$04$${bcryptTail}A`, "54 salt and hash characters"],
  ["bcrypt", `$2b$04$${bcryptTail.slice(1)}+`, "character outside bcrypt's alphabet"],
  ["bcrypt", `bcrypt_sha256$$2b$04$${bcryptTail}`, "Django's prefix"],
  ["bcrypt_sha256_django", `$2b$04$${bcryptTail}`, "no bcrypt_sha256$ prefix"],
  ["bcrypt_sha256_django", `bcrypt_sha256$2b$04$${bcryptTail}`, "prefix without the second $"],
  ["bcrypt_sha256_django", `bcrypt_sha256$$2y$04$${bcryptTail}`, "$2y$, which Django never writes"],
  ["bcrypt_sha256_django", `bcrypt_sha256$$2b$03$${bcryptTail}`, "cost below 4"],
  ["bcrypt_sha256_django", `bcrypt_sha256$$2b$16$${bcryptTail}`, "cost above our ceiling of 15"],
  ["bcrypt_sha256_django", `bcrypt_sha256$$2b$04$${bcryptTail.slice(0, -1)}3`, "stray bits in the hash's last character"],
  ["md5", "9cc2ae8a1ba7a93da39b46fc1019c48", "31 hex digits"],
  ["md5", "9cc2ae8a1ba7a93da39b46fc1019c48g", "non-hex digit"],
  ["md5", "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a", "a SHA-256 digest"],
  ["sha256", "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8", "63 hex digits"],
  ["sha256", " c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a", "leading space"],
  ["sha256", "9cc2ae8a1ba7a93da39b46fc1019c481", "an MD5 digest"],
  ["pbkdf2_sha256", "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==", "three fields"],
  ["pbkdf2_sha256", "pbkdf2_sha256$0$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=", "zero iterations"],
  ["pbkdf2_sha256", "pbkdf2_sha256$01000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=", "leading zero"],
  ["pbkdf2_sha256", "pbkdf2_sha256$1e3$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=", "non-decimal"],
  ["pbkdf2_sha256", "pbkdf2_sha256$10000001$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=", "over 10,000,000 iterations"],
  ["pbkdf2_sha256", `pbkdf2_sha256$6000000$oDRm7J0TQggBQGhtDUGIcQ==$${Buffer.alloc(64, 7).toString("base64")}`, "6,000,000 iterations for each of two blocks"],
  ["pbkdf2_sha1", `pbkdf2_sha1$3000000$salt$${"ab".repeat(64)}`, "3,000,000 iterations for each of four blocks"],
  ["pbkdf2_sha256", "pbkdf2_sha256$1000$L19UDQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFU=", "Django's raw salt (not canonical base64)"],
  ["pbkdf2_sha256", "pbkdf2_sha256$1000$oDRm7J0T_QggBQGhtDUGIcQ=$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=", "URL-safe base64 salt"],
  ["pbkdf2_sha256", "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl61=", "stray bits in the hash's last character"],
  ["pbkdf2_sha256", "pbkdf2_sha256$1000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT", "12-byte hash"],
  ["pbkdf2_sha256", "pbkdf2_sha1$1000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=", "other algorithm"],
  ["pbkdf2_sha256_django", "pbkdf2_sha256$1000$$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFU=", "empty salt"],
  ["pbkdf2_sha256_django", "pbkdf2_sha256$1000$L19U$DQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFU=", "$ in the salt"],
  ["pbkdf2_sha256_django", "pbkdf2_sha256$1000$L19UDQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFV=", "stray bits in the hash's last character"],
  ["pbkdf2_sha256_django", "pbkdf2_sha256$1000$L19UDQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARA==", "31-byte hash"],
  ["pbkdf2_sha256_django", "pbkdf2_sha256$1000$L19UDQHy5BwMCAqoYX5dgU$0e4877bb5adfc1329e2554d7773fca5e79d8e37b086fc4782eafa30bcf404455", "hex hash"],
  ["pbkdf2_sha256_django", "pbkdf2_sha256$abc$L19UDQHy5BwMCAqoYX5dgU$Dkh3u1rfwTKeJVTXdz/KX3nY43sIbxN4Lq+jC89ARFU=", "non-numeric iterations"],
  ["pbkdf2_sha1", "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6", "odd number of hex digits"],
  ["pbkdf2_sha1", "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc399127", "15-byte hex hash"],
  ["pbkdf2_sha1", "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6x", "non-hex digit"],
  ["pbkdf2_sha1", "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$M8KEZfINEkkClIbcOZEnayQOvWt=", "stray bits in base64's last character"],
  ["pbkdf2_sha1", "pbkdf2_sha1$1000$RthaptzgoabGrBJGUDGwl8$M8KEZfINEkkClIbcOZEnayQOvQ==", "base64 of 19 bytes"],
  ["pbkdf2_sha1", "pbkdf2_sha1$99999999$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6b", "over 10,000,000 iterations"],
  ["pbkdf2_sha1", "pbkdf2_sha256$1000$RthaptzgoabGrBJGUDGwl8$33c28465f20d1249029486dc3991276b240ebd6b", "other algorithm"],
  ["phpass", "$Q$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0", "unknown prefix"],
  ["phpass", "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj", "33 characters"],
  ["phpass", "$P$4mJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0", "2^6 iterations, below phpass's 2^7"],
  ["phpass", "$P$JmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0", "2^21 iterations, above our ceiling of 2^20"],
  ["phpass", "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPc-0", "character outside phpass's alphabet"],
  ["phpass", "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj2", "stray bits in the last character (one of ./01)"],
  ["phpass", "$2y$04$BADWdBr3N2zJSBACoRqhqOGuA7OEOj7Rn5G4CaeRp8c53cVasxA3y", "bcrypt, which phpass falls back to but this format does not"],
  ["scrypt_firebase", firebase({}).split("$").slice(0, 5).join("$"), "five fields"],
  ["scrypt_firebase", `${firebase({})}$`, "seven fields"],
  ["scrypt_firebase", firebase({ rounds: "0" }), "rounds 0"],
  ["scrypt_firebase", firebase({ rounds: "9" }), "rounds above Firebase's 8"],
  ["scrypt_firebase", firebase({ memCost: "0" }), "mem cost 0"],
  ["scrypt_firebase", firebase({ memCost: "15" }), "mem cost above Firebase's 14"],
  ["scrypt_firebase", firebase({ memCost: "014" }), "leading zero"],
  ["scrypt_firebase", firebase({ rounds: "1", memCost: "16" }), "N not below 2^(16·r) (RFC 7914)"],
  ["scrypt_firebase", firebase({ hash: firebaseHash.slice(0, 44) }), "hash shorter than the signer key"],
  ["scrypt_firebase", firebase({ salt: "" }), "empty salt"],
  ["scrypt_firebase", firebase({ salt: "42xEC+ixf3L2l*==" }), "character outside base64"],
  ["scrypt_firebase", firebase({ separator: "Bx==" }), "stray bits in the separator's last character"],
  ["scrypt_werkzeug", `scrypt$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "parameters left out"],
  ["scrypt_werkzeug", `scrypt:1024:8$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "two parameters"],
  ["scrypt_werkzeug", `scrypt:1000:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "N not a power of two"],
  ["scrypt_werkzeug", `scrypt:1:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "N of 1"],
  ["scrypt_werkzeug", `scrypt:2097152:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "N above 2^20"],
  ["scrypt_werkzeug", `scrypt:1024:33:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "r above 32"],
  ["scrypt_werkzeug", `scrypt:1024:8:17$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "p above 16"],
  ["scrypt_werkzeug", `scrypt:1024:0:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "r of 0"],
  ["scrypt_werkzeug", `scrypt:65536:1:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "N not below 2^(16·r) (RFC 7914)"],
  ["scrypt_werkzeug", `scrypt:1048576:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "1 GiB of memory, above our 256 MiB"],
  ["scrypt_werkzeug", `scrypt:131072:8:4$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "4 passes over 128 MiB, above our 256 MiB of work"],
  ["scrypt_werkzeug", `scrypt:1024:8:1$$${werkzeugHash}`, "empty salt"],
  ["scrypt_werkzeug", `scrypt:1024:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash.slice(2)}`, "63-byte hash"],
  ["scrypt_werkzeug", `scrypt:1024:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash.toUpperCase()}`, "uppercase hex, which Werkzeug never writes"],
  ["scrypt_werkzeug", `pbkdf2:sha256:1000$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "Werkzeug's pbkdf2 method"],
  ["argon2i", `$argon2id$v=19$m=256,t=2,p=2$${argon2Tail}`, "argon2id digest"],
  ["argon2i", `$argon2i$v=18$m=256,t=2,p=1$${argon2Tail}`, "unknown version"],
  ["argon2i", `$argon2i$v=19$m=7,t=2,p=1$${argon2Tail}`, "memory below 8 KiB a lane"],
  ["argon2i", `$argon2i$v=19$m=4194304,t=2,p=1$${argon2Tail}`, "4 GiB of memory, above our 256 MiB"],
  ["argon2id", `$argon2id$v=19$m=2097152,t=1,p=4$${argon2Tail}`, "2 GiB (RFC 9106's first choice), above our 256 MiB"],
  ["argon2id", `$argon2id$v=19$m=262144,t=5,p=1$${argon2Tail}`, "256 MiB × 5 passes, above our 2^20 KiB × passes"],
  ["argon2id", `$argon2id$v=19$m=65536,t=17,p=1$${argon2Tail}`, "64 MiB × 17 passes, above our 2^20 KiB × passes"],
  ["argon2i", `$argon2i$v=19$m=256,t=0,p=1$${argon2Tail}`, "zero passes"],
  ["argon2i", `$argon2i$v=19$m=256,t=33,p=1$${argon2Tail}`, "33 passes"],
  ["argon2i", `$argon2i$v=19$m=512,t=2,p=17$${argon2Tail}`, "17 lanes"],
  // Any parameter order is accepted (node's argon2 writes m,p,t), but each exactly once.
  ["argon2i", `$argon2i$v=19$m=256,m=256,t=2$${argon2Tail}`, "a repeated parameter"],
  ["argon2i", `$argon2i$v=19$m=256,t=2,x=1$${argon2Tail}`, "an unknown parameter"],
  ["argon2i", "$argon2i$v=19$m=256,t=2,p=1$c2FsdA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs", "4-byte salt"],
  ["argon2i", "$argon2i$v=19$m=256,t=2,p=1$c2FsdHNhbHQxMjM0NTY3OA$4jyB", "3-byte hash"],
  ["argon2i", `$argon2i$v=19$m=256,t=2,p=1$${argon2Tail}=`, "padded base64"],
  ["argon2id", `$argon2i$v=19$m=256,t=2,p=1$${argon2Tail}`, "argon2i digest"],
  ["argon2id", `$argon2d$v=19$m=256,t=2,p=1$${argon2Tail}`, "argon2d digest"],
  ["argon2id", `$argon2id$v=19$m=0256,t=2,p=2$${argon2Tail}`, "leading zero"],
  ["argon2id", `$argon2id$v=19$m=256,t=2,p=2$c2FsdHNhbHQxMjM0NTY3OB$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs`, "stray bits in the salt's last character"],
  ["argon2id", `$argon2id$v=19$m=256,t=2,p=2$c2FsdHNh-bHQxMjM0NTY3OA$4jyB4WgDrQAJQgr6uNkSV2TiQ210RwaKR6Yrx993Qzs`, "URL-safe base64"],
  ["argon2id", `$argon2id$v=19$m=256,t=2,p=2,data=YWJj$${argon2Tail}`, "associated data, which no importer writes"],
];

describe("malformed digests", () => {
  it.each(malformed)("%s rejects %j (%s)", async (hasher, digest) => {
    const format = digestFormatByName[hasher];
    expect(format.recognizes(digest)).toBe(false);
    expect(await format.verify(horse, digest)).toBe(false);
  });
});

// The most costly digests each format accepts: a check takes at most about 2 s here, and 256 MiB.
const atTheCeilings: Array<[hasher: PasswordHasherName, digest: string, why: string]> = [
  ["bcrypt", `$2b$15$${bcryptTail}`, "cost 15"],
  ["bcrypt_sha256_django", `bcrypt_sha256$$2b$15$${bcryptTail}`, "cost 15"],
  ["argon2id", `$argon2id$v=19$m=262144,t=4,p=1$${argon2Tail}`, "256 MiB × 4 passes"],
  ["argon2id", `$argon2id$v=19$m=65536,t=16,p=4$${argon2Tail}`, "64 MiB × 16 passes"],
  ["scrypt_werkzeug", `scrypt:262144:8:1$ME4pKqJDHr4n8pn5$${werkzeugHash}`, "256 MiB"],
  ["pbkdf2_sha256", `pbkdf2_sha256$10000000$oDRm7J0TQggBQGhtDUGIcQ==$dGcp6zfbLzGPAKnT5lY59MqwsQ/F5BnK6o3Tqbghl60=`, "10,000,000 iterations"],
  ["phpass", "$P$ImJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0", "2^20 iterations"],
];

describe("digests at the cost ceilings", () => {
  it.each(atTheCeilings)("%s accepts %j (%s)", (hasher, digest) => {
    expect(digestFormatByName[hasher].recognizes(digest)).toBe(true);
  });
});

describe("phpass work", () => {
  // phpass as class-phpass.php computes it, written for this test: each of 2^count rounds hashes
  // the previous hash and the whole password again.
  function phpassDigest(password: string, countLog2: number, salt: string): string {
    const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const passwordBytes = Buffer.from(password, "utf8");
    let hash = createHash("md5").update(salt).update(passwordBytes).digest();
    for (let round = 0; round < 2 ** countLog2; round++) hash = createHash("md5").update(hash).update(passwordBytes).digest();
    let encoded = "";
    for (let i = 0; i < 16; i += 3) {
      const value = hash[i]! | ((hash[i + 1] ?? 0) << 8) | ((hash[i + 2] ?? 0) << 16);
      encoded += itoa64[value & 0x3f]! + itoa64[(value >> 6) & 0x3f]!;
      if (i + 1 < 16) encoded += itoa64[(value >> 12) & 0x3f]!;
      if (i + 2 < 16) encoded += itoa64[(value >> 18) & 0x3f]!;
    }
    return `$P$${itoa64[countLog2]}${salt}${encoded}`;
  }

  it("agrees with the test's own phpass on a WordPress digest", async () => {
    expect(phpassDigest(horse, 13, "mJZ7xXY2")).toBe("$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0");
  });

  it("refuses to verify a check that would hash more than 128 MiB (rounds × password length), even for the right password", async () => {
    // 2^18 rounds of a 600-byte password: 161 MB of MD5, a core for about a quarter of a second, per sign-in attempt.
    const long = "a long passphrase ".repeat(34).slice(0, 600);
    expect(await digestFormatByName.phpass.verify(long, phpassDigest(long, 18, "abcdefgh"))).toBe(false);
    // The same rounds with a password of ordinary length still verify.
    expect(await digestFormatByName.phpass.verify(horse, phpassDigest(horse, 18, "abcdefgh"))).toBe(true);
  });

  it("runs its MD5 chain off the event loop, which stays free for other requests meanwhile", async () => {
    // 2^19 rounds (passlib's default) of a 200-byte password: 113 MB of MD5.
    const password = "a passphrase of two hundred bytes ".repeat(6).slice(0, 200);
    const digest = phpassDigest(password, 19, "abcdefgh");
    const checks = [password, "a wrong password"].map((attempt) => digestFormatByName.phpass.verify(attempt, digest));
    const before = performance.eventLoopUtilization();
    const results = await Promise.all(checks);
    const during = performance.eventLoopUtilization(before);
    expect(results).toEqual([true, false]);
    // Not a timing: the share of that time the event loop spent running code rather than waiting,
    // near 1 had the chain run on it.
    expect(during.utilization).toBeLessThan(0.5);
  });
});
