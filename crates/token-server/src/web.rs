//! The HTTP stack around the API: trailing-slash normalization, request ids,
//! tracing, CORS, compression, body limit, security headers, and the
//! dashboard's static files with an SPA fallback to `index.html`.

use std::path::Path;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::{Layer, ServiceExt};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::normalize_path::NormalizePathLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

use crate::error::ApiError;
use crate::routes;
use crate::state::AppState;

/// The whole application: API, dashboard, and every layer.
pub fn app(state: AppState) -> Router {
    let router = routes::api()
        .fallback(fallback)
        // A known API path with another method: problem+json like every
        // other API error (axum's own 405 has an empty body).
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .with_state(state.clone());
    // Layered *around* the router: route matching must see the normalized
    // path, which a `Router::layer` would apply too late.
    let normalized = NormalizePathLayer::trim_trailing_slash().layer(router);
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(
            state
                .config
                .cors_origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim()).ok()),
        ))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::ACCEPT, header::AUTHORIZATION, header::CONTENT_TYPE])
        .max_age(std::time::Duration::from_secs(3600));
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request<Body>| {
            // The path only: never headers (Authorization) nor bodies.
            let id = req
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
        })
        .on_response(
            DefaultOnResponse::new()
                .level(Level::INFO)
                .latency_unit(LatencyUnit::Micros),
        );
    Router::new()
        .fallback_service(normalized)
        .layer(DefaultBodyLimit::max(state.config.body_limit_bytes))
        .layer(middleware::from_fn_with_state(state, security_headers))
        .layer(CompressionLayer::new())
        .layer(cors)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(trace)
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Unknown `/api` paths are problem+json 404s; everything else is the
/// dashboard: a file from `dist/`, or `index.html` for client-side routes.
async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::NotFound.into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let dist = &state.config.dist;
    let accept_encoding = req.headers().get(header::ACCEPT_ENCODING).cloned();
    // The release build's brotli and gzip copies (scripts/precompress.mjs)
    // when the browser takes them; the compression layer leaves those alone.
    let Ok(response) = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await;
    let mut response = response.map(Body::new);
    // A deep link (`/tokens/new`) has no extension; a missing asset does and
    // stays a 404 rather than becoming HTML the browser would misread.
    let last = path.rsplit('/').next().unwrap_or("");
    if response.status() == StatusCode::NOT_FOUND && !last.contains('.') {
        let mut index = Request::new(Body::empty());
        if let Some(v) = accept_encoding {
            index.headers_mut().insert(header::ACCEPT_ENCODING, v);
        }
        let Ok(r) = ServeFile::new(dist.join("index.html"))
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(index)
            .await;
        response = r.map(Body::new);
    }
    let cache = if response.status().is_success() && is_hashed_asset(last) {
        // Trunk puts a content hash in asset names: they never change.
        "public, max-age=31536000, immutable"
    } else {
        // index.html and unhashed files: revalidate every time.
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The body depends on Accept-Encoding (a precompressed copy or the
    // file), so a shared cache must key on it too.
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether a file name carries a Trunk content hash
/// (`dashboard-0123456789abcdef_bg.wasm`, `style-0123456789abcdef.css`).
fn is_hashed_asset(name: &str) -> bool {
    name.split('-')
        .skip(1)
        .any(|part| part.chars().take_while(char::is_ascii_hexdigit).count() >= 16)
}

/// Security headers on every response; API responses are never cached.
async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api");
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, state.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if is_api && !h.contains_key(header::CACHE_CONTROL) {
        // Bodies carry tokens: keep them out of every cache.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The CSP: scripts from this origin only, plus `'wasm-unsafe-eval'` to
/// compile the dashboard's wasm, plus the SHA-256 of each inline script in
/// `dist/index.html` (Trunk writes the wasm loader inline), so no
/// `'unsafe-inline'` is needed for scripts. Computed once at start: rebuild
/// the dashboard, restart the server. (This project's dashboard boots from
/// a file, `boot.js`, so it has no inline script and the list is empty;
/// the hashes keep a stock Trunk build working too.) Styles come from files
/// only: the dashboard uses no inline style. `connect-src` lets the
/// dashboard talk to another API location ("Change the API location"):
/// any HTTPS origin, or plain HTTP on loopback for local setups.
pub fn content_security_policy(dist: &Path) -> HeaderValue {
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let hashes: String = inline_scripts(&html)
        .map(|s| {
            let digest = Sha256::digest(s.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// The bodies of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let rest = &html[start..];
        let tag_end = rest.find('>')?;
        let tag = &rest[..tag_end];
        let body = &rest[tag_end + 1..];
        let body = &body[..body.find("</script>")?];
        (!tag.contains("src=")).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed_asset("dashboard-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("style-0123456789abcdef.css"));
        assert!(!is_hashed_asset("index.html"));
        assert!(!is_hashed_asset("favicon-32.png"));
    }

    #[test]
    fn inline_scripts_only() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["init()"]);
    }
}
