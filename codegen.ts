import { createHash } from "node:crypto";
import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents for the clients of this API (the tests and the example SPA) from the checked-in
// schema. `npm run codegen` regenerates; a test fails when the generated files are stale.

const scalars = {
  DateTime: "string",
  EmailAddress: "string",
  URL: "string",
  PhoneNumber: "string",
  JSONObject: "Record<string, unknown>",
  Gender: "string | number",
  Long: "number | string",
};

const typescriptConfig = { useTypeImports: true, importExtension: ".ts", enumsAsTypes: true, scalars };

const config: CodegenConfig = {
  schema: "schema.graphql",
  ignoreNoDocuments: false,
  generates: {
    "test/generated/": {
      documents: ["test/**/*.ts", "!test/generated/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: typescriptConfig,
    },
    "examples/spa/src/generated/": {
      documents: ["examples/spa/src/**/*.ts", "!examples/spa/src/generated/**"],
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        // persisted-documents.json: the hash -> operation manifest a server with
        // PERSISTED_OPERATIONS=only accepts. Plain hex SHA-256 of the operation's text, the
        // `extensions.persistedQuery.sha256Hash` the client sends (the preset's default adds "sha256:").
        persistedDocuments: { hashAlgorithm: (operation: string) => createHash("sha256").update(operation).digest("hex") },
      },
      // Documents as typed strings: the browser needs no GraphQL library to send them.
      config: { ...typescriptConfig, documentMode: "string" },
    },
  },
};

export default config;
