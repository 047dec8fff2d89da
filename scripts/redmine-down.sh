#!/usr/bin/env bash
# Stops the Redmine that scripts/redmine-up.sh started (thin, on REDMINE_PORT, default 3100).
#
#   scripts/redmine-down.sh          # stop the server; data, API key and project are kept
#   scripts/redmine-down.sh --purge  # stop it and delete the SQLite database and cached env,
#                                    # so the next redmine-up.sh starts from an empty Redmine
#                                    # (new schema, new API key, new custom field id)
#
# To start a test from an empty project without a restart, use `redmine-up.sh --clean`: it
# deletes every issue of debtscan-e2e through the REST API and keeps the server running.
# The packages stay installed either way.
set -euo pipefail

port=${REDMINE_PORT:-3100}
state=/tmp/redmine-$port
pidfile=$state/thin.pid
instance=default

purge=false
for arg in "$@"; do
    case $arg in
        --purge) purge=true ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
        *) echo "redmine-down: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "redmine-down: $*" >&2; }

# Only the process whose pid thin wrote is stopped: never anything found by name, which could
# be someone else's Redmine or thin.
if [[ -f $pidfile ]] && pid=$(cat "$pidfile") && kill -0 "$pid" 2>/dev/null; then
    say "stopping thin (pid $pid) on port $port"
    kill -TERM "$pid"
    # thin finishes open requests first; give it a while, then force it.
    for _ in $(seq 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "still running after 30s: sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
else
    say "no Redmine started by redmine-up.sh is running on port $port"
    rm -f "$pidfile"
fi

if $purge; then
    # The database path comes from the instance's database.yml (dbconfig wrote it):
    # /var/lib/dbconfig-common/sqlite3/redmine/instances/default/redmine_default by default.
    db_yml=/etc/redmine/$instance/database.yml
    if [[ -r $db_yml ]]; then
        db=$(ruby -ryaml -e 'puts YAML.load_file(ARGV[0]).dig("production", "database")' "$db_yml")
        if [[ -n $db && -f $db ]]; then
            say "deleting database $db"
            # Truncate rather than delete: the file keeps the owner and mode dbconfig gave it
            # (root:www-data 0660), and its directory need not be writable by www-data.
            : >"$db"
            rm -f "$db-journal" "$db-wal" "$db-shm"
        fi
    fi
    # The cached key belongs to the old database; Redmine's file cache could hold old settings.
    rm -f "$state/env"
    rm -rf "/var/lib/redmine/$instance/tmp/cache"
    say "purged: the next redmine-up.sh recreates schema, default data, project and field"
fi
