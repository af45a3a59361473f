//! Credential secrets: random, prefixed so leaked ones are easy to spot, and
//! stored only as a SHA-256 hash.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::domain::sha256_hex;

/// Every Tacit secret starts with this, so scanners can find leaked ones.
pub const PREFIX: &str = "tacit_";

/// A new secret with 256 random bits: `tacit_` + 43 URL-safe characters.
pub fn generate() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored: the SHA-256 of the whole secret. The secret is random and
/// long, so a fast hash is enough (there is nothing to brute-force).
pub fn hash(secret: &str) -> String {
    sha256_hex(secret)
}

/// The first characters, shown in lists so people can tell tokens apart.
pub fn display_prefix(secret: &str) -> String {
    secret.chars().take(PREFIX.len() + 6).collect()
}

/// A new record id for a credential.
pub fn new_id() -> String {
    format!("tok-{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_prefixed_random_and_hashed() {
        let a = generate();
        let b = generate();
        assert!(a.starts_with(PREFIX) && a.len() == PREFIX.len() + 43);
        assert_ne!(a, b);
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), hash(&b));
        assert!(!hash(&a).contains(&a[PREFIX.len()..]));
    }
}
