import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * Whether the field being resolved asks for nothing but `fieldNames` and `__typename` under the
 * fields named `path` (none: the field itself), whichever way the query spells it (aliases, inline
 * fragments, named fragments). A field under `@skip` or `@include` counts as asked for: the answer
 * only has to be enough for what may be read. True when nothing is selected at `path`.
 */
export function selectsOnly(info: GraphQLResolveInfo, fieldNames: ReadonlySet<string>, path: readonly string[] = []): boolean {
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) fields = fields.flatMap((field) => fieldsNamed(info, field.selectionSet, name));
  return fields.every((field) => fieldsOf(info, field.selectionSet).every((selected) => selected.name.value === "__typename" || fieldNames.has(selected.name.value)));
}

function fieldsNamed(info: GraphQLResolveInfo, selectionSet: SelectionSetNode | undefined, name: string): FieldNode[] {
  return fieldsOf(info, selectionSet).filter((field) => field.name.value === name);
}

/** The fields a selection set selects, through its fragments. */
function fieldsOf(info: GraphQLResolveInfo, selectionSet: SelectionSetNode | undefined): FieldNode[] {
  if (selectionSet === undefined) return [];
  return selectionSet.selections.flatMap((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return [selection];
      case Kind.INLINE_FRAGMENT:
        return fieldsOf(info, selection.selectionSet);
      case Kind.FRAGMENT_SPREAD:
        return fieldsOf(info, info.fragments[selection.name.value]?.selectionSet);
    }
  });
}
