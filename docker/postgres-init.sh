#!/usr/bin/env bash
# PostgreSQL roles for docker-compose.yml, mounted into /docker-entrypoint-initdb.d: the
# postgres image runs it once, as the superuser, on the first start of an empty data volume.
# One login role and one database per service, each role owning only its own database:
#   rasa         database rasa         (Rasa's tracker store)
#   recommender  database recommender  (events, profiles, consent)
#   console      database console      (tickets, reviews); in database rasa it may read and
#                                      delete the tables Rasa creates (review, forget/purge)
# No service logs in as the superuser. Passwords come from the environment (docker/.env), so
# none is written here. A data volume made before this script (everything in database genrec,
# as the superuser) is not touched: run the script by hand, then move the data into the new
# databases (pg_dump, pg_restore --no-owner --role=<service>) or start from an empty volume:
#   docker compose -f docker/docker-compose.yml exec postgres \
#     bash /docker-entrypoint-initdb.d/10-genrec-roles.sh
set -e
for var in RASA_DB_PASSWORD RECOMMENDER_DB_PASSWORD CONSOLE_DB_PASSWORD; do
    if [ -z "${!var:-}" ]; then
        echo "postgres-init.sh: $var is not set" >&2
        exit 1
    fi
done

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v rasa_password="$RASA_DB_PASSWORD" \
    -v recommender_password="$RECOMMENDER_DB_PASSWORD" \
    -v console_password="$CONSOLE_DB_PASSWORD" <<'SQL'
CREATE ROLE rasa LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'rasa_password';
CREATE ROLE recommender LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'recommender_password';
CREATE ROLE console LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'console_password';

CREATE DATABASE rasa OWNER rasa;
CREATE DATABASE recommender OWNER recommender;
CREATE DATABASE console OWNER console;
-- Only the owner (and the console, below) may connect; not the others by default.
REVOKE ALL ON DATABASE rasa, recommender, console, postgres FROM PUBLIC;
GRANT CONNECT ON DATABASE rasa TO console;

-- PostgreSQL 15: the schema public belongs to the database owner, who creates the tables.
\connect rasa
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO console;
ALTER DEFAULT PRIVILEGES FOR ROLE rasa IN SCHEMA public GRANT SELECT, DELETE ON TABLES TO console;
-- Tables Rasa made before this script ran by hand.
GRANT SELECT, DELETE ON ALL TABLES IN SCHEMA public TO console;
\connect recommender
REVOKE ALL ON SCHEMA public FROM PUBLIC;
\connect console
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL
