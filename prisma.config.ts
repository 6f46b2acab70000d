import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";
import { parseDatabaseUrl } from "./src/config.ts";

const databaseUrl = process.env.DATABASE_URL;
// schema.prisma's datasource must name a URL or the CLI tries to download an engine; the adapter
// below is what actually connects, so a placeholder is enough for the embedded database.
if (!/^postgres(ql)?:\/\//.test(databaseUrl ?? "")) {
  process.env.DATABASE_URL = "postgresql://embedded-database.invalid/unused";
}

// The CLI runs on the same driver adapters as the app (no engine download). The app applies
// migrations itself at start; the CLI is for `generate`, `migrate diff` and `migrate status`.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => {
    // Unset means in memory here (not ./data/pglite as for the app): the CLI opens the adapter even
    // for `prisma -v` and `generate` (npm install runs them), and an on-disk PGlite that another
    // CLI run left behind can hang it. Name `pglite://./data/pglite` to inspect the app's database.
    const location = databaseUrl ? parseDatabaseUrl(databaseUrl) : ({ kind: "memory" } as const);
    if (location.kind === "postgres") return new PrismaPg({ connectionString: location.url });
    if (location.kind === "memory") return new PrismaPGlite(new PGlite());
    mkdirSync(location.directory, { recursive: true });
    return new PrismaPGlite(new PGlite(location.directory));
  },
});
