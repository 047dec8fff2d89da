#!/usr/bin/env bash
# Starts a real Redmine (Debian 12's `redmine` 5.0 package, SQLite, served by `thin`) on
# 127.0.0.1 for the end-to-end test of `debtscan sync --tracker redmine`, and prints the
# environment that test needs as shell `export` lines, so a caller can do:
#
#   eval "$(scripts/redmine-up.sh)"          # start (or reuse) Redmine
#   eval "$(scripts/redmine-up.sh --clean)"  # same, then delete every issue of the project
#
# Exports: REDMINE_URL, REDMINE_API_KEY (an administrator's key), REDMINE_PROJECT
# (debtscan-e2e) and REDMINE_ID_FIELD (id of the issue custom field "debtscan id", which holds
# the debtscan item id: Redmine has no labels). Only those lines go to stdout; progress and
# errors go to stderr.
#
# What it does, each step skipped when already done (so running it twice is fine):
#   1. installs redmine, redmine-sqlite and thin with apt, with dbconfig-common preseeded to
#      SQLite so nothing prompts (root, Debian 12);
#   2. configures Redmine through the Rails runner: schema, English default data, REST API on,
#      admin API key, the project, the custom field, default statuses and workflows;
#   3. serves it with thin as www-data in the background, logging under /tmp/redmine-PORT/,
#      and waits until the API answers.
# If Redmine already answers with the key cached from an earlier run, it only prints the env.
#
# Settings (environment): REDMINE_PORT (default 3100), REDMINE_START_TIMEOUT (seconds to wait
# for HTTP, default 180). Stop it with scripts/redmine-down.sh (--purge also wipes the DB).
set -euo pipefail

port=${REDMINE_PORT:-3100}
timeout=${REDMINE_START_TIMEOUT:-180}
project=debtscan-e2e
field_name='debtscan id'
url="http://127.0.0.1:$port"
# One directory per port keeps the pid file, the server log and the cached env together;
# www-data owns it because thin writes its pid and log after dropping root.
state=/tmp/redmine-$port
pidfile=$state/thin.pid
log=$state/server.log
envfile=$state/env
# Debian's Redmine lives in /usr/share/redmine; `default` is the instance that the package's
# postinst creates (database, secret key and logs are per instance on Debian).
app=/usr/share/redmine
instance=default

clean=false
for arg in "$@"; do
    case $arg in
        --clean) clean=true ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
        *) echo "redmine-up: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

# Everything below writes progress to stderr; fd 3 keeps the real stdout for the exports, so
# that apt, bundler or Rails chatter can never end up in the caller's `eval`.
exec 3>&1 1>&2
say() { echo "redmine-up: $*" >&2; }
die() { say "error: $*"; exit 1; }

[[ $(id -u) == 0 ]] || die "must run as root (installs packages, runs Redmine as www-data)"
[[ $port =~ ^[0-9]+$ ]] || die "REDMINE_PORT must be a number, got '$port'"

# --- helpers ---------------------------------------------------------------------------

# Runs a command as www-data in the Redmine tree, as Debian's README asks (running Rails as
# root would leave root-owned logs and caches that the server, as www-data, cannot write).
# HOME points to the state dir because www-data's home (/var/www) may not exist, and bundler
# warns or fails when it cannot write there.
as_redmine() {
    (cd "$app" && runuser -u www-data -- env HOME="$state" RAILS_ENV=production \
        REDMINE_INSTANCE="$instance" "$@")
}

# The server answers HTTP at all (anything, even an error page).
answers() { curl -s -o /dev/null --max-time 5 "$url/" ; }

# The REST API accepts KEY: proves it is our Redmine, with the API enabled and the key valid.
key_works() {
    [[ -n ${1:-} ]] || return 1
    curl -sf -o /dev/null --max-time 10 -H "X-Redmine-API-Key: $1" "$url/users/current.json"
}

our_server_running() { [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

# Deletes every issue of the project through the REST API (no Rails boot, so it takes well
# under a second for a test's worth of issues). Subtasks go with their parent, hence 404 is ok.
delete_all_issues() {
    REDMINE_URL=$url REDMINE_API_KEY=$1 REDMINE_PROJECT=$project ruby -rnet/http -rjson -e '
        uri = URI(ENV["REDMINE_URL"])
        hdr = { "X-Redmine-API-Key" => ENV["REDMINE_API_KEY"] }
        deleted = 0
        Net::HTTP.start(uri.host, uri.port) do |http|
          loop do
            res = http.get("/issues.json?project_id=#{ENV["REDMINE_PROJECT"]}&status_id=*&limit=100", hdr)
            abort "redmine-up: listing issues: HTTP #{res.code} #{res.body[0, 200]}" unless res.code == "200"
            ids = JSON.parse(res.body)["issues"].map { |i| i["id"] }
            break if ids.empty?
            ids.each do |id|
              r = http.delete("/issues/#{id}.json", hdr)
              abort "redmine-up: deleting issue #{id}: HTTP #{r.code}" unless %w[200 204 404].include?(r.code)
              deleted += 1
            end
          end
        end
        warn "redmine-up: deleted #{deleted} issue(s) of #{ENV["REDMINE_PROJECT"]}"'
}

print_env() {
    local key=$1 field=$2
    if $clean; then delete_all_issues "$key"; fi
    {
        echo "export REDMINE_URL=$url"
        echo "export REDMINE_API_KEY=$key"
        echo "export REDMINE_PROJECT=$project"
        echo "export REDMINE_ID_FIELD=$field"
    } >&3
}

start_server() {
    if our_server_running; then return 0; fi
    if answers; then
        die "something else already answers on $url (not the Redmine this script started: no live pid in $pidfile); pick another REDMINE_PORT"
    fi
    rm -f "$pidfile"
    : >"$log"
    chown www-data:www-data "$log"
    say "starting thin on $url (log: $log)"
    # thin is not in Redmine's Gemfile, so it runs outside `bundle exec`: it loads config.ru,
    # whose config/boot.rb sets up bundler itself (this is how Debian's thin-redmine.yml
    # example runs it). --daemonize makes thin detach and write its own pid file.
    # Both thin and this redirect append to the log: start-up errors before thin detaches
    # land there too.
    # shellcheck disable=SC2094
    as_redmine thin start --chdir "$app" --environment production \
        --address 127.0.0.1 --port "$port" --rackup "$app/config.ru" \
        --daemonize --pid "$pidfile" --log "$log" >>"$log" 2>&1 ||
        { tail -n 40 "$log" >&2; die "thin failed to start (log above, full log: $log)"; }
    local waited=0
    until answers; do
        if ((waited >= timeout)); then
            tail -n 40 "$log" >&2
            # Do not leave a half-started server behind: the next run would take it for ours.
            if our_server_running; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
            die "Redmine did not answer on $url within ${timeout}s (log tail above, full log: $log)"
        fi
        if [[ -f $pidfile ]] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            tail -n 40 "$log" >&2
            die "thin exited during start-up (log tail above, full log: $log)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    say "Redmine answers on $url after ${waited}s"
}

# --- fast path: already up and configured ----------------------------------------------

mkdir -p "$state"
chown www-data:www-data "$state"

cached_key='' cached_field=''
if [[ -f $envfile ]]; then
    # The env file holds two lines written by this script: API key and custom field id.
    { read -r cached_key && read -r cached_field; } <"$envfile" || true
fi
if key_works "$cached_key"; then
    say "Redmine already up on $url"
    print_env "$cached_key" "$cached_field"
    exit 0
fi

# --- 1. packages -----------------------------------------------------------------------

packages=(redmine redmine-sqlite thin curl)
if [[ $(dpkg-query -W -f='${Status}\n' "${packages[@]}" 2>/dev/null |
    grep -c '^install ok installed$') == "${#packages[@]}" ]]; then
    say "packages already installed"
else
    say "installing ${packages[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    # Redmine's postinst asks, through dbconfig-common, which instances to create and whether
    # and how to set up each one's database. Preseed the answers for the "default" instance:
    # let dbconfig set it up, with SQLite (no database server to run). Noninteractive would
    # take the defaults anyway, and dbconfig in fact derives the type from the installed
    # redmine-<db> packages (installing only redmine-sqlite is what pins SQLite); the preseed
    # keeps an older preseed of this machine (dbconfig-install false, say) from winning.
    preseed=(
        'redmine/current-instances string default'
        "redmine/instances/$instance/dbconfig-install boolean true"
        "redmine/instances/$instance/database-type select sqlite3"
    )
    # Trap: after `apt-get purge redmine`, debconf keeps the stand-in template that an
    # earlier debconf-set-selections made for each per-instance question but drops the
    # question itself, and debconf-set-selections then fails with "Cannot find a question".
    # Put such questions back on their template first, with debconf's own Perl modules.
    perl -MDebconf::Db -MDebconf::Question -MDebconf::Template -e '
        Debconf::Db->load;
        for my $name (@ARGV) {
            my $t = Debconf::Template->get($name);
            next if !$t || Debconf::Question->get($name);
            Debconf::Question->new($name, "redmine", $t->type)->template($name);
        }
        Debconf::Db->save;' "${preseed[@]%% *}"
    printf 'redmine %s\n' "${preseed[@]}" | debconf-set-selections
    # Redmine's config script picks the default-data language from $LANG when it matches one
    # of its languages (pt_BR would give Portuguese statuses); C gives its default, English.
    export LANG=C.UTF-8
    # Trap: `apt-get purge redmine` deletes these generated config files but ucf keeps their
    # hashes, and a reinstall then says "Not replacing deleted config file" and leaves Redmine
    # without a database config (postinst fails). Forget hashes of files that are gone.
    for f in "/etc/redmine/$instance/database.yml" \
        "/etc/dbconfig-common/redmine/instances/$instance.conf"; do
        if [[ ! -e $f ]] && command -v ucf >/dev/null; then ucf --purge "$f" || true; fi
    done
    apt-get update -q
    # Finish any install that an earlier run left half-configured.
    dpkg --configure -a
    # --no-install-recommends: redmine recommends passenger (and with it Apache); thin is all
    # we serve with. curl is used below to probe the server.
    apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${packages[@]}" </dev/null
fi
command -v curl >/dev/null || die "curl is missing"
db_yml=/etc/redmine/$instance/database.yml
if [[ ! -r $db_yml ]]; then
    # Same ucf trap as above, when the packages were already installed: forget the stale
    # hash and run the package's configuration again.
    say "$db_yml is missing (left over from a purged install?): reconfiguring redmine"
    ucf --purge "$db_yml" 2>/dev/null || true
    DEBIAN_FRONTEND=noninteractive dpkg-reconfigure redmine </dev/null
fi
[[ -r $db_yml ]] ||
    die "$db_yml is still missing: dbconfig did not configure the '$instance' instance (try: dpkg-reconfigure redmine)"

# Rails refuses to boot in production without secret_key_base; Debian's postinst writes it
# per instance, but make sure (e.g. after a manual cleanup) so thin does not die at boot.
secret=/etc/redmine/$instance/secret_key.txt
if [[ ! -s $secret ]]; then
    say "writing $secret"
    ruby -rsecurerandom -e 'puts SecureRandom.hex(32)' >"$secret"
    chown root:www-data "$secret"
    chmod 0640 "$secret"
fi

# --- 2. configure through the Rails runner ---------------------------------------------

was_running=false
if our_server_running; then was_running=true; fi

runner=$state/configure.rb
cat >"$runner" <<'RUBY'
# Runs inside Redmine (rails runner, production, as www-data). Idempotent: each step checks
# before it changes anything. Prints "@@NAME=value" lines for the shell; the rest is progress.
log = ->(msg) { $stderr.puts "redmine-up: #{msg}" }
project_id = ENV.fetch('DEBTSCAN_PROJECT')
field_name = ENV.fetch('DEBTSCAN_FIELD')

# Schema: dbconfig's postinst migrates, but a purged database (redmine-down.sh --purge)
# comes back empty.
ctx = ActiveRecord::Base.connection.migration_context
if ctx.needs_migration?
  log.("migrating the database schema")
  ActiveRecord::Migration.verbose = false # hundreds of lines otherwise
  ctx.migrate
  ActiveRecord::Base.descendants.each(&:reset_column_information)
  puts "@@MIGRATED=1"
end

# English default data: statuses (New, In Progress, Resolved, Feedback, Closed, Rejected),
# trackers, priorities, roles and their workflows. Loaded only into an empty database.
if Redmine::DefaultData::Loader.no_data?
  log.("loading default data (en)")
  Redmine::DefaultData::Loader.load('en')
end
wanted = ['New', 'In Progress', 'Resolved', 'Feedback', 'Closed', 'Rejected']
missing = wanted - IssueStatus.pluck(:name)
abort "redmine-up: issue statuses missing: #{missing.join(', ')}" unless missing.empty?
abort "redmine-up: no trackers" if Tracker.none?
abort "redmine-up: no default issue priority" unless IssuePriority.default

Setting.rest_api_enabled = '1' unless Setting.rest_api_enabled?
# debtscan writes issue bodies in Markdown; Redmine 5.0 renders it with CommonMark (the
# default, Textile, would show the Markdown as typed and the hidden comments as text).
Setting.text_formatting = 'common_mark' unless Setting.text_formatting == 'common_mark'
# Require login: with Redmine's default (login not required) a wrong API key is not refused,
# the request just runs as Anonymous, and on a public project GET /issues.json says 200. With
# login required, every request with a bad key is a 401, which is what the test should see.
Setting.login_required = '1' unless Setting.login_required?

# The admin: the schema migration creates admin/admin, flagged "must change password". That
# flag only affects web logins, but clear it so a person can look around with admin/admin.
admin = User.active.where(admin: true).order(:id).first
unless admin
  log.("creating an admin user")
  admin = User.new(firstname: 'Redmine', lastname: 'Admin', mail: 'admin@example.net',
                   language: 'en')
  admin.login = 'admin'
  admin.admin = true
  admin.password = admin.password_confirmation = SecureRandom.hex(16)
  admin.save!
end
admin.update_column(:must_change_passwd, false) if admin.must_change_passwd?
api_key = admin.api_key # creates the API token on first use

# Every tracker needs a default status (new issues get it).
new_status = IssueStatus.find_by(name: 'New')
Tracker.where(default_status_id: nil).each do |t|
  log.("tracker #{t.name}: default status New")
  t.update!(default_status: new_status)
end

# Workflows: an admin may make any transition that any role's workflow allows (Redmine uses
# Role.all for admins). The default data gives Manager every transition; make sure each
# tracker has every status-to-status transition for some role, adding them to Manager.
statuses = IssueStatus.all.to_a
role = Role.givable.find_by(name: 'Manager') || Role.givable.sorted.first
have = WorkflowTransition.pluck(:tracker_id, :old_status_id, :new_status_id).to_set
added = 0
Tracker.all.each do |t|
  statuses.product(statuses).each do |from, to|
    next if from == to || have.include?([t.id, from.id, to.id])
    WorkflowTransition.create!(tracker_id: t.id, role_id: role.id,
                               old_status_id: from.id, new_status_id: to.id)
    added += 1
  end
end
log.("added #{added} workflow transitions for #{role.name}") if added > 0

project = Project.find_by(identifier: project_id)
unless project
  log.("creating project #{project_id}")
  project = Project.new(name: 'debtscan e2e', identifier: project_id,
                        description: 'Issues synced by the debtscan end-to-end test.')
  project.save!
end
# Private, like most projects a team syncs to: only members (and admins) see it.
project.is_public = false
project.trackers = Tracker.sorted.to_a
unless project.module_enabled?(:issue_tracking)
  project.enabled_module_names = project.enabled_module_names | ['issue_tracking']
end
project.save!

# Redmine has no labels: this custom field carries the debtscan item id. For all projects and
# all trackers; a filter (cf_N=value in /issues.json), searchable, visible to every role.
cf = IssueCustomField.find_by(name: field_name) ||
     IssueCustomField.new(name: field_name, field_format: 'string')
log.("creating issue custom field '#{field_name}'") if cf.new_record?
cf.is_for_all = true
cf.is_filter = true
cf.searchable = true
cf.visible = true
cf.is_required = false
cf.tracker_ids = Tracker.pluck(:id)
cf.save!
# Also attach it to the project explicitly: a field "for all projects" is otherwise not listed
# by GET /projects/ID.json?include=issue_custom_fields, which is how a non-admin key can find
# the field's id (GET /custom_fields.json is admin-only).
project.issue_custom_fields << cf unless project.issue_custom_fields.include?(cf)

puts "@@API_KEY=#{api_key}"
puts "@@ID_FIELD=#{cf.id}"
RUBY
chown www-data:www-data "$runner"

say "configuring Redmine (rails runner)"
out=$(as_redmine DEBTSCAN_PROJECT="$project" DEBTSCAN_FIELD="$field_name" \
    ruby bin/rails runner "$runner") || die "rails runner failed (output above; Rails log: /var/log/redmine/$instance/production.log)"
# Anything the runner printed that is not ours is shown, not swallowed.
grep -v '^@@' <<<"$out" >&2 || true
api_key=$(sed -n 's/^@@API_KEY=//p' <<<"$out")
field_id=$(sed -n 's/^@@ID_FIELD=//p' <<<"$out")
[[ -n $api_key && $field_id =~ ^[0-9]+$ ]] || die "rails runner printed no API key or field id"

# A server that was already running has the old schema cached; restart it after a migration.
if $was_running && grep -q '^@@MIGRATED=1' <<<"$out"; then
    say "schema changed under the running server: restarting it"
    kill "$(cat "$pidfile")"
    for _ in $(seq 30); do our_server_running || break; sleep 1; done
fi

# --- 3. serve --------------------------------------------------------------------------

start_server
key_works "$api_key" || die "Redmine answers on $url but rejects the API key (GET /users/current.json)"
printf '%s\n%s\n' "$api_key" "$field_id" >"$envfile"
chmod 0600 "$envfile"
print_env "$api_key" "$field_id"
