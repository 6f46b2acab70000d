import { writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { schema } from "../src/schema/index.ts";

// schema.graphql is generated from the Pothos schema and checked in, for clients and codegen.
writeFileSync(new URL("../schema.graphql", import.meta.url), printSchema(schema));
console.log("wrote schema.graphql");
