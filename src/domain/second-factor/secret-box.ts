import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const algorithm = "aes-256-gcm";
const version = "v1";

/**
 * Encrypts secrets that must be read back (TOTP secrets) with AES-256-GCM under a key derived from
 * SECRET_KEY. The output names its version so the key or cipher can change later.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = Buffer.from(hkdfSync("sha256", secretKey, "identity-api", "secret-box/v1", 32));
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(algorithm, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [version, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
  }

  /** The plaintext, or undefined when `sealed` was not sealed with this key (or is damaged). */
  tryDecrypt(sealed: string): string | undefined {
    try {
      return this.decrypt(sealed);
    } catch {
      return undefined;
    }
  }

  decrypt(sealed: string): string {
    const [sealedVersion, iv, tag, ciphertext] = sealed.split(".");
    if (sealedVersion !== version || !iv || !tag || ciphertext === undefined) throw new Error("Unrecognized sealed secret");
    const decipher = createDecipheriv(algorithm, this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  }
}
