#!/bin/sh
# Makes sure Debian's Chromium is there for the preview page's browser tests
# (playwright-core drives /usr/bin/chromium). Idempotent: does nothing when it
# is installed; installs it with apt-get when it is not; fails with one line
# when it cannot.
set -u
command -v chromium >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1; then
  SUDO=''
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO='sudo -n'
  echo "ensure-chromium: installing chromium with apt-get (for the preview browser tests)" >&2
  if $SUDO apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1; then
    command -v chromium >/dev/null 2>&1 && exit 0
  fi
fi
echo "ensure-chromium: chromium is missing and could not be installed (needs apt-get as root); install it: apt-get install -y chromium" >&2
exit 1
