import { defineConfig } from "vitest/config";

// Every test runs on the embedded database; with TEST_DATABASE_URL (postgres://...) the whole
// suite runs a second time on that PostgreSQL server, each test file in a database of its own.
const databases = ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: databases.map((database) => ({
      extends: true,
      test: { name: database, env: { TEST_DATABASE: database } },
    })),
  },
});
