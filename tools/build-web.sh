#!/usr/bin/env bash
# Rebuilds the web page's bundle (web/dist, committed) from web/ with the locked npm packages.
# Only needed after changing web/: the .NET build embeds web/dist as it is and never runs Node.
# Needs Node >= 20.19 and npm. The output is deterministic: content-hashed file names, no source maps, no timestamps.
set -euo pipefail
cd "$(dirname "$0")/../web"
export SOURCE_DATE_EPOCH=0
npm ci --no-audit --no-fund
npm run build
echo "web/dist:" && find dist -type f | sort | while read -r f; do printf '  %8d  %s\n' "$(wc -c < "$f")" "$f"; done
