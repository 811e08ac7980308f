#!/usr/bin/env bash
# CI (issue 15): build the .deb, install it with apt, use it as an ordinary user with no Python
# environment on PATH, upgrade it over itself and remove it, checking the learner data survives.
# Called from .ci/run with the project's virtual environment active; runs as root on Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
step() { printf '\n--- installer check: %s\n' "$*"; }
fail() { printf 'installer check FAILED: %s\n' "$*" >&2; exit 1; }

step "build tools"
apt-get install -y -qq --no-install-recommends binutils xauth xvfb >/dev/null
python -c "import PyInstaller" 2>/dev/null || python -m pip install -q -e ".[build]"
rm -f /tmp/trainer-before.csv /tmp/trainer-after.csv /tmp/trainer-again.csv /tmp/trainer-packs.txt

step "build the .deb (PyInstaller, then dpkg-deb)"
started=$(date +%s)
python tools/build_installers.py deb
built=$(( $(date +%s) - started ))
echo "building the .deb took ${built} s"
deb=$(ls dist/trainer_*_"$(dpkg --print-architecture)".deb | sort -V | tail -n 1)
deb_mib=$(( $(stat -c %s "$deb") / 1048576 ))
echo "$deb: ${deb_mib} MiB"
[ "$deb_mib" -le 120 ] || fail "the .deb is ${deb_mib} MiB (budget 120 MiB)"

step "install with apt (pulls the system libraries it depends on)"
apt-get install -y -qq "./$deb" >/dev/null
installed_mib=$(( $(dpkg-query -W -f '${Installed-Size}' trainer) / 1024 ))
echo "installed size: ${installed_mib} MiB"
[ "$installed_mib" -le 300 ] || fail "installed size ${installed_mib} MiB (budget 300 MiB)"
dpkg -s libxcb-cursor0 >/dev/null || fail "apt did not pull in libxcb-cursor0"
[ -x /opt/apps/cn.trainer.app/files/trainer ] || fail "no program under /opt/apps"
[ -f /usr/share/applications/cn.trainer.app.desktop ] || fail "no menu entry"
grep -q '^Name\[zh_CN\]=数字政府能力培训$' /usr/share/applications/cn.trainer.app.desktop \
  || fail "menu entry without its Chinese name"

step "use it as an ordinary user, no virtual environment on PATH"
user=trainer-ci
id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
home=$(getent passwd "$user" | cut -d: -f6)
rm -rf "$home/.local/share/Trainer" "$home/.config" "$home/.cache"
as_user() {
  (cd / && runuser -u "$user" -- env -i HOME="$home" USER="$user" LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin "$@")
}
as_user sh -c 'command -v python3 >/dev/null && python3 -c "import trainer" 2>/dev/null' \
  && fail "the user's Python can import trainer: this would not test the package"
[ "$(as_user sh -c 'command -v trainer')" = /usr/bin/trainer ] || fail "trainer is not /usr/bin/trainer"
as_user trainer --version
as_user trainer pack list | tee /tmp/trainer-packs.txt
grep -q digital-government /tmp/trainer-packs.txt || fail "built-in course missing"
as_user trainer demo --learners 30 >/dev/null
data="$home/.local/share/Trainer"
[ -f "$data/trainer.sqlite3" ] || fail "no database in the user's data folder $data"
as_user trainer report export --format csv -o /tmp/trainer-before.csv
as_user env QT_QPA_PLATFORM=offscreen TRAINER_SMOKE_TEST=1 timeout 180 trainer \
  || fail "the desktop app did not paint its first screen (offscreen)"
as_user env TRAINER_SMOKE_TEST=1 timeout 180 xvfb-run -a trainer \
  || fail "the desktop app did not paint its first screen on X11 (xcb)"

step "install the same .deb again, as an upgrade: the data stays"
apt-get install -y -qq --reinstall "./$deb" >/dev/null
as_user trainer report export --format csv -o /tmp/trainer-after.csv
cmp /tmp/trainer-before.csv /tmp/trainer-after.csv || fail "learner data changed on reinstall"
as_user env QT_QPA_PLATFORM=offscreen TRAINER_SMOKE_TEST=1 timeout 180 trainer \
  || fail "the app does not start after the reinstall"

step "remove the package: the data stays"
apt-get remove -y -qq trainer >/dev/null
[ ! -e /opt/apps/cn.trainer.app ] && [ ! -e /usr/bin/trainer ] || fail "files left after removal"
[ -f "$data/trainer.sqlite3" ] || fail "removing the package removed the data"
apt-get install -y -qq "./$deb" >/dev/null
as_user trainer report export --format csv -o /tmp/trainer-again.csv
cmp /tmp/trainer-before.csv /tmp/trainer-again.csv || fail "learner data changed after remove"
echo "installer check passed (build ${built} s, .deb ${deb_mib} MiB, installed ${installed_mib} MiB)"
