#!/bin/bash
# Runs once, when the PostgreSQL data volume is first initialised (/docker-entrypoint-initdb.d).
# Lindung and Temporal each get their own login role and their own databases, so neither can
# read the other's data:
#   lindung   -> database lindung (one schema per service, created by `infra/migrate.ts`)
#   temporal  -> databases temporal and temporal_visibility (schemas created by auto-setup)
# Passwords come from the postgres service's environment (see docker-compose.yml).
# Changing them later needs ALTER ROLE: this script does not run again on an existing volume.
set -euo pipefail

: "${LINDUNG_DB_PASSWORD:?set LINDUNG_DB_PASSWORD}"
: "${TEMPORAL_DB_PASSWORD:?set TEMPORAL_DB_PASSWORD}"

psql --no-psqlrc -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" \
  -v lindung_password="$LINDUNG_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE lindung LOGIN CREATEROLE PASSWORD :'lindung_password';
CREATE DATABASE lindung OWNER lindung;
REVOKE ALL ON DATABASE lindung FROM PUBLIC;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
SQL
