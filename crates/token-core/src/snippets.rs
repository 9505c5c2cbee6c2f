//! Ready-to-paste snippets built from a token: a shell export, a curl call,
//! and MCP configuration for AI assistants. Hook0's own dashboard embeds the
//! root token and omits the API URL; these take the token the person just
//! made and say which API it is for.

use serde_json::{json, Value};

/// The MCP clients the dashboard offers a configuration for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum McpClient {
    ClaudeDesktop,
    Cursor,
}

impl McpClient {
    pub const ALL: [McpClient; 2] = [McpClient::ClaudeDesktop, McpClient::Cursor];

    pub fn label(self) -> &'static str {
        match self {
            McpClient::ClaudeDesktop => "Claude Desktop",
            McpClient::Cursor => "Cursor",
        }
    }

    /// The file the configuration goes into.
    pub fn config_file(self) -> &'static str {
        match self {
            McpClient::ClaudeDesktop => "claude_desktop_config.json",
            McpClient::Cursor => ".cursor/mcp.json",
        }
    }
}

/// `export HOOK0_API_TOKEN="…"`.
pub fn shell_export(token: &str) -> String {
    format!("export HOOK0_API_TOKEN=\"{token}\"")
}

/// A curl call listing the organization's applications with the token from
/// the environment (so the token is not pasted into shell history twice).
pub fn curl_list_applications(api_url: &str, organization_id: &str) -> String {
    format!(
        "curl -sS \"{}/api/v1/applications?organization_id={organization_id}\" \\\n  -H \"Authorization: Bearer $HOOK0_API_TOKEN\"",
        api_url.trim_end_matches('/')
    )
}

/// A curl call that sends one event to `application_id`.
pub fn curl_ingest_event(api_url: &str, application_id: &str) -> String {
    format!(
        "curl -sS -X POST \"{}/api/v1/event\" \\\n  -H \"Authorization: Bearer $HOOK0_API_TOKEN\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{{\"application_id\": \"{application_id}\", \"event_type\": \"billing.invoice.paid\", \"payload\": \"{{}}\", \"payload_content_type\": \"application/json\", \"occurred_at\": \"2026-01-01T00:00:00Z\", \"labels\": {{\"env\": \"prod\"}}}}'",
        api_url.trim_end_matches('/')
    )
}

/// The MCP configuration for the Hook0 MCP server: command, token, API URL,
/// and `HOOK0_READ_ONLY` when the token can do no write action. Claude
/// Desktop and Cursor read the same `mcpServers` map; they differ only in
/// [`McpClient::config_file`].
pub fn mcp_config(token: &str, api_url: &str, read_only: bool) -> String {
    let mut env = serde_json::Map::new();
    env.insert("HOOK0_API_TOKEN".into(), Value::from(token));
    env.insert(
        "HOOK0_API_URL".into(),
        Value::from(api_url.trim_end_matches('/')),
    );
    if read_only {
        env.insert("HOOK0_READ_ONLY".into(), Value::from("true"));
    }
    let server = json!({ "command": "hook0-mcp", "env": env });
    // Hook0's dashboard drops the `mcpServers` wrapper for Cursor; Cursor's
    // own documentation requires it, so both get it.
    let config = json!({ "mcpServers": { "hook0": server } });
    serde_json::to_string_pretty(&config).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mcp_config_names_the_api_and_read_only_mode() {
        let text = mcp_config("EoQB", "https://hook0.example/", true);
        let v: Value = serde_json::from_str(&text).unwrap();
        let env = &v["mcpServers"]["hook0"]["env"];
        assert_eq!(env["HOOK0_API_TOKEN"], "EoQB");
        assert_eq!(env["HOOK0_API_URL"], "https://hook0.example");
        assert_eq!(env["HOOK0_READ_ONLY"], "true");
        let writable = mcp_config("EoQB", "http://x", false);
        assert!(!writable.contains("HOOK0_READ_ONLY"));
    }

    #[test]
    fn curl_reads_the_token_from_the_environment() {
        let text = curl_list_applications("http://127.0.0.1:8080/", "org");
        assert!(text.starts_with(
            "curl -sS \"http://127.0.0.1:8080/api/v1/applications?organization_id=org\""
        ));
        assert!(text.contains("$HOOK0_API_TOKEN"));
        assert_eq!(shell_export("abc"), "export HOOK0_API_TOKEN=\"abc\"");
    }
}
