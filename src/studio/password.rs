//! The studio's password, needed to listen beyond this computer: site.yaml
//! `studio_password:`, an Argon2id hash that `bantin studio --hash-password` makes (the
//! password itself is never stored), or `BANTIN_STUDIO_PASSWORD` in clear for one run.

use crate::messages::Text;
use crate::t;
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

pub enum Password {
    /// From the environment.
    Clear(String),
    /// A PHC string (`$argon2id$v=19$m=...`) from site.yaml.
    Hash(String),
}

impl Password {
    pub fn matches(&self, given: &str) -> bool {
        match self {
            Password::Clear(password) => super::same_secret(password, given),
            Password::Hash(hash) => PasswordHash::new(hash).is_ok_and(|h| {
                Argon2::default()
                    .verify_password(given.as_bytes(), &h)
                    .is_ok()
            }),
        }
    }
}

/// The hash of `password` to keep in site.yaml, with a fresh salt.
pub fn hash(password: &str) -> Result<String, Text> {
    let mut salt = [0u8; 16];
    let failed =
        |e: &dyn std::fmt::Display| t!("studio-password-cannot-hash", error = e.to_string());
    getrandom::fill(&mut salt).map_err(|e| failed(&e))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| failed(&e))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| failed(&e))
}

/// Whether `s` is a hash the studio can check a password against.
pub fn is_hash(s: &str) -> bool {
    PasswordHash::new(s).is_ok_and(|h| h.algorithm.as_str().starts_with("argon2"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_matches_its_password_only() {
        let made = hash("mật khẩu của xã").unwrap();
        assert!(made.starts_with("$argon2id$") && is_hash(&made), "{made}");
        assert_ne!(
            made,
            hash("mật khẩu của xã").unwrap(),
            "a fresh salt every time"
        );
        let password = Password::Hash(made);
        assert!(password.matches("mật khẩu của xã"));
        assert!(!password.matches("mat khau cua xa"));
        assert!(!is_hash("mật khẩu của xã"));
        assert!(!Password::Hash("not a hash".into()).matches("not a hash"));
    }
}
