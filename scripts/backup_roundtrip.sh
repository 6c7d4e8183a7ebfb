#!/usr/bin/env bash
# Proves that pg_dump / pg_restore round-trip a Reading Room database (docs/deploy.md, "Backups").
# Makes a scratch database, migrates it, imports the sample and edits a paragraph (history), dumps
# it (pg_dump --format=custom), restores the dump into a second scratch database (pg_restore), and
# compares every table of the two, row by row; then checks that search finds the restored text and
# that the restored triggers index a new edit. Drops both scratch databases at the end.
#   PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) PGPASSWORD: as for psql; the role must be
#   allowed to create databases.   PYTHON: default .venv/bin/python if present, else python3.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

suffix="$$_$(date +%s)"
src="rr_backup_src_$suffix"
dst="rr_backup_dst_$suffix"
work="$(mktemp -d)"
cleanup() {
  dropdb --if-exists "$src" || true
  dropdb --if-exists "$dst" || true
  rm -rf "$work"
}
trap cleanup EXIT

url() { echo "postgres://$PGUSER@$PGHOST:$PGPORT/$1"; } # the password, if any, from PGPASSWORD
manage() {
  local db="$1"
  shift
  DATABASE_URL="$(url "$db")" DATABASE_REPLICA_URLS="" "$PYTHON" manage.py "$@"
}

# Every table (search index included): its name, row count and a digest of its rows.
fingerprint() {
  local tables
  tables="$(psql -d "$1" -XAtc "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")"
  for table in $tables; do
    psql -d "$1" -XAtc "SELECT '$table', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))
                        FROM \"$table\" t"
  done
}

echo "== source: $src"
createdb "$src"
manage "$src" migrate --noinput --verbosity 0
manage "$src" load_states >/dev/null
manage "$src" import_document sample/ >/dev/null
manage "$src" shell --no-imports -c "
from reading_room.documents.models import ParagraphText
text = ParagraphText.objects.filter(language_id='en').order_by('id').first()
text.text += ' Restorable.'
text.version += 1
text.save()
"

echo "== pg_dump, pg_restore: $dst"
pg_dump --format=custom --no-owner --file="$work/reading_room.dump" "$src"
createdb "$dst"
pg_restore --no-owner --exit-on-error --dbname="$dst" "$work/reading_room.dump"

fingerprint "$src" >"$work/src.txt"
fingerprint "$dst" >"$work/dst.txt"
if ! diff -u "$work/src.txt" "$work/dst.txt"; then
  echo "FAIL: the restored database differs" >&2
  exit 1
fi
echo "same rows in $(wc -l <"$work/src.txt") tables"

query() { psql -d "$dst" -XAtc "$1"; }
found="$(query "SELECT count(*) FROM search_entry WHERE vector @@ websearch_to_tsquery('en_unaccent', 'restorable')")"
[ "$found" -ge 1 ] || { echo "FAIL: search does not find the edited word" >&2; exit 1; }
query "UPDATE documents_paragraphtext SET text = text || ' Afterwards.' WHERE id = (SELECT min(id) FROM documents_paragraphtext)" >/dev/null
found="$(query "SELECT count(*) FROM search_entry WHERE vector @@ websearch_to_tsquery('en_unaccent', 'afterwards')")"
[ "$found" -ge 1 ] || { echo "FAIL: the restored triggers do not index a new edit" >&2; exit 1; }
history="$(query "SELECT count(*) FROM documents_historicalparagraphtext WHERE history_type = '~'")"
echo "search finds restored and new text; $history edit(s) in the restored history"
echo "OK"
