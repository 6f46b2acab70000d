#!/usr/bin/env bash
# Writes a new migration from the change of prisma/schema.prisma since the last commit.
# `prisma migrate dev` needs a shadow database that the embedded database cannot give, so we diff
# the committed datamodel against the working one instead (see RECIPES).
# Usage: npm run migration:create -- <name>
set -euo pipefail
name="${1:?usage: npm run migration:create -- <name>}"
cd "$(dirname "$0")/.."
previous=$(mktemp --suffix=.prisma)
trap 'rm -f "$previous"' EXIT
if git cat-file -e HEAD:prisma/schema.prisma 2>/dev/null; then
  git show HEAD:prisma/schema.prisma > "$previous"
  from=(--from-schema-datamodel "$previous")
else
  from=(--from-empty)
fi
directory="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$directory"
DATABASE_URL=memory:// npx prisma migrate diff "${from[@]}" --to-schema-datamodel prisma/schema.prisma --script > "$directory/migration.sql"
echo "wrote $directory/migration.sql"
