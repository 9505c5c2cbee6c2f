//! The server's Ed25519 key: from `BISCUIT_PRIVATE_KEY` (hex, like Hook0),
//! else from the key file, else generated on first start and written to the
//! key file with mode 0600. The key itself is never logged or printed.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use token_core::biscuit_auth::{Algorithm, KeyPair, PrivateKey};

/// Why the key could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    // No variant carries the key text: these messages end up in logs.
    #[error("BISCUIT_PRIVATE_KEY is not 64 hex characters of an Ed25519 private key")]
    InvalidEnv,
    #[error("the key file {0} does not hold 64 hex characters of an Ed25519 private key")]
    InvalidFile(PathBuf),
    #[error("cannot read or write the key file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where the key came from, for the start-up log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    Environment,
    File,
    Generated,
}

fn parse(hex: &str) -> Option<KeyPair> {
    let hex = hex.trim();
    if hex.len() != 64 {
        return None;
    }
    PrivateKey::from_bytes_hex(hex, Algorithm::Ed25519)
        .ok()
        .map(|k| KeyPair::from(&k))
}

/// Loads the key (see the module docs for the order).
pub fn load_or_create(
    env_hex: Option<&str>,
    path: &Path,
) -> Result<(KeyPair, KeySource), KeyError> {
    if let Some(hex) = env_hex.filter(|h| !h.trim().is_empty()) {
        return parse(hex)
            .map(|k| (k, KeySource::Environment))
            .ok_or(KeyError::InvalidEnv);
    }
    let io = |source| KeyError::Io {
        path: path.to_owned(),
        source,
    };
    match fs::read_to_string(path) {
        Ok(text) => {
            warn_if_readable_by_others(path);
            parse(&text)
                .map(|k| (k, KeySource::File))
                .ok_or_else(|| KeyError::InvalidFile(path.to_owned()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = KeyPair::new();
            write_owner_only(path, &key.private().to_bytes_hex()).map_err(io)?;
            Ok((key, KeySource::Generated))
        }
        Err(e) => Err(io(e)),
    }
}

/// A key file others can read is a leaked key waiting to happen: say so
/// (without refusing to start, which would break existing setups).
fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                tracing::warn!(path = %path.display(), "the key file is readable by other users: chmod 600 it");
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Creates the file (never overwrites one: `create_new`) readable by its
/// owner only, from the first byte on.
fn write_owner_only(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_then_reloaded_with_owner_only_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("server.key");
        let (first, source) = load_or_create(None, &path).unwrap();
        assert_eq!(source, KeySource::Generated);
        let (again, source) = load_or_create(None, &path).unwrap();
        assert_eq!(source, KeySource::File);
        assert_eq!(first.public(), again.public());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn environment_wins_and_is_validated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let hex = KeyPair::new().private().to_bytes_hex();
        let (_, source) = load_or_create(Some(&hex), &path).unwrap();
        assert_eq!(source, KeySource::Environment);
        assert!(!path.exists());
        assert!(matches!(
            load_or_create(Some("abcd"), &path),
            Err(KeyError::InvalidEnv)
        ));
    }
}
