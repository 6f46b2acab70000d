import { passwordHasherNames, type DigestFormat, type PasswordHasherName } from "../digest-format.ts";
import { argon2iFormat } from "./argon2i.ts";
import { argon2idFormat } from "./argon2id.ts";
import { bcryptSha256DjangoFormat } from "./bcrypt-sha256-django.ts";
import { bcryptFormat } from "./bcrypt.ts";
import { md5Format } from "./md5.ts";
import { pbkdf2Sha1Format } from "./pbkdf2-sha1.ts";
import { pbkdf2Sha256DjangoFormat } from "./pbkdf2-sha256-django.ts";
import { pbkdf2Sha256Format } from "./pbkdf2-sha256.ts";
import { phpassFormat } from "./phpass.ts";
import { scryptFirebaseFormat } from "./scrypt-firebase.ts";
import { scryptWerkzeugFormat } from "./scrypt-werkzeug.ts";
import { sha256Format } from "./sha256.ts";

// A Record, so the compiler insists on a format for every hasher name.
export const digestFormatByName: Record<PasswordHasherName, DigestFormat> = {
  bcrypt: bcryptFormat,
  bcrypt_sha256_django: bcryptSha256DjangoFormat,
  md5: md5Format,
  pbkdf2_sha1: pbkdf2Sha1Format,
  pbkdf2_sha256: pbkdf2Sha256Format,
  pbkdf2_sha256_django: pbkdf2Sha256DjangoFormat,
  phpass: phpassFormat,
  scrypt_firebase: scryptFirebaseFormat,
  scrypt_werkzeug: scryptWerkzeugFormat,
  sha256: sha256Format,
  argon2i: argon2iFormat,
  argon2id: argon2idFormat,
};

export const digestFormats: ReadonlyArray<DigestFormat> = passwordHasherNames.map((name) => digestFormatByName[name]);
