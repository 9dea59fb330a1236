#!/bin/sh
# Makes sure the Debian packages the tests drive are there: Chromium for the
# preview page's browser tests (playwright-core drives /usr/bin/chromium) and
# PostgreSQL for the review queue's replica tests (the tests start their own
# server with initdb and pg_ctl). Idempotent: does nothing when both are
# installed; installs what is missing with apt-get; fails with one line when
# it cannot.
set -u
missing=''
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  SUDO=''
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO='sudo -n'
  echo "ensure-test-tools: installing$missing with apt-get (browser and database tests)" >&2
  if $SUDO apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null 2>&1; then
    command -v chromium >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
  fi
fi
echo "ensure-test-tools:$missing missing and could not be installed (needs apt-get as root); install:  apt-get install -y$missing" >&2
exit 1
