import { seedBareServer, withBareServer } from "../baseline/start-bare-server.ts";
import { ceilingGoal, measurementOfLoad } from "../goals.ts";
import { adminHeaders, graphqlBody } from "../graphql-requests.ts";
import { benchConnections, benchDurationSeconds, benchWarmUpSeconds, runLoad } from "../load.ts";
import type { Scenario } from "../measurement.ts";
import { backOfficeUserFields, pickRandom, storedUsers, usersOf } from "../seed-users.ts";

// Issue #7: with 100,000 users stored, looking a user up by email, p99 <= 5 ms. The API's way is
// the `email` filter of the admin `users` list (exact, case-insensitive); each request asks for a
// random stored user's address, in another case than stored, as a support agent would type it.
// The floors beside it, one connection each: a bare Yoga + Prisma server reading the same fields,
// and the same bare server reading them in one SQL statement through the driver, without Prisma.

const goalP99Milliseconds = 5;

const bareLookupQuery = (field: "userByEmail" | "userByEmailFromDriver") => `query BenchBareUserByEmail($email: String!) {
  ${field}(email: $email)
}`;

const lookupQuery = `query BenchUserByEmail($email: String!) {
  users(first: 1, email: $email) {
    edges { node { ${backOfficeUserFields} } }
  }
}`;

export const emailLookup: Scenario = async (target) => {
  const stored = await storedUsers(target);
  const { emails } = stored;
  const loadWith = (connections: number) =>
    runLoad({
      url: target.graphqlUrl,
      headers: adminHeaders(target),
      body: () => graphqlBody(lookupQuery, { email: pickRandom(emails).toUpperCase() }),
      connections,
      warmUpSeconds: benchWarmUpSeconds,
      durationSeconds: benchDurationSeconds,
      isSuccess: (status, body) => status === 200 && foundOne(body),
    });
  const load = await loadWith(benchConnections);
  // Without queueing: what one support agent waits for an answer.
  const alone = await loadWith(1);
  const [bareAlone, driverAlone] = await withBareServer(target, async (url, { ownDatabase }) => {
    if (ownDatabase) await seedBareServer(url, usersOf(stored), "unused");
    const bareLoad = (field: "userByEmail" | "userByEmailFromDriver") =>
      runLoad({
        url,
        body: () => graphqlBody(bareLookupQuery(field), { email: pickRandom(emails).toUpperCase() }),
        connections: 1,
        warmUpSeconds: benchWarmUpSeconds,
        durationSeconds: benchDurationSeconds,
        isSuccess: (status, body) => status === 200 && body.includes(`"${field}":{`),
      });
    return [await bareLoad("userByEmail"), await bareLoad("userByEmailFromDriver")];
  });
  const parameters = `${emails.length} users stored, a random stored email per request`;
  return {
    measurements: [
      measurementOfLoad("emailLookup", "identity API users(email)", load, { parameters: `${parameters}, ${benchConnections} connections` }),
      measurementOfLoad("emailLookup", "identity API users(email), one connection", alone, { parameters: `${parameters}, 1 connection` }),
      measurementOfLoad("emailLookup", "bare Yoga + Prisma lookup, one connection (baseline)", bareAlone, { parameters: `${parameters}, 1 connection` }),
      measurementOfLoad("emailLookup", "bare Yoga + driver lookup, no Prisma, one connection (baseline)", driverAlone, { parameters: `${parameters}, 1 connection` }),
    ],
    goals: [
      ceilingGoal("emailLookup", `lookup by email p99 <= ${goalP99Milliseconds} ms, ${benchConnections} connections`, load.p99Milliseconds, goalP99Milliseconds),
      ceilingGoal("emailLookup", `lookup by email p99 <= ${goalP99Milliseconds} ms, one connection`, alone.p99Milliseconds, goalP99Milliseconds),
    ],
  };
};

/** Exactly the one user: an address that matched no one would be an empty list, not an error. */
function foundOne(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { data?: { users?: { edges?: unknown[] } }; errors?: unknown };
    return parsed.errors === undefined && parsed.data?.users?.edges?.length === 1;
  } catch {
    return false;
  }
}
