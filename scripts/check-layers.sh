#!/usr/bin/env bash
# Layer rules that a compiler cannot check: SQL and sqlx live only in src/store/.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rnE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE) |sqlx::' src --include='*.rs' | grep -v '^src/store/' || true)
if [ -n "$bad" ]; then
  echo "error: SQL or sqlx outside src/store/:" >&2
  echo "$bad" >&2
  exit 1
fi
# Status, role and kind words come from the domain (src/domain/), bound or
# spliced in by src/store/sql.rs's helpers, never written into SQL by hand.
# The words are read from the domain's text_enum! declarations, so a new
# status or kind is covered the day it is added.
words=$(perl -0777 -ne 'while (/text_enum!\((.*?)\);/gs) { my $b = $1; while ($b =~ /=\s*"([a-z_]+)"/g) { print "$1\n" } }' src/domain/*.rs | sort -u | paste -sd'|')
if [ -z "$words" ]; then
  echo "error: found no text_enum! words in src/domain/ to check SQL against" >&2
  exit 1
fi
bad=$(grep -rnE "'($words)'" src/store --include='*.rs' || true)
if [ -n "$bad" ]; then
  echo "error: a domain word written into SQL (use the domain's as_str() with bind or sql::word):" >&2
  echo "$bad" >&2
  exit 1
fi
# Mutations are thin: they parse input, check permission and call one
# workflow (src/communities/, src/harvest/, src/people/, src/skills/,
# src/import/), handing it the store; they never call the store themselves.
# Read whole files, so a call rustfmt split over lines (`state\n.store\n.person(`) counts too.
bad=$(find src/api/graphql/mutation -name '*.rs' -print0 | xargs -0 perl -0777 -ne '
  while (/(\bstore\s*\.\s*(?:as_ref\s*\(\s*\)\s*\.\s*)?(?!as_ref\b)[a-z_]+\s*\(|\bloaders\s*\(|crate::store::(?!Store;)[A-Za-z{])/g) {
    my $line = 1 + (substr($_, 0, $-[0]) =~ tr/\n//);
    (my $what = $1) =~ s/\s+//g;
    print "$ARGV:$line: $what\n";
  }' || true)
if [ -n "$bad" ]; then
  echo "error: a mutation calls the store directly (put the rule in a workflow module):" >&2
  echo "$bad" >&2
  exit 1
fi
echo "layers: no SQL outside src/store/, no domain words in SQL strings, no store calls in mutations"
