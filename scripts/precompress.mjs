// Trunk's post-build hook (Trunk.toml): writes a brotli (quality 11) and a
// gzip (level 9) copy next to each text or wasm file of a release build, so
// token-server sends them as they are (ServeDir's precompressed variants)
// instead of compressing on the fly at a fast, weak level: the wasm goes out
// as ~540 KiB instead of ~670. Node's zlib does both; nothing to install.
// Debug builds (`trunk serve`) are skipped: they change on every save.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";

const COMPRESSIBLE = new Set([".html", ".js", ".css", ".wasm", ".svg", ".json"]);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.has(extname(name))) yield path;
  }
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("precompress: TRUNK_STAGING_DIR is not set (run by Trunk's post_build hook)");
  process.exit(2);
}
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

for (const path of files(dir)) {
  const raw = readFileSync(path);
  const brotli = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gzip = gzipSync(raw, { level: 9 });
  // A compressed copy larger than the file is never sent (ServeDir would).
  if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip);
}
