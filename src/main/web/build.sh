#!/usr/bin/env bash
# Rebuilds the workbench's code editor bundle (checked in at src/main/resources/jixiao/web/editor.js) from the
# packages pinned in package-lock.json. Only needed after changing editor.js or drl.js, or to update CodeMirror;
# the Maven build uses the checked-in bundle and needs no Node.js.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run build
