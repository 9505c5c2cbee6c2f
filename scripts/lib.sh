# Shared by scripts/setup, scripts/test and scripts/run: `source` it, don't run it.
# shellcheck shell=bash

# The repository root, whatever the caller's working directory.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Tools installed by scripts/setup: cargo's bin dir (trunk, wasm-bindgen,
# wasm-bindgen-test-runner) and the npm binaries (wasm-opt from binaryen 132,
# playwright). The npm ones come first so Trunk finds wasm-opt 132 and never
# an older system one.
export PATH="$ROOT/end2end/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Trunk must never try to download a tool or check for its own updates.
export TRUNK_SKIP_VERSION_CHECK=true
# Playwright uses Debian's Chromium, never a downloaded one.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [[ -t 1 ]]; then
  _bold=$'\e[1m' _dim=$'\e[2m' _red=$'\e[31m' _green=$'\e[32m' _reset=$'\e[0m'
else
  _bold='' _dim='' _red='' _green='' _reset=''
fi

# section "Title": a visible header for each stage of a script.
section() {
  printf '\n%s==> %s%s\n' "$_bold" "$*" "$_reset"
}

# info "text": one line of progress under a section.
info() {
  printf '    %s\n' "$*"
}

# ok "text": something already in place, nothing to do.
ok() {
  printf '    %sok%s %s\n' "$_green" "$_reset" "$*"
}

# die "text": stop with a message on stderr.
die() {
  printf '%serror:%s %s\n' "$_red" "$_reset" "$*" >&2
  exit 1
}

# run cmd args...: echo a command, then run it.
run() {
  printf '    %s$ %s%s\n' "$_dim" "$*" "$_reset"
  "$@"
}

# The wasm-bindgen version recorded in Cargo.lock (the CLI must match it).
lock_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$ROOT/Cargo.lock"
}

# Seconds since the script started, for the closing line.
elapsed() {
  printf '%dm%02ds' $((SECONDS / 60)) $((SECONDS % 60))
}

# wasm_sizes files...: raw, gzip -9 and brotli -11 sizes (Node's zlib, so no
# extra tool is needed).
wasm_sizes() {
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    for (const file of process.argv.slice(1)) {
      const bytes = fs.readFileSync(file);
      const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
      const brotli = zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length;
      const kb = (n) => (n / 1024).toFixed(1) + " KiB";
      console.log(`${file}: ${kb(bytes.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli`);
    }' "$@"
}

# free_port: a TCP port nobody listens on right now, on 127.0.0.1.
free_port() {
  node -e '
    const server = require("net").createServer();
    server.listen(0, "127.0.0.1", () => {
      console.log(server.address().port);
      server.close();
    });'
}
