#!/usr/bin/env bash
# One-command set-up: system packages, restore, Release build, and the pinned assets (model, sample videos).
# Idempotent: run it again at any time; it says what it did, or why it failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
home="$(pwd)"
export ANALYTICS_SETTING_UP=1   # ./analytics, called below to install the assets, must not start a set-up itself
shared="${ANALYTICS_SHARED:-$home/../shared}"

say()  { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: FAILED: %s\n' "$*" >&2; exit 1; }

# 1. Toolchain.
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK 10 is not installed (https://learn.microsoft.com/dotnet/core/install/linux-debian)"
sdk_major="$(dotnet --version | cut -d. -f1)"
[ "$sdk_major" -ge 10 ] || fail ".NET SDK $(dotnet --version) found; version 10 or later is required"
say ".NET SDK $(dotnet --version)"

# 2. System packages: GTK 3 (linked by OpenCV's runtime, which bundles FFmpeg), the IANA time-zone database
#    (time bins follow each camera's local clock) and the ffmpeg command (with an H.264 encoder, which OpenCV's
#    bundled FFmpeg lacks), with which 'bench --archive' and its test build their archive from the sample videos.
missing_packages=()
ldconfig -p | grep -q 'libgtk-3\.so\.0' || missing_packages+=(libgtk-3-0)
[ -f /usr/share/zoneinfo/Europe/Paris ] || missing_packages+=(tzdata)
command -v ffmpeg >/dev/null 2>&1 || missing_packages+=(ffmpeg)
if [ ${#missing_packages[@]} -eq 0 ]; then
  say "system packages present (libgtk-3-0, tzdata, ffmpeg)"
else
  say "installing ${missing_packages[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "${missing_packages[*]} missing and this user cannot install them: run 'apt-get install ${missing_packages[*]}' as root"
    sudo="sudo"
  fi
  $sudo apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing_packages[@]}" >/dev/null || fail "apt-get install ${missing_packages[*]} failed"
  say "installed ${missing_packages[*]}"
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

# 4. Assets, each checked against its pinned SHA-256: copied from the shared folder beside the checkout when it
#    exists, otherwise downloaded from the public address of the exact file.
install_assets() { # $1: analytics command (models|samples), $2: shared sub-folder, $3: what, for messages
  local from=()
  if [ -d "$shared/$2" ]; then
    from=(--from "$shared/$2")
    say "copying $3 from $shared/$2"
  else
    say "no $shared/$2 folder: downloading $3 from their pinned public addresses"
  fi
  ./analytics "$1" install "${from[@]}" || fail "$3 installation failed (see above)"
}
install_assets models models "models"           # the default model, and any other listed model found there
install_assets samples videos "sample videos"   # footage for the sample jobs and the integration tests

touch .setup-complete   # last step, only on success: ./analytics and ./test set up until it exists
say "done. Try: ./analytics analyse --job samples/pets-plaza.job.json --out out/pets"
