import { usernameKey } from "../../domain/users/validation/username.ts";
import type { DriverConnection } from "../client.ts";

interface StoredUsername {
  id: string;
  username: string;
  usernameNormalized: string;
}

/**
 * Recomputes every username's key with `usernameKey`. Users whose usernames now share a key
 * ("straße" and "strasse", "ｓｅｃ" and "sec") cannot all have it: the one already holding it, or
 * else the one created first, gets it; the others keep their old key, which is still unique, and
 * are named in the notice so that an admin can rename them. A key is only ever given if no user
 * holds it, so no step can meet the unique index.
 */
export async function recomputeUsernameKeys(connection: DriverConnection): Promise<string[]> {
  // Writers wait until the migration commits (readers do not): an instance still running the earlier
  // code could otherwise store a key between the read below and the update.
  await connection.query(`LOCK TABLE "User" IN SHARE ROW EXCLUSIVE MODE`, []);
  const users = await connection.query<StoredUsername>(
    `SELECT id, username, "usernameNormalized" FROM "User" WHERE username IS NOT NULL ORDER BY "createdAt", id`,
    [],
  );
  const holders = new Map(users.map((user) => [user.usernameNormalized, user]));
  const sharingKey = new Map<string, StoredUsername[]>();
  for (const user of users) {
    const key = usernameKey(user.username);
    sharingKey.set(key, [...(sharingKey.get(key) ?? []), user]);
  }
  const changed: Array<{ id: string; key: string }> = [];
  const keepingOldKey: string[] = [];
  for (const [key, sharing] of sharingKey) {
    const holder = holders.get(key);
    const receiver = holder ? undefined : sharing[0]!;
    if (receiver) changed.push({ id: receiver.id, key });
    for (const user of sharing) if (user !== holder && user !== receiver) keepingOldKey.push(user.id);
  }
  if (changed.length > 0) {
    await connection.query(
      `UPDATE "User" SET "usernameNormalized" = changed.key
       FROM unnest($1::uuid[], $2::text[]) AS changed(id, key) WHERE "User".id = changed.id`,
      [changed.map((change) => change.id), changed.map((change) => change.key)],
    );
  }
  if (keepingOldKey.length === 0) return [];
  return [
    `${keepingOldKey.length} users keep their username's old key because another user's username is the same ` +
      `once folded (case and compatibility forms); sign-in by username finds the other user. Rename them: ${keepingOldKey.join(", ")}`,
  ];
}
