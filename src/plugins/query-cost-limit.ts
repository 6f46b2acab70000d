import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

export interface QueryCostOptions {
  maxCost: number;
  /** What a connection returns without `first` or `last`, and at most. */
  pageSizes: { defaultSize: number; maxSize: number };
}

const objectCost = 2;
const scalarCost = 1;
const depthFactor = 1.5;

/**
 * graphql-armor's cost, 2 per object and 1 per scalar field, each level of nesting 1.5 times its
 * parent's, fragments counted where they are spread and introspection free, with one difference:
 * a connection's selection counts once for each row its page can hold, however `first` or `last`
 * is written. graphql-armor multiplied by a literal `first` only, without the connection's
 * maximum: `users(first: 20)` with every field was refused, the same page with `first: $size`
 * passed whatever the size, and `first: 100000` was counted as 100,000 rows where 100 come back.
 * Here a literal counts up to the maximum page, a variable as the maximum (validation runs once
 * per document, before variables are seen), and no argument as the default page.
 */
export function queryCostLimitRule(options: QueryCostOptions, reject: (context: ValidationContext, error: GraphQLError) => void): ValidationRule {
  return (context) => {
    const schema = context.getSchema();
    // A fragment costs the same wherever it is spread: counted once, so that spreading one fragment
    // twice in each of twenty nested fragments costs twenty counts, not a million.
    const fragmentCosts = new Map<string, number>();

    const selectionSetCost = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): number => {
      let cost = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) cost += fieldCost(selection, parentType);
        else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
          cost += selectionSetCost(selection.selectionSet, condition);
        } else cost += fragmentCost(selection.name.value);
      }
      return cost;
    };

    const fragmentCost = (name: string): number => {
      const known = fragmentCosts.get(name);
      if (known !== undefined) return known;
      // A fragment that spreads itself (refused by graphql-js's own rule) adds nothing where it recurs.
      fragmentCosts.set(name, 0);
      const fragment = context.getFragment(name);
      const cost = fragment ? selectionSetCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)) : 0;
      fragmentCosts.set(name, cost);
      return cost;
    };

    const fieldCost = (field: FieldNode, parentType: GraphQLNamedType | undefined): number => {
      if (field.name.value === "__schema" || field.name.value === "__type") return 0;
      if (!field.selectionSet) return scalarCost;
      const definition = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[field.name.value] : undefined;
      const rows = definition?.args.some((argument) => argument.name === "first") ? pageRows(field) : 1;
      return rows * (objectCost + depthFactor * selectionSetCost(field.selectionSet, definition && getNamedType(definition.type)));
    };

    const pageRows = (field: FieldNode): number => {
      const { defaultSize, maxSize } = options.pageSizes;
      const sizes = (field.arguments ?? []).filter((argument) => argument.name.value === "first" || argument.name.value === "last");
      if (sizes.length === 0) return defaultSize;
      return Math.max(
        ...sizes.map(({ value }) => (value.kind === Kind.INT ? Math.min(Math.max(Number(value.value), 1), maxSize) : value.kind === Kind.VARIABLE ? maxSize : defaultSize)),
      );
    };

    return {
      OperationDefinition(operation) {
        const rootType = schema.getRootType(operation.operation) ?? undefined;
        const cost = selectionSetCost(operation.selectionSet, rootType);
        if (cost > options.maxCost) reject(context, new GraphQLError(`Query Cost limit of ${options.maxCost} exceeded, found ${cost}.`));
      },
    };
  };
}
