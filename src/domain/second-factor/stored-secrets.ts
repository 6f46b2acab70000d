import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SecretBox } from "./secret-box.ts";

/**
 * Whether `secretBox` opens the TOTP secret stored last: false when SECRET_KEY is not the key the
 * stored secrets were sealed with (a new key on old data, a typo in one instance's environment),
 * which would otherwise show only as every TOTP user's codes being refused.
 */
export async function opensStoredSecrets(prisma: PrismaClient, secretBox: SecretBox): Promise<boolean> {
  const newest = await prisma.totpCredential.findFirst({ orderBy: { createdAt: "desc" }, select: { encryptedSecret: true } });
  return newest === null || secretBox.tryDecrypt(newest.encryptedSecret) !== undefined;
}
