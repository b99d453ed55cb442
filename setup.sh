#!/usr/bin/env bash
# One-command set-up: native libraries, restore, Release build, and the pinned assets (models).
# Idempotent: run it again at any time; it says what it did, or why it failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
home="$(pwd)"
shared="${ANALYTICS_SHARED:-$home/../shared}"

say()  { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: FAILED: %s\n' "$*" >&2; exit 1; }

# 1. Toolchain.
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK 10 is not installed (https://learn.microsoft.com/dotnet/core/install/linux-debian)"
sdk_major="$(dotnet --version | cut -d. -f1)"
[ "$sdk_major" -ge 10 ] || fail ".NET SDK $(dotnet --version) found; version 10 or later is required"
say ".NET SDK $(dotnet --version)"

# 2. Native libraries. OpenCV's runtime (with FFmpeg video I/O) links against GTK 3.
if ldconfig -p | grep -q 'libgtk-3\.so\.0'; then
  say "libgtk-3-0 already installed"
else
  say "installing libgtk-3-0 (required by the OpenCV runtime)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "libgtk-3-0 is missing and this user cannot install it: run 'apt-get install libgtk-3-0' as root"
    sudo="sudo"
  fi
  $sudo apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libgtk-3-0 >/dev/null || fail "apt-get install libgtk-3-0 failed"
  say "libgtk-3-0 installed"
fi

# 3. Restore and build (Release).
say "restoring packages"
dotnet restore Analytics.sln --verbosity quiet || fail "dotnet restore failed (see above)"
say "building Release"
dotnet build Analytics.sln -c Release --no-restore --verbosity quiet -nologo || fail "dotnet build failed (see above)"

native="src/Analytics.Cli/bin/Release/net10.0/runtimes/linux-x64/native/libOpenCvSharpExtern.so"
[ -f "$native" ] || fail "the OpenCV native runtime is missing from the build output ($native)"
missing="$(ldd "$native" | awk '/not found/ {print $1}' | tr '\n' ' ')"
[ -z "$missing" ] || fail "the OpenCV runtime cannot load; missing native libraries: $missing"
say "OpenCV native runtime resolves all its libraries"

# 4. Assets: the default model (and any other listed model found in the shared folder), SHA-256 checked.
from=()
if [ -d "$shared/models" ]; then
  from=(--from "$shared/models")
  say "copying models from $shared/models"
else
  say "no $shared/models folder: downloading models from their pinned public addresses"
fi
./analytics models install "${from[@]}" || fail "model installation failed (see above)"

say "done. Try: ./analytics --help"
