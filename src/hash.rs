//! Stable content hashes: the keys of the image cache and the fingerprints in the names of
//! published assets (`style.3f2a9c1d.css`). SipHash-1-3 with 128 bits and fixed keys, so a
//! hash is the same on every machine and in every build.

use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;

/// The hash of `parts`, in order, as 32 lowercase hex digits.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut hasher = SipHasher13::new();
    for part in parts {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        hasher.write(&(part.len() as u64).to_le_bytes());
        hasher.write(part);
    }
    format!("{:032x}", hasher.finish128().as_u128())
}

/// Which of `buckets` buckets `key` falls in, the same on every machine and in every build
/// (the sitemap file that lists a page).
pub fn bucket(key: &str, buckets: usize) -> usize {
    let mut hasher = siphasher::sip::SipHasher13::new();
    hasher.write(key.as_bytes());
    (hasher.finish() % buckets.max(1) as u64) as usize
}

/// `style.css` → `style.<8 hex digits>.css`: the name of a file with its fingerprint, so
/// that it can be cached for good and a changed file gets a new name.
pub fn fingerprinted_name(path: &str, bytes: &[u8]) -> String {
    let hash = content_hash(&[bytes]);
    let (dir, name) = match path.rsplit_once('/') {
        Some((dir, name)) => (format!("{dir}/"), name),
        None => (String::new(), path),
    };
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{}.{ext}", &hash[..8]),
        _ => format!("{dir}{name}.{}", &hash[..8]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_separates_parts() {
        assert_eq!(content_hash(&[b"abc"]), content_hash(&[b"abc"]));
        assert_ne!(content_hash(&[b"ab", b"c"]), content_hash(&[b"a", b"bc"]));
        assert_eq!(content_hash(&[b""]).len(), 32);
    }

    #[test]
    fn fingerprint_goes_before_the_extension() {
        let name = fingerprinted_name("css/style.css", b"body{}");
        assert!(name.starts_with("css/style."), "{name}");
        assert!(name.ends_with(".css"), "{name}");
        assert_eq!(name.len(), "css/style.12345678.css".len());
        assert_ne!(name, fingerprinted_name("css/style.css", b"body{ }"));
    }
}

/// A 64-bit fingerprint of whatever is written into it (serialized values, bytes): what watch
/// mode compares to tell whether an output's data changed. Not stable between versions of
/// bantin, and never written to disk.
#[derive(Default, Debug)]
pub struct Fingerprint(std::hash::DefaultHasher);

impl Fingerprint {
    pub fn add(&mut self, value: &impl serde::Serialize) {
        // A value that cannot be serialized adds its failure, which is as stable.
        if serde_json::to_writer(&mut *self, value).is_err() {
            self.0.write_u8(0xff);
        }
    }
    pub fn add_bytes(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
    /// Adds a value through its `Hash` (cheaper than serializing it).
    pub fn add_hashed(&mut self, value: &impl std::hash::Hash) {
        value.hash(&mut self.0);
    }
    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl std::io::Write for Fingerprint {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of one serializable value.
pub fn fingerprint(value: &impl serde::Serialize) -> u64 {
    let mut f = Fingerprint::default();
    f.add(value);
    f.finish()
}
