#!/usr/bin/env bash
# Rebuilds the workbench's code editor bundle (checked in at src/main/resources/jixiao/web/editor.js) from the
# packages pinned in package-lock.json. Only needed after changing editor.js, drl.js or table.js, or to update
# CodeMirror (EditorBundleTest fails until it is rebuilt);
# the Maven build uses the checked-in bundle and needs no Node.js.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run build
# what the bundle was built from, so that a test fails when a source changes and the bundle is not rebuilt
sha256sum drl.js editor.js package-lock.json table.js > ../resources/jixiao/web/editor.sources
