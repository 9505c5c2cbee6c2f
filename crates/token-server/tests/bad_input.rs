//! The bad-input matrix (issue 7): every endpoint × every kind of bad
//! input, table-driven. Each case must get a problem+json 4xx (or 503),
//! never a 500, never a dropped connection (a panicking handler), never a
//! hang (every request has a client timeout), and must leave the database
//! exactly as it was (a snapshot of every row of every table is compared
//! after each case).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use common::{event, paths, Answer, Server, Session};
use reqwest::header::HeaderValue;
use reqwest::Method;
use serde_json::{json, Value};
use token_core::attenuation::AttenuationRequest;
use token_core::biscuit_auth::KeyPair;
use token_core::mint::{self, ServiceTokenClaims};
use token_core::policy::MAX_AUTHORIZATION_TIME;
use tower::ServiceExt;

/// The login path, which several special cases post to.
const LOGIN: &str = "/api/v1/auth/login";
/// Body limit of the matrix's server: small, so "over the limit" is cheap.
const BODY_LIMIT: usize = 16 * 1024;
/// No request may take longer than this: a hang fails the case.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(20);

/// The ids an endpoint's path, query and body refer to.
struct Ids {
    org: String,
    app: String,
    token: String,
}

/// Which bearer token makes a request to an endpoint valid.
#[derive(Clone, Copy, PartialEq)]
enum Auth {
    None,
    Access,
    Refresh,
}

/// One endpoint and what a valid request to it looks like.
struct Endpoint {
    method: Method,
    /// `{org}`, `{app}`, `{token}` are replaced by [`Ids`].
    path: &'static str,
    /// `(name, placeholder)` of the query parameter it requires.
    query: Option<(&'static str, &'static str)>,
    body: Option<fn(&Ids) -> Value>,
    auth: Auth,
    /// Body fields validated as names (length, no control characters).
    names: &'static [&'static str],
    /// The expected answers when a name field is bad.
    bad_name: &'static [(u16, &'static str)],
}

impl Endpoint {
    fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

fn endpoints() -> Vec<Endpoint> {
    const VALIDATION: &[(u16, &str)] = &[(422, "Validation")];
    let e = |method, path, query, body, auth, names| Endpoint {
        method,
        path,
        query,
        body,
        auth,
        names,
        bad_name: VALIDATION,
    };
    let org_q = Some(("organization_id", "{org}"));
    let app_q = Some(("application_id", "{app}"));
    use Auth::{Access, None as Anonymous, Refresh};
    vec![
        e(Method::GET, "/api/v1/instance", None, None, Anonymous, &[]),
        e(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(|_| json!({"email": "ada@example.com", "password": common::PASSWORD})),
            Anonymous,
            &["email"],
        ),
        e(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            None,
            Refresh,
            &[],
        ),
        e(Method::POST, "/api/v1/auth/logout", None, None, Access, &[]),
        e(
            Method::POST,
            "/api/v1/register",
            None,
            Some(
                |_| json!({"first_name": "Eve", "last_name": "Doe", "email": "eve@example.com", "password": common::PASSWORD}),
            ),
            Anonymous,
            &["first_name", "last_name", "email"],
        ),
        e(
            Method::GET,
            "/api/v1/organizations",
            None,
            None,
            Access,
            &[],
        ),
        e(
            Method::POST,
            "/api/v1/organizations",
            None,
            Some(|_| json!({"name": "Acme"})),
            Access,
            &["name"],
        ),
        e(
            Method::GET,
            "/api/v1/organizations/{org}",
            None,
            None,
            Access,
            &[],
        ),
        e(
            Method::GET,
            "/api/v1/applications",
            org_q,
            None,
            Access,
            &[],
        ),
        e(
            Method::POST,
            "/api/v1/applications",
            None,
            Some(|ids| json!({"organization_id": ids.org, "name": "Shop"})),
            Access,
            &["name"],
        ),
        e(
            Method::GET,
            "/api/v1/applications/{app}",
            None,
            None,
            Access,
            &[],
        ),
        e(
            Method::PUT,
            "/api/v1/applications/{app}",
            None,
            Some(|ids| json!({"organization_id": ids.org, "name": "Renamed"})),
            Access,
            &["name"],
        ),
        e(
            Method::DELETE,
            "/api/v1/applications/{app}",
            None,
            None,
            Access,
            &[],
        ),
        e(
            Method::GET,
            "/api/v1/service_token",
            org_q,
            None,
            Access,
            &[],
        ),
        e(
            Method::POST,
            "/api/v1/service_token",
            None,
            Some(|ids| json!({"organization_id": ids.org, "name": "ci"})),
            Access,
            &["name"],
        ),
        e(
            Method::GET,
            "/api/v1/service_token/{token}",
            org_q,
            None,
            Access,
            &[],
        ),
        e(
            Method::PUT,
            "/api/v1/service_token/{token}",
            None,
            Some(|ids| json!({"organization_id": ids.org, "name": "renamed"})),
            Access,
            &["name"],
        ),
        e(
            Method::DELETE,
            "/api/v1/service_token/{token}",
            org_q,
            None,
            Access,
            &[],
        ),
        e(Method::GET, "/api/v1/event_types", app_q, None, Access, &[]),
        e(
            Method::POST,
            "/api/v1/event_types",
            None,
            Some(
                |ids| json!({"application_id": ids.app, "service": "billing", "resource_type": "refund", "verb": "sent"}),
            ),
            Access,
            &["service", "resource_type", "verb"],
        ),
        Endpoint {
            // Event type names are looked up, not validated as names: a bad
            // one is an event type that does not exist.
            bad_name: &[(400, "EventTypeDoesNotExist"), (422, "Validation")],
            ..e(
                Method::POST,
                "/api/v1/event",
                None,
                Some(|ids| event(&ids.app)),
                Access,
                &["event_type"],
            )
        },
        e(Method::GET, "/api/v1/events", app_q, None, Access, &[]),
    ]
}

/// One bad request and the answers it may get.
struct Case {
    label: String,
    method: Method,
    path: String,
    /// `None`: no Authorization header; `Some(bytes)`: exactly this header.
    authorization: Option<Vec<u8>>,
    content_type: Option<&'static str>,
    body: Option<Vec<u8>>,
    expect: Vec<(u16, &'static str)>,
}

impl Case {
    /// A request with no body (and no content type).
    fn bare(
        label: String,
        method: Method,
        path: &str,
        authorization: Option<Vec<u8>>,
        expect: Vec<(u16, &'static str)>,
    ) -> Case {
        Case {
            label,
            method,
            path: path.to_owned(),
            authorization,
            content_type: None,
            body: None,
            expect,
        }
    }
}

/// The fixture: a user with an organization, an application with an event
/// type and an event, and a service token.
struct World {
    server: Server,
    session: Session,
    ids: Ids,
    root: String,
}

async fn world() -> World {
    let server = Server::start_with(|c| c.body_limit_bytes = BODY_LIMIT).await;
    let session = server.signup("ada@example.com").await;
    let org = session.organization_id.clone();
    let app = server.application(&session.access, &org, "Shop").await;
    server.event_type(&session.access, &app).await;
    server.ingest(&session.access, &app).await.ok(201);
    let (token, root) = server.service_token(&session.access, &org, "ci").await;
    World {
        server,
        session,
        ids: Ids { org, app, token },
        root,
    }
}

impl World {
    fn fill(&self, template: &str) -> String {
        template
            .replace("{org}", &self.ids.org)
            .replace("{app}", &self.ids.app)
            .replace("{token}", &self.ids.token)
    }

    fn valid_auth(&self, auth: Auth) -> Option<Vec<u8>> {
        let token = match auth {
            Auth::None => return None,
            Auth::Access => &self.session.access,
            Auth::Refresh => &self.session.refresh,
        };
        Some(format!("Bearer {token}").into_bytes())
    }

    /// The endpoint's path with its query, `query_value` replacing the
    /// parameter's value (`None`: the valid one).
    fn path(&self, endpoint: &Endpoint, path: &str, query: Option<&str>) -> String {
        match endpoint.query {
            Some((name, placeholder)) => {
                let value = query.map_or_else(|| self.fill(placeholder), str::to_owned);
                format!("{path}?{name}={value}")
            }
            None => path.to_owned(),
        }
    }

    /// A case on `endpoint` that differs from a valid request as given.
    fn case(&self, endpoint: &Endpoint, what: &str) -> Case {
        Case {
            label: format!("{}: {what}", endpoint.label()),
            method: endpoint.method.clone(),
            path: self.path(endpoint, &self.fill(endpoint.path), None),
            authorization: self.valid_auth(endpoint.auth),
            content_type: endpoint.body.map(|_| "application/json"),
            body: endpoint
                .body
                .map(|b| serde_json::to_vec(&b(&self.ids)).unwrap()),
            expect: Vec::new(),
        }
    }

    /// Every bad request for every endpoint.
    fn cases(&self) -> Vec<Case> {
        let other_key = KeyPair::new();
        let foreign = mint::service_token(
            &other_key,
            &ServiceTokenClaims {
                token_id: uuid::Uuid::new_v4(),
                organization_id: self.ids.org.parse().unwrap(),
                created_at: chrono::Utc::now(),
            },
        )
        .unwrap()
        .to_base64()
        .unwrap();
        let access = self.session.access.clone();
        let bad_headers: Vec<(&str, Vec<u8>, (u16, &'static str))> = vec![
            (
                "empty",
                b"".to_vec(),
                (400, "AuthInvalidAuthorizationHeader"),
            ),
            (
                "scheme only",
                b"Bearer".to_vec(),
                (400, "AuthInvalidAuthorizationHeader"),
            ),
            (
                "blank token",
                b"Bearer    ".to_vec(),
                (400, "AuthInvalidAuthorizationHeader"),
            ),
            (
                "basic auth",
                b"Basic YWRhOnB3".to_vec(),
                (400, "AuthInvalidAuthorizationHeader"),
            ),
            (
                "no scheme",
                access.clone().into_bytes(),
                (400, "AuthInvalidAuthorizationHeader"),
            ),
            (
                "latin-1 bytes",
                b"Bearer \xe9t\xe9".to_vec(),
                (400, "AuthInvalidAuthorizationHeader"),
            ),
            (
                "not base64",
                b"Bearer !!!not*base64###".to_vec(),
                (403, "AuthInvalidBiscuit"),
            ),
            (
                "base64, not a biscuit",
                b"Bearer aGVsbG8gd29ybGQ=".to_vec(),
                (403, "AuthInvalidBiscuit"),
            ),
            (
                "truncated token",
                format!("Bearer {}", &access[..access.len() / 2]).into_bytes(),
                (403, "AuthInvalidBiscuit"),
            ),
            (
                "token with a byte flipped",
                format!("Bearer {}", flip(&access)).into_bytes(),
                (403, "AuthInvalidBiscuit"),
            ),
            (
                "token of another key",
                format!("Bearer {foreign}").into_bytes(),
                (403, "AuthInvalidBiscuit"),
            ),
            (
                "SQL",
                b"Bearer ' OR '1'='1".to_vec(),
                (403, "AuthInvalidBiscuit"),
            ),
        ];
        let bad_uuids = [
            "not-a-uuid",
            "1234",
            "00000000-0000-0000-0000-00000000000g",
            "%27%3B%20DROP%20TABLE%20service_tokens%3B%20--",
            "%00",
            "%E2%9C%93",
            &"a".repeat(4000),
        ];
        let unknown = uuid::Uuid::new_v4().to_string();
        let mut cases = Vec::new();
        for endpoint in endpoints() {
            // Authorization header.
            if endpoint.auth != Auth::None {
                let mut case = self.case(&endpoint, "no Authorization header");
                case.authorization = None;
                case.expect = vec![(401, "AuthNoAuthorizationHeader")];
                cases.push(case);
                for (what, header, expect) in &bad_headers {
                    let mut case = self.case(&endpoint, &format!("Authorization {what}"));
                    case.authorization = Some(header.clone());
                    case.expect = vec![*expect];
                    cases.push(case);
                }
            }
            // Ids in the path.
            for placeholder in ["{org}", "{app}", "{token}"] {
                if !endpoint.path.contains(placeholder) {
                    continue;
                }
                for bad in bad_uuids {
                    let mut case = self.case(&endpoint, &format!("path id {}", short(bad)));
                    case.path = self.path(
                        &endpoint,
                        &self.fill(&endpoint.path.replace(placeholder, bad)),
                        None,
                    );
                    case.expect = vec![(404, "NotFound")];
                    cases.push(case);
                }
                let mut case = self.case(&endpoint, "unknown path id");
                case.path = self.path(
                    &endpoint,
                    &self.fill(&endpoint.path.replace(placeholder, &unknown)),
                    None,
                );
                // An organization or application the caller has no role
                // in is 403 (as in Hook0); a token id is looked up: 404.
                case.expect = vec![(403, "Forbidden"), (404, "NotFound")];
                cases.push(case);
            }
            // Ids in the query.
            if let Some((name, _)) = endpoint.query {
                let mut case = self.case(&endpoint, "query parameter missing");
                case.path = self.fill(endpoint.path);
                case.expect = vec![(422, "Validation")];
                cases.push(case);
                let mut case = self.case(&endpoint, "query parameter twice");
                case.path = format!("{}&{name}={}", case.path, self.ids.org);
                case.expect = vec![(422, "Validation")];
                cases.push(case);
                for bad in bad_uuids.iter().chain(&[""]) {
                    let mut case = self.case(&endpoint, &format!("query {name}={}", short(bad)));
                    case.path = self.path(&endpoint, &self.fill(endpoint.path), Some(bad));
                    case.expect = vec![(422, "Validation")];
                    cases.push(case);
                }
                let mut case = self.case(&endpoint, "unknown id in the query");
                case.path = self.path(&endpoint, &self.fill(endpoint.path), Some(&unknown));
                case.expect = vec![(403, "Forbidden"), (404, "NotFound")];
                cases.push(case);
            }
            // The body.
            if let Some(body) = endpoint.body {
                let valid = serde_json::to_vec(&body(&self.ids)).unwrap();
                let json_payload: &[(u16, &str)] = &[(400, "JsonPayload")];
                let raw =
                    |what: &str, bytes: Vec<u8>, content_type, expect: &[(u16, &'static str)]| {
                        let mut case = self.case(&endpoint, what);
                        case.body = Some(bytes);
                        case.content_type = content_type;
                        case.expect = expect.to_vec();
                        case
                    };
                let json = Some("application/json");
                cases.push(raw(
                    "malformed JSON",
                    b"{not json".to_vec(),
                    json,
                    json_payload,
                ));
                cases.push(raw("empty body", Vec::new(), json, json_payload));
                cases.push(raw("JSON null", b"null".to_vec(), json, json_payload));
                cases.push(raw("JSON array", b"[]".to_vec(), json, json_payload));
                cases.push(raw("JSON string", b"\"x\"".to_vec(), json, json_payload));
                cases.push(raw(
                    "invalid UTF-8",
                    b"{\"name\": \"\xff\xfe\"}".to_vec(),
                    json,
                    json_payload,
                ));
                cases.push(raw(
                    "nested 10 000 deep",
                    "[".repeat(10_000).into_bytes(),
                    json,
                    json_payload,
                ));
                for cut in [1, valid.len() / 2, valid.len() - 1] {
                    cases.push(raw(
                        &format!("truncated at {cut}"),
                        valid[..cut].to_vec(),
                        json,
                        json_payload,
                    ));
                }
                cases.push(raw(
                    "trailing garbage",
                    [&valid[..], b"}garbage"].concat(),
                    json,
                    json_payload,
                ));
                cases.push(raw("no content type", valid.clone(), None, json_payload));
                for wrong in [
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/xml",
                ] {
                    cases.push(raw(
                        &format!("content type {wrong}"),
                        valid.clone(),
                        Some(wrong),
                        json_payload,
                    ));
                }
                let mut padded = body(&self.ids);
                padded["padding"] = json!("x".repeat(BODY_LIMIT + 1));
                cases.push(raw(
                    "body over the limit",
                    serde_json::to_vec(&padded).unwrap(),
                    json,
                    &[(413, "PayloadTooLarge")],
                ));
                cases.push(raw(
                    "body of 4 MB",
                    vec![b' '; 4 << 20],
                    json,
                    &[(413, "PayloadTooLarge")],
                ));

                let fields: Vec<String> = body(&self.ids)
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect();
                for field in &fields {
                    let mut without = body(&self.ids);
                    without.as_object_mut().unwrap().remove(field);
                    // Optional fields may go; the rest must be there.
                    if field != "event_id" && field != "metadata" && field != "labels" {
                        cases.push(raw(
                            &format!("missing {field}"),
                            serde_json::to_vec(&without).unwrap(),
                            json,
                            json_payload,
                        ));
                    }
                    for (what, wrong) in [
                        ("a number", json!(12345)),
                        ("an object", json!({"a": 1})),
                        ("an array", json!([1])),
                    ] {
                        let mut typed = body(&self.ids);
                        typed[field.as_str()] = wrong;
                        cases.push(raw(
                            &format!("{field} is {what}"),
                            serde_json::to_vec(&typed).unwrap(),
                            json,
                            json_payload,
                        ));
                    }
                    if field.ends_with("_id") {
                        for bad in [
                            "not-a-uuid",
                            "",
                            "'; DROP TABLE users; --",
                            "00000000-0000-0000-0000-00000000000g",
                        ] {
                            let mut typed = body(&self.ids);
                            typed[field.as_str()] = json!(bad);
                            cases.push(raw(
                                &format!("{field} = {bad:?}"),
                                serde_json::to_vec(&typed).unwrap(),
                                json,
                                json_payload,
                            ));
                        }
                        if field != "event_id" {
                            let mut typed = body(&self.ids);
                            typed[field.as_str()] = json!(unknown);
                            let mut case = self.case(&endpoint, &format!("unknown {field}"));
                            case.body = Some(serde_json::to_vec(&typed).unwrap());
                            // Another organization or application: not yours.
                            // PUT on an application of your own organization
                            // with another organization in the body: 404.
                            case.expect = vec![(403, "Forbidden"), (404, "NotFound")];
                            cases.push(case);
                        }
                    }
                }
                for field in endpoint.names {
                    let long_ascii = "x".repeat(10_000);
                    let long_accents = "é".repeat(101);
                    let long_emoji = "🦀".repeat(101);
                    for (what, bad) in [
                        ("NUL", "a\u{0}b"),
                        ("newline", "two\nlines"),
                        ("tab", "a\tb"),
                        ("escape sequence", "\u{1b}[31mred\u{1b}[0m"),
                        ("DEL", "a\u{7f}b"),
                        ("C1 control", "a\u{85}b"),
                        ("10 000 characters", long_ascii.as_str()),
                        ("101 accented characters", long_accents.as_str()),
                        ("101 emoji", long_emoji.as_str()),
                    ] {
                        let mut named = body(&self.ids);
                        named[*field] = json!(bad);
                        cases.push(raw(
                            &format!("{field} with {what}"),
                            serde_json::to_vec(&named).unwrap(),
                            json,
                            endpoint.bad_name,
                        ));
                    }
                }
            }
        }
        cases.extend(self.special_cases());
        cases
    }

    /// Endpoint-specific rules the generic generator does not know.
    fn special_cases(&self) -> Vec<Case> {
        let access = Some(format!("Bearer {}", self.session.access).into_bytes());
        // Every special case with a body is a JSON POST.
        let post = |label: String,
                    path: &str,
                    body: Value,
                    auth: &Option<Vec<u8>>,
                    expect: (u16, &'static str)| Case {
            label,
            method: Method::POST,
            path: path.to_owned(),
            authorization: auth.clone(),
            content_type: Some("application/json"),
            body: Some(serde_json::to_vec(&body).unwrap()),
            expect: vec![expect],
        };
        let (anonymous, validation) = (None, (422, "Validation"));
        let mut cases = Vec::new();
        let login = |email: &str, password: &str| json!({"email": email, "password": password});
        for (email, password) in [
            ("' OR '1'='1", "' OR '1'='1"),
            ("ada@example.com' --", "x"),
            ("ada@example.com", "' OR 1=1 --"),
            ("ADA@EXAMPLE.COM", "wrong password!"),
            ("nobody@example.com", common::PASSWORD),
            ("ada@example.com", "\u{0}"),
        ] {
            let label = format!("login {email:?} / {password:?}");
            let (body, failed) = (login(email, password), (401, "AuthFailedLogin"));
            cases.push(post(label, LOGIN, body, &anonymous, failed));
        }
        for (what, password) in [
            ("empty", String::new()),
            ("101 characters", "p".repeat(101)),
        ] {
            let label = format!("login with a password {what}");
            let body = login("ada@example.com", &password);
            cases.push(post(label, LOGIN, body, &anonymous, validation));
        }
        let register = |email: &str, password: &str| json!({"first_name": "Eve", "last_name": "Doe", "email": email, "password": password});
        let (taken, long_email) = (
            (409, "UserAlreadyExist"),
            format!("{}@example.com", "e".repeat(90)),
        );
        for (what, email, password, expect) in [
            (
                "an existing e-mail",
                "ada@example.com",
                common::PASSWORD,
                taken,
            ),
            (
                "an existing e-mail in capitals",
                "ADA@example.com",
                common::PASSWORD,
                taken,
            ),
            ("a short password", "eve@example.com", "short", validation),
            (
                "an e-mail without @",
                "eve.example.com",
                common::PASSWORD,
                validation,
            ),
            (
                "an SQL e-mail",
                "'; DROP TABLE users; --",
                common::PASSWORD,
                validation,
            ),
            (
                "a 101-character e-mail",
                &long_email,
                common::PASSWORD,
                validation,
            ),
        ] {
            let label = format!("register with {what}");
            let body = register(email, password);
            cases.push(post(label, "/api/v1/register", body, &anonymous, expect));
        }
        let app = &self.ids.app;
        let mut ingest = |what: &str, change: &dyn Fn(&mut Value), expect: (u16, &'static str)| {
            let mut body = event(app);
            change(&mut body);
            let label = format!("ingest with {what}");
            cases.push(post(label, "/api/v1/event", body, &access, expect));
        };
        ingest("no labels", &|b| b["labels"] = json!({}), validation);
        ingest(
            "11 labels",
            &|b| {
                b["labels"] = (0..11)
                    .map(|i| (format!("k{i}"), json!("v")))
                    .collect::<serde_json::Map<_, _>>()
                    .into()
            },
            validation,
        );
        ingest(
            "a label key with a newline",
            &|b| b["labels"] = json!({"a\nb": "v"}),
            validation,
        );
        ingest(
            "a label value of 51 characters",
            &|b| b["labels"] = json!({"k": "v".repeat(51)}),
            validation,
        );
        ingest(
            "a label value that is a number",
            &|b| b["labels"] = json!({"k": 1}),
            (400, "JsonPayload"),
        );
        ingest(
            "an unknown event type",
            &|b| b["event_type"] = json!("no.such.type"),
            (400, "EventTypeDoesNotExist"),
        );
        ingest(
            "an SQL event type",
            &|b| b["event_type"] = json!("a' OR '1'='1"),
            (400, "EventTypeDoesNotExist"),
        );
        ingest(
            "an event type of 153 characters",
            &|b| b["event_type"] = json!("e".repeat(153)),
            validation,
        );
        ingest(
            "a payload that is not JSON",
            &|b| b["payload"] = json!("{not json"),
            (400, "EventInvalidJsonPayload"),
        );
        ingest(
            "a payload that is not base64",
            &|b| {
                b["payload_content_type"] = json!("application/octet-stream+base64");
                b["payload"] = json!("***");
            },
            (400, "EventInvalidBase64Payload"),
        );
        ingest(
            "an unknown payload content type",
            &|b| b["payload_content_type"] = json!("text/html"),
            (400, "JsonPayload"),
        );
        ingest(
            "occurred_at that is not a date",
            &|b| b["occurred_at"] = json!("yesterday"),
            (400, "JsonPayload"),
        );
        ingest(
            "occurred_at in year 10000",
            &|b| b["occurred_at"] = json!("10000-01-01T00:00:00Z"),
            (400, "JsonPayload"),
        );
        ingest(
            "metadata that is a string",
            &|b| b["metadata"] = json!("m"),
            (400, "JsonPayload"),
        );
        let existing = self.existing_event_id();
        ingest(
            "the event id of an existing event",
            &|b| b["event_id"] = json!(existing),
            (409, "EventAlreadyIngested"),
        );

        let event_type = |service: &str| json!({"application_id": app, "service": service, "resource_type": "invoice", "verb": "paid"});
        let type_exists = (409, "EventTypeAlreadyExist");
        let (event_types, organizations) = ("/api/v1/event_types", "/api/v1/organizations");
        let mut posts = vec![
            (
                "an event type that exists".to_owned(),
                event_types,
                event_type("billing"),
                type_exists,
            ),
            (
                "an empty event type part".to_owned(),
                event_types,
                event_type(""),
                validation,
            ),
        ];
        for (what, name) in [("one character", "x"), ("empty", "")] {
            let app = json!({"organization_id": self.ids.org, "name": name});
            let label = format!("an application name of {what}");
            posts.push((label, "/api/v1/applications", app, validation));
            let label = format!("an organization name of {what}");
            posts.push((label, organizations, json!({"name": name}), validation));
        }
        for (label, path, body, expect) in posts {
            cases.push(post(label, path, body, &access, expect));
        }
        // A service token cannot create organizations or log out; a root
        // token cannot refresh; an access token cannot refresh.
        let root = Some(format!("Bearer {}", self.root).into_bytes());
        let label = "an organization made by a service token".to_owned();
        let body = json!({"name": "Acme"});
        cases.push(post(label, organizations, body, &root, (403, "Forbidden")));
        let refresh = "/api/v1/auth/refresh";
        for (what, auth) in [("a service token", &root), ("an access token", &access)] {
            let (label, expect) = (format!("refresh with {what}"), (401, "AuthFailedRefresh"));
            let auth = auth.clone();
            cases.push(Case::bare(label, Method::POST, refresh, auth, vec![expect]));
        }
        cases.push(Case::bare(
            "logout with a service token".to_owned(),
            Method::POST,
            "/api/v1/auth/logout",
            root,
            vec![(403, "Forbidden")],
        ));
        // Unknown API paths and methods.
        let (unknown, not_allowed) = ((404, "NotFound"), (405, "MethodNotAllowed"));
        for (method, path, expect) in [
            (Method::GET, "/api/v1/nothing", unknown),
            (Method::GET, "/api/v1/applications/x/y", unknown),
            (Method::GET, "/api/v2/instance", unknown),
            (Method::POST, "/api", unknown),
            (Method::PATCH, "/api/v1/applications", not_allowed),
            (Method::DELETE, "/api/v1/organizations", not_allowed),
            (Method::GET, "/api/v1/auth/login", not_allowed),
            (Method::PUT, "/api/v1/event", not_allowed),
        ] {
            let label = format!("{method} {path}");
            cases.push(Case::bare(
                label,
                method,
                path,
                access.clone(),
                vec![expect],
            ));
        }
        cases
    }

    fn existing_event_id(&self) -> String {
        self.server
            .state
            .db
            .run_sync(|conn| {
                Ok(conn.query_row("SELECT event_id FROM events", [], |r| r.get::<_, String>(0))?)
            })
            .unwrap()
    }

    async fn send(&self, case: &Case) -> Answer {
        let mut request = self
            .server
            .request(case.method.clone(), &case.path)
            .timeout(CLIENT_TIMEOUT);
        if let Some(header) = &case.authorization {
            request = request.header("authorization", HeaderValue::from_bytes(header).unwrap());
        }
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        if let Some(body) = &case.body {
            request = request.body(body.clone());
        }
        match request.send().await {
            Ok(response) => Answer::read(response).await,
            Err(e) => panic!(
                "{}: no answer (a panic or a hang in the server?): {e}",
                case.label
            ),
        }
    }
}

/// The token with one character in its middle changed.
fn flip(token: &str) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// At most 300 characters of a body, for failure messages.
fn clip(s: &str) -> &str {
    s.char_indices().nth(300).map_or(s, |(i, _)| &s[..i])
}

fn short(s: &str) -> String {
    if s.len() > 40 {
        format!("{}… ({} bytes)", &s[..20], s.len())
    } else {
        format!("{s:?}")
    }
}

/// Asserts the invariants every bad request shares.
#[track_caller]
fn assert_refused(case: &Case, answer: &Answer) {
    let label = &case.label;
    let status = answer.status.as_u16();
    assert!(
        answer.status.is_client_error() || status == 503,
        "{label}: status {status}, body {}",
        clip(&answer.text)
    );
    assert_eq!(
        answer
            .headers
            .get("content-type")
            .map(|v| v.to_str().unwrap()),
        Some("application/problem+json"),
        "{label}: content type; body {}",
        clip(&answer.text)
    );
    assert_eq!(
        answer.body["status"],
        status,
        "{label}: {}",
        clip(&answer.text)
    );
    let id = answer.body["id"].as_str().unwrap_or_default();
    assert!(
        case.expect.iter().any(|(s, i)| *s == status && *i == id),
        "{label}: got {status} {id}, expected one of {:?}; body {}",
        case.expect,
        clip(&answer.text)
    );
}

#[tokio::test]
async fn every_endpoint_refuses_every_bad_input_without_changing_anything() {
    let world = world().await;
    let before = world.server.snapshot();
    let cases = world.cases();
    let mut by_status = std::collections::BTreeMap::<u16, usize>::new();
    for case in &cases {
        let answer = world.send(case).await;
        assert_refused(case, &answer);
        *by_status.entry(answer.status.as_u16()).or_default() += 1;
        if answer.status == 405 {
            assert!(
                answer.headers.contains_key("allow"),
                "{}: Allow",
                case.label
            );
        }
        assert_eq!(
            world.server.snapshot(),
            before,
            "{}: the database changed",
            case.label
        );
    }
    eprintln!(
        "bad-input matrix: {} cases, by status {by_status:?}",
        cases.len()
    );
    // The fixture still works: nothing was broken along the way.
    world
        .server
        .get("/api/v1/organizations", &world.session.access)
        .await
        .ok(200);
}

/// Names that are unusual but valid are stored and given back exactly, and
/// SQL-looking ones are only text.
#[tokio::test]
async fn exotic_but_valid_names_are_stored_exactly() {
    let world = world().await;
    let (server, access, org) = (&world.server, &world.session.access, &world.ids.org);
    let tables = |s: &Server| s.snapshot().into_keys().collect::<Vec<_>>();
    let tables_before = tables(server);
    let crab50 = "🦀".repeat(50);
    let accents50 = "é".repeat(50);
    let names = [
        "Zoë Ångström-Øre",
        "東京のアプリ",
        "مرحبا بالعالم",
        "🚀🔥",
        crab50.as_str(),
        accents50.as_str(),
        "e\u{301}\u{302}\u{303} (combining marks)",
        "'; DROP TABLE service_tokens; --",
        "Robert'); DROP TABLE users;--",
        "\" OR 1=1 --",
        "%00 %s %n {{7*7}} ${jndi:ldap://x}",
        "<img src=x onerror=alert(1)>",
        "\u{202e}txt.exe",
    ];
    let mut tried = 0;
    for name in names {
        let created = server
            .create("/api/v1/service_token", access, org, name)
            .await;
        assert_eq!(created.ok(201)["name"], name);
        let id = created.body["token_id"].as_str().unwrap();
        let got = server.get(&paths::service_token(id, org), access).await;
        assert_eq!(got.ok(200)["name"], name);
        let app = server
            .create("/api/v1/applications", access, org, name)
            .await;
        let app_id = app.ok(201)["application_id"].as_str().unwrap();
        let got = server.get(&paths::application(app_id), access).await;
        assert_eq!(got.ok(200)["name"], name);
        tried += 2;
    }
    let listed = server.get(&paths::service_tokens(org), access).await;
    let listed: Vec<&str> = listed
        .list()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for name in names {
        assert!(listed.contains(&name), "{name:?} listed");
    }
    assert_eq!(tables(server), tables_before, "no table went missing");
    eprintln!("exotic names: {tried} created and read back");
}

/// A biscuit signed by this server's key (attenuated from a real root)
/// with the given Datalog appended directly: the dashboard's editor would
/// refuse most of these, a hostile holder does not use it.
fn attenuated(root: &str, datalog: String) -> String {
    common::attenuate::raw(root, &datalog)
}

/// Datalog built to make the authorizer work hard: a four-way join over 60
/// facts (13 million combinations) in a check that can never hold, or a
/// rule that multiplies facts.
fn long_running_datalog(multiply: bool) -> String {
    let facts: String = (0..60).map(|i| format!("n({i});\n")).collect();
    if multiply {
        format!(
            "{facts}pair($a, $b) <- n($a), n($b);\n\
             check if pair($a, $b), pair($c, $d), $a * $b * $c * $d == -1;"
        )
    } else {
        format!("{facts}check if n($a), n($b), n($c), n($d), $a + $b + $c + $d == -1;")
    }
}

/// About `bytes` of Datalog: many distinct facts (`facts`) or checks that
/// can never hold.
fn bulky_datalog(bytes: usize, facts: bool) -> String {
    let mut source = String::with_capacity(bytes + 100);
    let mut i = 0;
    while source.len() < bytes {
        let line = if facts {
            format!("padding(\"{i:08}-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\");\n")
        } else {
            format!("check if action(\"padding-{i:08}-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\");\n")
        };
        source.push_str(&line);
        i += 1;
    }
    source
}

/// Over a real socket, with a client timeout: tokens built to run long, or
/// carrying a few hundred kilobytes of Datalog, end as 403 or 503 quickly,
/// on every kind of protected route, and change nothing.
#[tokio::test]
async fn runaway_and_bulky_tokens_end_as_403_or_503_quickly() {
    let world = world().await;
    let before = world.server.snapshot();
    let tokens = [
        (
            "a four-way join",
            attenuated(&world.root, long_running_datalog(false)),
        ),
        (
            "a rule multiplying facts",
            attenuated(&world.root, long_running_datalog(true)),
        ),
        (
            "200 kB of facts",
            attenuated(&world.root, bulky_datalog(200_000, true)),
        ),
        (
            "200 kB of checks",
            attenuated(&world.root, bulky_datalog(200_000, false)),
        ),
    ];
    let (org, app) = (&world.ids.org, &world.ids.app);
    let routes = [
        (Method::GET, paths::applications(org), None),
        (Method::GET, paths::events(app), None),
        (Method::POST, "/api/v1/event".to_owned(), Some(event(app))),
        (
            Method::POST,
            "/api/v1/service_token".to_owned(),
            Some(json!({"organization_id": org, "name": "x"})),
        ),
    ];
    for (what, token) in &tokens {
        for (method, path, body) in &routes {
            let label = format!("{what}: {method} {path}");
            let mut request = world
                .server
                .request(method.clone(), path)
                .bearer_auth(token)
                .timeout(CLIENT_TIMEOUT);
            if let Some(body) = body {
                request = request.json(body);
            }
            let started = Instant::now();
            let response = request
                .send()
                .await
                .unwrap_or_else(|e| panic!("{label}: no answer: {e}"));
            let elapsed = started.elapsed();
            let answer = Answer::read(response).await;
            let expect = vec![(403, "Forbidden"), (503, "ServiceUnavailable")];
            let case = Case::bare(label.clone(), method.clone(), path, None, expect);
            assert_refused(&case, &answer);
            if answer.status == 503 {
                assert_eq!(answer.headers["retry-after"], "5", "{label}");
            }
            // The authorizer stops at its time limit; parsing and
            // verifying the token comes on top (debug builds are slow).
            assert!(
                elapsed < Duration::from_secs(5),
                "{label}: took {elapsed:?} (limit {MAX_AUTHORIZATION_TIME:?})"
            );
            eprintln!("{label}: {} in {elapsed:?}", answer.status);
        }
    }
    assert_eq!(world.server.snapshot(), before);
}

/// A megabyte of Datalog does not fit in an HTTP header a server accepts
/// over the socket (hyper refuses such headers before the application sees
/// them), so it goes through the router itself: it still ends as 403 or
/// 503, quickly.
#[tokio::test]
async fn a_megabyte_of_datalog_ends_as_403_or_503() {
    let world = world().await;
    let token = attenuated(&world.root, bulky_datalog(1 << 20, true));
    assert!(token.len() > 1 << 20);
    let before = world.server.snapshot();
    let org = &world.ids.org;
    let request = Request::get(paths::applications(org))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let started = Instant::now();
    let response = tokio::time::timeout(
        CLIENT_TIMEOUT,
        token_server::app(world.server.state.clone()).oneshot(request),
    )
    .await
    .expect("an answer in time")
    .unwrap();
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(
        (status == 403 && body["id"] == "Forbidden")
            || (status == 503 && body["id"] == "ServiceUnavailable"),
        "{status} {body}"
    );
    eprintln!("1 MB of Datalog: {status} in {elapsed:?}");

    // Over the socket the header is refused by the HTTP layer: a 4xx, or
    // the connection closed; never a 5xx, never a hang.
    let over_socket = world
        .server
        .request(Method::GET, &paths::applications(org))
        .bearer_auth(&token)
        .timeout(CLIENT_TIMEOUT)
        .send()
        .await;
    match over_socket {
        Ok(response) => assert!(response.status().is_client_error(), "{}", response.status()),
        Err(e) => assert!(!e.is_timeout(), "a hang: {e}"),
    }
    assert_eq!(world.server.snapshot(), before);
}

/// The cost screen refuses runaway Datalog but leaves every token the
/// dashboard makes far below its budget.
#[test]
fn the_cost_screen_leaves_ordinary_tokens_far_below_its_budget() {
    use token_core::biscuit_auth::Biscuit;
    use token_core::cost::{join_steps, MAX_JOIN_STEPS};
    let key = KeyPair::new();
    let now = chrono::Utc::now();
    let root = mint::service_token(
        &key,
        &ServiceTokenClaims {
            token_id: uuid::Uuid::new_v4(),
            organization_id: uuid::Uuid::new_v4(),
            created_at: now,
        },
    )
    .unwrap()
    .to_base64()
    .unwrap();
    let steps = |request: AttenuationRequest| {
        let token = common::attenuate::with(&root, &request, now);
        join_steps(&Biscuit::from_base64(&token, key.public()).unwrap()).unwrap()
    };
    let ordinary = steps(AttenuationRequest {
        applications: vec![uuid::Uuid::new_v4(), uuid::Uuid::new_v4()],
        expires_at: Some(now + chrono::Duration::days(30)),
        actions: Some(
            token_core::catalogue::READ_ONLY_ACTIONS
                .iter()
                .map(|a| (*a).to_owned())
                .collect(),
        ),
        datalog: "check if time($t), action($a), $a != \"event:ingest\";".to_owned(),
        seal: false,
    });
    assert!(ordinary < MAX_JOIN_STEPS / 100, "{ordinary}");
    // biscuit-auth 6.0.0 prints strings unescaped: a block with a quote
    // inside a string does not read back, so it cannot be screened and is
    // refused (fail closed; found by the attenuation fuzz target).
    let token = common::attenuate::raw(&root, r#"check if action("a\"b");"#);
    assert_eq!(
        join_steps(&Biscuit::from_base64(&token, key.public()).unwrap()),
        None
    );
    for multiply in [false, true] {
        let token = common::attenuate::raw(&root, &long_running_datalog(multiply));
        let runaway = join_steps(&Biscuit::from_base64(&token, key.public()).unwrap()).unwrap();
        assert!(runaway > MAX_JOIN_STEPS, "{runaway}");
    }
}

/// Datalog that the text parser would recurse into thousands of times
/// (built from raw operations, never written as text): refused, and the
/// server keeps running (its cost screen reads blocks back as text, and a
/// stack overflow there would kill the process).
#[tokio::test]
async fn deeply_nested_datalog_is_refused_without_overflowing_a_stack() {
    use token_core::biscuit_auth::builder::{
        Check, CheckKind, Expression, Op, Predicate, Rule, Term, Unary,
    };
    use token_core::biscuit_auth::{Biscuit, BlockBuilder};
    let world = world().await;
    let before = world.server.snapshot();
    let org = &world.ids.org;
    for (what, unary) in [("parentheses", Unary::Parens), ("negations", Unary::Negate)] {
        let mut ops = vec![Op::Value(Term::Bool(true))];
        ops.extend(std::iter::repeat_n(Op::Unary(unary), 5000));
        let rule = Rule::new(
            Predicate::new("query".to_owned(), Vec::<Term>::new()),
            Vec::new(),
            vec![Expression { ops }],
            Vec::new(),
        );
        let mut block = BlockBuilder::new();
        block.checks.push(Check {
            queries: vec![rule],
            kind: CheckKind::One,
        });
        let token = Biscuit::from_base64(&world.root, world.server.state.public_key)
            .unwrap()
            .append(block)
            .unwrap()
            .to_base64()
            .unwrap();
        let answer = world.server.get(&paths::applications(org), &token).await;
        answer.problem(403, "Forbidden");
        eprintln!("5000 nested {what}: {}", answer.status);
    }
    let alive = world
        .server
        .raw(world.server.request(Method::GET, "/api/v1/instance"))
        .await;
    assert_eq!(alive.status, 200);
    assert_eq!(world.server.snapshot(), before);
}
