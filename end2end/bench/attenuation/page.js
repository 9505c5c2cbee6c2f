// Times one attenuation (parse base64 + verify with the public key + append
// one block + serialize to base64) with the token core compiled to wasm
// (crates/wasm-bench) and with npm @biscuit-auth/biscuit-wasm 0.6, in the
// same page, from JavaScript, with the same token, key and block text.
// The page is cross-origin isolated, so performance.now() ticks in
// microseconds rather than Chromium's default 100 µs.
import initOurs, { Attenuator, sample_root_token } from "/ours/wasm_bench.js";
import * as biscuit from "/biscuit-wasm/biscuit_bg.js";

// biscuit-wasm ships only a bundler build (`import * as wasm from
// "./biscuit_bg.wasm"`), which browsers cannot import yet: instantiate it the
// way a bundler would, with its JS glue and snippets as the imports.
async function loadBiscuitWasm() {
  const module = await WebAssembly.compileStreaming(fetch("/biscuit-wasm/biscuit_bg.wasm"));
  const imports = {};
  for (const { module: name } of WebAssembly.Module.imports(module)) {
    if (name in imports) continue;
    imports[name] =
      name === "./biscuit_bg.js" ? biscuit : await import(new URL(name, `${location.origin}/biscuit-wasm/`).href);
  }
  const instance = await WebAssembly.instantiate(module, imports);
  biscuit.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
}

function timeEach(op, count, into) {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    op();
    into.push(performance.now() - start);
  }
}

window.runBench = async ({ runs, warmup, round }) => {
  await initOurs();
  await loadBiscuitWasm();
  const { token, public_key: publicKey } = JSON.parse(sample_root_token());

  const ours = new Attenuator(publicKey);
  const source = ours.block_source();
  const key = biscuit.PublicKey.fromString(publicKey, biscuit.SignatureAlgorithm.Ed25519);

  const oursOp = () => ours.attenuate(token);
  // What Hook0's dashboard does with biscuit-wasm, freeing what it creates
  // (the Rust side drops its values inside the operation too).
  const theirsOp = () => {
    const parsed = biscuit.Biscuit.fromBase64(token, key);
    const block = biscuit.Biscuit.block_builder();
    block.addCode(source);
    const appended = parsed.appendBlock(block);
    const out = appended.toBase64();
    appended.free();
    block.free();
    parsed.free();
    return out;
  };

  // Both results must be real attenuated tokens with the same block,
  // verified by the other library's reading (biscuit-wasm reads both).
  const check = (b64, who) => {
    const read = biscuit.Biscuit.fromBase64(b64, key);
    const blocks = read.countBlocks();
    const text = read.getBlockSource(1);
    read.free();
    if (blocks !== 2) throw new Error(`${who}: ${blocks} blocks instead of 2`);
    return text;
  };
  const oursBlock = check(oursOp(), "token core");
  const theirsBlock = check(theirsOp(), "biscuit-wasm");
  if (oursBlock !== theirsBlock) {
    throw new Error(`the two libraries appended different blocks:\n${oursBlock}\n---\n${theirsBlock}`);
  }

  const warm = [];
  timeEach(oursOp, warmup, warm);
  timeEach(theirsOp, warmup, warm);
  // Interleaved rounds, so background noise falls on both alike.
  const times = { ours: [], theirs: [] };
  for (let done = 0; done < runs; done += round) {
    const n = Math.min(round, runs - done);
    timeEach(oursOp, n, times.ours);
    timeEach(theirsOp, n, times.theirs);
  }
  ours.free();
  key.free();
  document.getElementById("status").textContent = "done";
  return { ...times, isolated: self.crossOriginIsolated, block: oursBlock };
};
