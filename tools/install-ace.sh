#!/usr/bin/env bash
# Install DAISY Ace (@daisy/ace-cli, the command-line checker) into a project-local folder.
#   tools/install-ace.sh DIR VERSION
# Ace checks books in a headless browser through puppeteer. Puppeteer's own browser
# download is skipped: the tests point it at the system Chromium (Debian package
# `chromium`, in the Makefile's SYSTEM_PACKAGES) with PUPPETEER_EXECUTABLE_PATH.
# Needs node and npm; installs Debian's when neither is on PATH.
set -euo pipefail
dir=$1 version=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1; then
  bash "$here/install-system-packages.sh" nodejs npm
fi
mkdir -p "$dir"
echo "Installing DAISY Ace $version into $dir"
PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error \
  "@daisy/ace-cli@$version"
test -x "$dir/node_modules/.bin/ace-cli"
touch "$dir/node_modules/.bin/ace-cli"
