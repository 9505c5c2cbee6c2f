// Starts the dashboard: loads the wasm-bindgen glue and the wasm file whose
// hashed names Trunk writes into <meta name="app-js"> and <meta name="app-wasm">
// (`pattern_script` in Trunk.toml). It replaces Trunk's default inline loader so
// the page runs under a strict Content-Security-Policy without 'unsafe-inline'
// (script-src 'self' 'wasm-unsafe-eval').
const asset = (name) => {
  const value = document.querySelector(`meta[name="${name}"]`)?.getAttribute("content");
  if (!value) throw new Error(`index.html has no <meta name="${name}">: check Trunk.toml`);
  return value;
};

const { default: init } = await import(asset("app-js"));
await init({ module_or_path: asset("app-wasm") });
