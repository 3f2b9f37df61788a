#!/usr/bin/env bash
# Installs what Failover Lab needs on a fresh Debian/Ubuntu machine with Node 20: redis-server (the local
# lab's pods), chromium with --test (the end-to-end tests' browser), the npm packages, and the built app.
set -euo pipefail
cd "$(dirname "$0")/.."

want=(redis-server)
[ "${1:-}" = "--test" ] && want+=(chromium)
missing=()
for pkg in "${want[@]}"; do
  command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Debian starts a system redis on 6379 after install; the lab's pods use their own loopback IPs, but a
# stray server is confusing in `ss -ltn`, so stop it when we can.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server 2>/dev/null || true
elif command -v service >/dev/null 2>&1; then
  service redis-server stop >/dev/null 2>&1 || true
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# Building the dashboard belongs to installing it, so that `npm start` is up in seconds. The test command
# builds on its own.
if [ "${1:-}" != "--test" ] && [ ! -f .next/BUILD_ID ]; then
  NEXT_TELEMETRY_DISABLED=1 npm run build
fi
