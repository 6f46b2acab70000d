import { seedBareServer, withBareServer } from "../baseline/start-bare-server.ts";
import { ceilingGoal, measurementOfLoad } from "../goals.ts";
import { adminHeaders, graphqlBody } from "../graphql-requests.ts";
import { benchConnections, benchDurationSeconds, benchWarmUpSeconds, runLoad } from "../load.ts";
import type { Scenario } from "../measurement.ts";
import { backOfficeUserFields, pickRandom, storedUsers, usersOf } from "../seed-users.ts";

// Issue #7: with 100,000 users stored, `users(first: 50)` pages from deep in the list, p99 <= 20 ms.
// A back office paging through every user: each request starts after a cursor from the second
// half of the list, which keyset pagination must serve as fast as the first page.
// The floor beside it: a bare Yoga + Prisma server reading the same pages, one connection.

const goalP99Milliseconds = 20;
const pageSize = 50;

const pageQuery = `query BenchUserPage($after: String) {
  users(first: ${pageSize}, after: $after) {
    edges { node { ${backOfficeUserFields} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const bareQuery = `query BenchBareUserPage($after: ID!) {
  userPage(after: $after, first: ${pageSize})
}`;

export const userPages: Scenario = async (target) => {
  const stored = await storedUsers(target);
  const { cursors, ids } = stored;
  const deepCursors = cursors.slice(Math.floor(cursors.length / 2), cursors.length - pageSize);
  const deepIds = ids.slice(Math.floor(ids.length / 2), ids.length - pageSize);
  const loadWith = (connections: number) =>
    runLoad({
      url: target.graphqlUrl,
      headers: adminHeaders(target),
      body: () => graphqlBody(pageQuery, { after: pickRandom(deepCursors) }),
      connections,
      warmUpSeconds: benchWarmUpSeconds,
      durationSeconds: benchDurationSeconds,
      isSuccess: isFullPage((data) => data.users?.edges),
    });
  const load = await loadWith(benchConnections);
  // Without queueing: what one back-office user waits for a page.
  const alone = await loadWith(1);
  const bareAlone = await withBareServer(target, async (url, { ownDatabase }) => {
    if (ownDatabase) await seedBareServer(url, usersOf(stored), "unused");
    return runLoad({
      url,
      body: () => graphqlBody(bareQuery, { after: pickRandom(deepIds) }),
      connections: 1,
      warmUpSeconds: benchWarmUpSeconds,
      durationSeconds: benchDurationSeconds,
      isSuccess: isFullPage((data) => data.userPage?.users),
    });
  });
  const parameters = `${cursors.length} users stored, cursors from the second half`;
  const measurement = measurementOfLoad("userPages", "identity API users(first: 50, after)", load, { parameters: `${parameters}, ${benchConnections} connections` });
  const measurementAlone = measurementOfLoad("userPages", "identity API users(first: 50, after), one connection", alone, { parameters: `${parameters}, 1 connection` });
  return {
    measurements: [
      measurement,
      measurementAlone,
      measurementOfLoad("userPages", "bare Yoga + Prisma page, one connection (baseline)", bareAlone, { parameters: `${parameters}, 1 connection` }),
    ],
    goals: [
      ceilingGoal("userPages", `users(first: ${pageSize}) deep page p99 <= ${goalP99Milliseconds} ms, ${benchConnections} connections`, load.p99Milliseconds, goalP99Milliseconds),
      ceilingGoal("userPages", `users(first: ${pageSize}) deep page p99 <= ${goalP99Milliseconds} ms, one connection`, alone.p99Milliseconds, goalP99Milliseconds),
    ],
  };
};

/** The data of either page query: ours (a connection) or the bare server's (a list). */
interface PageData {
  users?: { edges?: unknown[] };
  userPage?: { users?: unknown[] };
}

/** A page of 50 users without errors: a cursor that stopped matching would return fewer. */
function isFullPage(rowsOf: (data: PageData) => unknown[] | undefined): (status: number, body: string) => boolean {
  return (status, body) => {
    if (status !== 200) return false;
    try {
      const parsed = JSON.parse(body) as { data?: PageData; errors?: unknown };
      return parsed.errors === undefined && parsed.data !== undefined && rowsOf(parsed.data)?.length === pageSize;
    } catch {
      return false;
    }
  };
}
