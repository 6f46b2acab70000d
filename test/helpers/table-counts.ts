import type { PrismaClient } from "../../src/generated/prisma/client.ts";

/** Rows in every table that belongs to users, to prove what a mutation wrote (or did not). */
export async function tableCounts(prisma: PrismaClient) {
  const [users, emails, phones, wallets, identities, profiles, addresses, passwords, totps, backupCodes, sessions] =
    await Promise.all([
      prisma.user.count(),
      prisma.emailAddress.count(),
      prisma.phoneNumber.count(),
      prisma.web3Wallet.count(),
      prisma.identity.count(),
      prisma.profile.count(),
      prisma.address.count(),
      prisma.passwordCredential.count(),
      prisma.totpCredential.count(),
      prisma.backupCode.count(),
      prisma.session.count(),
    ]);
  return { users, emails, phones, wallets, identities, profiles, addresses, passwords, totps, backupCodes, sessions };
}
