import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * Whether the field being resolved asks for nothing but `fieldNames` and `__typename`, whichever
 * way the query spells it (aliases, inline fragments, named fragments). A field under `@skip` or
 * `@include` counts as asked for: the answer only has to be enough for what may be read.
 */
export function selectsOnly(info: GraphQLResolveInfo, fieldNames: ReadonlySet<string>): boolean {
  const isWithin = (selectionSet: SelectionSetNode | undefined): boolean =>
    selectionSet === undefined ||
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === "__typename" || fieldNames.has(selection.name.value);
        case Kind.INLINE_FRAGMENT:
          return isWithin(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD:
          return isWithin(info.fragments[selection.name.value]?.selectionSet);
      }
    });
  return info.fieldNodes.every((node) => isWithin(node.selectionSet));
}
