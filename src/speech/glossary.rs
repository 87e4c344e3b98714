//! The glossary of the read-aloud edition: what each abbreviation is said as, per language.
//! bantin's defaults (glossary.yaml beside this file) with the site's data/abbreviations.yaml
//! over them, in the same shape: `<lang>: { <abbreviation>: <words>, document_types: {...},
//! issuers: {...} }`.

use crate::diagnostic::Diagnostic;
use crate::t;
use crate::yaml;
use std::collections::BTreeMap;
use std::path::Path;

pub const GLOSSARY_FILE: &str = "data/abbreviations.yaml";
const DEFAULTS: &str = include_str!("glossary.yaml");

/// One language's entries.
#[derive(Debug, Default, Clone)]
struct Entries {
    abbreviations: BTreeMap<String, String>,
    document_types: BTreeMap<String, String>,
    issuers: BTreeMap<String, String>,
}

#[derive(Debug, Default, Clone)]
pub struct Glossary {
    languages: BTreeMap<String, Entries>,
}

/// A language's section as written: abbreviations, and the two maps of document numbers.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Entry {
    Words(String),
    Map(BTreeMap<String, String>),
}

impl Glossary {
    /// bantin's own glossary.
    pub fn defaults() -> Glossary {
        let mut glossary = Glossary::default();
        // The defaults are part of bantin and tested: they always read.
        if let Ok(sections) = yaml::from_str(DEFAULTS) {
            glossary.add(sections);
        }
        glossary
    }

    /// The defaults with the site's data/abbreviations.yaml (optional) over them.
    pub fn load(root: &Path) -> Result<Glossary, Vec<Diagnostic>> {
        let mut glossary = Glossary::defaults();
        let path = root.join(GLOSSARY_FILE);
        if !path.exists() {
            return Ok(glossary);
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::file(
                GLOSSARY_FILE,
                t!("site-cannot-read", error = crate::messages::io_error(&e)),
            )]
        })?;
        let sections = yaml::from_str(&text).map_err(|e| {
            vec![e.diagnostic(GLOSSARY_FILE, 1, |m| {
                t!("site-abbreviations-invalid", error = m)
            })]
        })?;
        glossary.add(sections);
        Ok(glossary)
    }

    fn add(&mut self, sections: BTreeMap<String, BTreeMap<String, Entry>>) {
        for (lang, entries) in sections {
            let into = self.languages.entry(lang).or_default();
            for (key, entry) in entries {
                match (key.as_str(), entry) {
                    ("document_types", Entry::Map(m)) => into.document_types.extend(m),
                    ("issuers", Entry::Map(m)) => into.issuers.extend(m),
                    (_, Entry::Words(words)) => {
                        into.abbreviations.insert(key, words);
                    }
                    (_, Entry::Map(_)) => {}
                }
            }
        }
    }

    fn entries(&self, lang: &str) -> Option<&Entries> {
        self.languages
            .get(lang)
            .or_else(|| self.languages.get(lang.split('-').next()?))
    }

    /// The words of an abbreviation (written exactly so: `UBND`, not `ubnd`).
    pub fn abbreviation(&self, lang: &str, word: &str) -> Option<&str> {
        self.entries(lang)?
            .abbreviations
            .get(word)
            .map(String::as_str)
    }

    /// Every abbreviation of a language (the tests check none is left in a script).
    pub fn abbreviations(&self, lang: &str) -> impl Iterator<Item = &str> {
        self.entries(lang)
            .into_iter()
            .flat_map(|e| e.abbreviations.keys().map(String::as_str))
    }

    /// The kind of document a code of its number names (`NQ`: Nghị quyết), in Vietnamese.
    pub fn document_type(&self, code: &str) -> Option<&str> {
        self.entries("vi")?
            .document_types
            .get(code)
            .map(String::as_str)
    }

    /// Who issued a document, from the code of its number: the issuers, else the
    /// abbreviations, else a code with a term (`QH15`: "Quốc hội khóa mười lăm"), else the
    /// code as written.
    pub fn issuer(&self, lang: &str, code: &str) -> String {
        let known = |c: &str| {
            let e = self.entries(lang)?;
            e.issuers.get(c).or_else(|| e.abbreviations.get(c)).cloned()
        };
        if let Some(words) = known(code) {
            return words;
        }
        let letters = code.trim_end_matches(|c: char| c.is_ascii_digit());
        let term = &code[letters.len()..];
        if !term.is_empty()
            && let (Some(name), Ok(n)) = (known(letters), term.parse::<u64>())
            && let Some(n) = crate::speech::numbers::integer(n, lang)
        {
            return format!("{name} khóa {n}");
        }
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_read_and_a_site_adds_and_changes_entries() {
        let g = Glossary::defaults();
        assert_eq!(g.abbreviation("vi", "UBND"), Some("Ủy ban nhân dân"));
        assert_eq!(g.document_type("NQ"), Some("Nghị quyết"));
        assert_eq!(g.issuer("vi", "TW"), "Ban Chấp hành Trung ương");
        assert_eq!(g.issuer("vi", "QH15"), "Quốc hội khóa mười lăm");
        let site = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(site.path().join("data")).expect("data");
        std::fs::write(
            site.path().join(GLOSSARY_FILE),
            "vi:\n  KDC: khu dân cư kiểu mẫu\n  ĐVTN: đoàn viên thanh niên\n  issuers:\n    SNV: Sở Nội vụ\n",
        )
        .expect("write");
        let g = Glossary::load(site.path()).expect("reads");
        assert_eq!(g.abbreviation("vi", "KDC"), Some("khu dân cư kiểu mẫu"));
        assert_eq!(g.abbreviation("vi", "ĐVTN"), Some("đoàn viên thanh niên"));
        assert_eq!(g.abbreviation("vi", "UBND"), Some("Ủy ban nhân dân"));
        assert_eq!(g.issuer("vi", "SNV"), "Sở Nội vụ");
    }

    #[test]
    fn a_broken_glossary_is_named() {
        let site = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(site.path().join("data")).expect("data");
        std::fs::write(site.path().join(GLOSSARY_FILE), "vi: [UBND\n").expect("write");
        let errors = Glossary::load(site.path()).expect_err("broken");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with(GLOSSARY_FILE), "{:?}", errors[0]);
    }
}
