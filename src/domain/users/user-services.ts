import type { PasswordConfig } from "../../config.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SecretBox } from "../second-factor/secret-box.ts";

/** What the user services need, handed in by whoever creates them (the server, a test, a script). */
export interface UserServiceDependencies {
  prisma: PrismaClient;
  passwords: PasswordConfig;
  secretBox: SecretBox;
  sessionTimeToLiveMilliseconds: number;
}
