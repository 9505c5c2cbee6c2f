//! Reading tokens: the public key as `/instance` publishes it, and a biscuit
//! in base64, verified with that key or, when no key is at hand, unverified.
//!
//! Every entry point trims surrounding white space first: a pasted token with
//! a trailing newline is the most common "Authentication failed" cause the
//! Hook0 guide lists.

use biscuit_auth::{error, Algorithm, Biscuit, BlockBuilder, PublicKey, UnverifiedBiscuit};

use crate::CoreError;

/// Reads an Ed25519 public key written as 64 hex characters (no `ed25519/`
/// prefix), the form of `biscuit_public_key` in `GET /api/v1/instance`.
pub fn parse_public_key(hex_key: &str) -> Result<PublicKey, CoreError> {
    let hex_key = hex_key.trim();
    let hex_key = hex_key.strip_prefix("ed25519/").unwrap_or(hex_key);
    if hex_key.len() != 64 {
        return Err(CoreError::InvalidPublicKey);
    }
    PublicKey::from_bytes_hex(hex_key, Algorithm::Ed25519).map_err(|_| CoreError::InvalidPublicKey)
}

/// A token read from base64, with or without checking its signature.
#[derive(Clone)]
pub enum Token {
    /// The signature chain was checked against the instance's public key.
    Verified(Biscuit),
    /// Read without a key: its content may be forged. Attenuation still works
    /// (it does not need the root key), authorization simulation does not.
    Unverified(UnverifiedBiscuit),
}

impl std::fmt::Debug for Token {
    // Never print the token itself: it is a bearer credential.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("verified", &self.is_verified())
            .field("blocks", &self.block_count())
            .finish_non_exhaustive()
    }
}

impl Token {
    /// Reads a token. With a key, the signatures must verify with it
    /// ([`CoreError::WrongKey`] otherwise); without one, it is only decoded.
    pub fn parse(base64: &str, key: Option<&PublicKey>) -> Result<Token, CoreError> {
        let base64 = base64.trim();
        if base64.is_empty() {
            return Err(CoreError::MalformedToken("the token is empty".to_owned()));
        }
        match key {
            Some(key) => Biscuit::from_base64(base64, *key)
                .map(Token::Verified)
                .map_err(token_error),
            None => UnverifiedBiscuit::from_base64(base64)
                .map(Token::Unverified)
                .map_err(token_error),
        }
    }

    /// Whether the signatures were checked against a key.
    pub fn is_verified(&self) -> bool {
        matches!(self, Token::Verified(_))
    }

    /// The verified biscuit, when there is one.
    pub fn verified(&self) -> Option<&Biscuit> {
        match self {
            Token::Verified(b) => Some(b),
            Token::Unverified(_) => None,
        }
    }

    /// Number of blocks, the authority block included.
    pub fn block_count(&self) -> usize {
        match self {
            Token::Verified(b) => b.block_count(),
            Token::Unverified(b) => b.block_count(),
        }
    }

    /// The Datalog of block `index`, as biscuit-auth prints it.
    pub fn block_source(&self, index: usize) -> Result<String, CoreError> {
        match self {
            Token::Verified(b) => b.print_block_source(index),
            Token::Unverified(b) => b.print_block_source(index),
        }
        .map_err(token_error)
    }

    /// The schema version each block was serialized with.
    pub fn block_version(&self, index: usize) -> Result<u32, CoreError> {
        match self {
            Token::Verified(b) => b.block_version(index),
            Token::Unverified(b) => b.block_version(index),
        }
        .map_err(token_error)
    }

    /// One revocation id per block; block 0's is what Hook0 stores and looks up.
    pub fn revocation_ids(&self) -> Vec<Vec<u8>> {
        match self {
            Token::Verified(b) => b.revocation_identifiers(),
            Token::Unverified(b) => b.revocation_identifiers(),
        }
    }

    /// The token in URL-safe base64 with padding, as Hook0 writes it.
    pub fn to_base64(&self) -> Result<String, CoreError> {
        match self {
            Token::Verified(b) => b.to_base64(),
            Token::Unverified(b) => b.to_base64(),
        }
        .map_err(token_error)
    }

    /// The token in base64 (as [`Token::to_base64`]) and its serialized size
    /// in bytes, from one serialization: the size follows from the padded
    /// base64 length, so attenuation does not encode the token a second time
    /// just to count its bytes.
    pub fn to_base64_with_size(&self) -> Result<(String, usize), CoreError> {
        let base64 = self.to_base64()?;
        let size = decoded_len(&base64);
        Ok((base64, size))
    }

    /// Serialized size in bytes (before base64).
    pub fn size_bytes(&self) -> Result<usize, CoreError> {
        match self {
            Token::Verified(b) => b.to_vec(),
            Token::Unverified(b) => b.to_vec(),
        }
        .map(|v| v.len())
        .map_err(token_error)
    }

    /// Whether the token is sealed (no further block can be appended).
    ///
    /// biscuit-auth does not expose the proof kind, so this asks the question
    /// directly: appending an empty block fails with `AppendOnSealed` exactly
    /// when the token is sealed. The probe token is thrown away.
    pub fn is_sealed(&self) -> bool {
        matches!(self.append(BlockBuilder::new()), Err(CoreError::Sealed))
    }

    /// Appends one block, keeping verified tokens verified.
    pub fn append(&self, block: BlockBuilder) -> Result<Token, CoreError> {
        match self {
            Token::Verified(b) => b.append(block).map(Token::Verified),
            Token::Unverified(b) => b.append(block).map(Token::Unverified),
        }
        .map_err(token_error)
    }

    /// Seals the token: it keeps its rights but can never be attenuated again.
    pub fn seal(&self) -> Result<Token, CoreError> {
        match self {
            Token::Verified(b) => b.seal().map(Token::Verified),
            Token::Unverified(b) => b.seal().map(Token::Unverified),
        }
        .map_err(token_error)
    }
}

/// Bytes encoded by padded base64 text: 3 per 4 characters, less one per `=`.
fn decoded_len(padded_base64: &str) -> usize {
    let padding = padded_base64
        .bytes()
        .rev()
        .take(2)
        .filter(|b| *b == b'=')
        .count();
    padded_base64.len() / 4 * 3 - padding
}

/// Maps biscuit-auth's errors to the few a person can act on.
pub(crate) fn token_error(e: error::Token) -> CoreError {
    use error::{Format, Token as T};
    match e {
        T::Format(Format::Signature(_) | Format::SealedSignature | Format::UnknownPublicKey) => {
            CoreError::WrongKey
        }
        T::AppendOnSealed | T::AlreadySealed => CoreError::Sealed,
        T::Base64(_) => CoreError::MalformedToken("it is not base64".to_owned()),
        T::Format(Format::Version { actual, .. }) => CoreError::MalformedToken(format!(
            "it uses biscuit format version {actual}, which this library does not support"
        )),
        T::Format(Format::DeserializationError(_) | Format::BlockDeserializationError(_)) => {
            CoreError::MalformedToken(
                "its content cannot be decoded (truncated or not a biscuit)".to_owned(),
            )
        }
        T::Format(other) => CoreError::MalformedToken(other.to_string()),
        other => CoreError::Biscuit(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_len_counts_the_padding() {
        assert_eq!(decoded_len(""), 0);
        assert_eq!(decoded_len("YQ=="), 1);
        assert_eq!(decoded_len("YWI="), 2);
        assert_eq!(decoded_len("YWJj"), 3);
        assert_eq!(decoded_len("YWJjZA=="), 4);
    }

    #[test]
    fn size_from_base64_matches_the_serialized_size() {
        let root = biscuit_auth::KeyPair::new();
        let biscuit = Biscuit::builder()
            .code("right(\"a\"); user(\"alice\");")
            .and_then(|b| b.build(&root))
            .expect("a token");
        for token in [
            Token::parse(&biscuit.to_base64().expect("base64"), Some(&root.public()))
                .expect("verified"),
            Token::parse(&biscuit.to_base64().expect("base64"), None).expect("unverified"),
        ] {
            let (base64, size) = token.to_base64_with_size().expect("serialized");
            assert_eq!(base64, token.to_base64().expect("base64"));
            assert_eq!(size, token.size_bytes().expect("size"));
        }
    }
}
