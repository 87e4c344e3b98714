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
/// Read entry by entry (not as an untagged enum of the two shapes, whose errors say only
/// "none of the forms" at the language's line), so that a wrong entry is reported at its
/// own line and key, saying what it is and what was expected.
#[derive(Default)]
struct Section(Entries);

impl<'de> serde::Deserialize<'de> for Section {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(SectionVisitor)
    }
}

/// The words of an entry: text, never nothing (`KDC:` with the words forgotten would have
/// the abbreviation said as nothing).
struct Words(String);

impl<'de> serde::Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(WordsVisitor)
    }
}

struct WordsVisitor;

impl serde::de::Visitor<'_> for WordsVisitor {
    type Value = Words;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, words: &str) -> Result<Words, E> {
        match words.trim() {
            "" | "~" | "null" => Err(E::invalid_type(serde::de::Unexpected::Unit, &self)),
            _ => Ok(Words(words.to_string())),
        }
    }
}

/// A map of codes to their words (`issuers`, `document_types`).
fn words_map<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
) -> Result<BTreeMap<String, String>, A::Error> {
    let words: BTreeMap<String, Words> = map.next_value()?;
    Ok(words.into_iter().map(|(k, Words(w))| (k, w)).collect())
}

struct SectionVisitor;

impl<'de> serde::de::Visitor<'de> for SectionVisitor {
    type Value = Section;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a map of abbreviations")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Section, A::Error> {
        let mut entries = Entries::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "document_types" => entries.document_types = words_map(&mut map)?,
                "issuers" => entries.issuers = words_map(&mut map)?,
                _ => {
                    let Words(words) = map.next_value()?;
                    entries.abbreviations.insert(key, words);
                }
            }
        }
        Ok(Section(entries))
    }
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

    fn add(&mut self, sections: BTreeMap<String, Section>) {
        for (lang, Section(entries)) in sections {
            let into = self.languages.entry(lang).or_default();
            into.abbreviations.extend(entries.abbreviations);
            into.document_types.extend(entries.document_types);
            into.issuers.extend(entries.issuers);
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

    fn load(text: &str) -> Result<Glossary, Vec<Diagnostic>> {
        let site = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(site.path().join("data")).expect("data");
        std::fs::write(site.path().join(GLOSSARY_FILE), text).expect("write");
        Glossary::load(site.path())
    }

    #[test]
    fn an_entry_of_the_wrong_shape_is_an_error_at_its_line_and_key() {
        // (file, line, key, what was found): a list, a map or nothing where the words of an
        // abbreviation go, words where the map of issuers goes. Each was "none of the forms
        // expected" at the language's line, or (a map, and words for `issuers`) taken
        // silently.
        let table = [
            (
                "vi:\n  UBND: Ủy ban\n  KDC: [khu, dân cư]\n",
                3,
                "KDC",
                "found a list",
            ),
            (
                "vi:\n  UBND: Ủy ban\n  KDC:\n    khu: dân cư\n",
                4,
                "KDC",
                "found `key: value`",
            ),
            ("vi:\n  UBND: Ủy ban\n  KDC:\n", 3, "KDC", "found nothing"),
            (
                "vi:\n  issuers: Sở Nội vụ\n",
                2,
                "issuers",
                "found the text",
            ),
            (
                "vi:\n  document_types:\n    NQ:\n",
                3,
                "NQ",
                "found nothing",
            ),
            ("vi:\n  KDC: ~\n", 2, "KDC", "found nothing"),
            ("vi:\n  KDC: \"  \"\n", 2, "KDC", "found nothing"),
            ("vi:\n  issuers:\n    - SNV\n", 3, "issuers", "found a list"),
        ];
        for (text, line, key, found) in table {
            let errors = load(text).expect_err(text);
            assert_eq!(errors.len(), 1, "{text}");
            let e = &errors[0];
            let message = e.message.to_string();
            assert!(e.path.ends_with(GLOSSARY_FILE), "{e:?}");
            assert_eq!(
                (e.line, e.key.as_deref()),
                (line, Some(key)),
                "{text}: {e:?}"
            );
            assert!(e.column > 0, "{text}: {e:?}");
            assert!(message.contains(found), "{text}: {message}");
            assert!(
                message.contains("UBND: Ủy ban nhân dân"),
                "{text}: {message}"
            );
        }
    }

    #[test]
    fn odd_but_readable_entries_are_kept() {
        // A number or `true` as the words is text as written; an empty file or language, an
        // empty key are nothing to say.
        let g = load("vi:\n  KDC: 5\n  CT: true\n  \"\": rỗng\n  123: một hai ba\nen:\n")
            .expect("reads");
        assert_eq!(g.abbreviation("vi", "KDC"), Some("5"));
        assert_eq!(g.abbreviation("vi", "CT"), Some("true"));
        assert_eq!(g.abbreviation("vi", "123"), Some("một hai ba"));
        assert_eq!(g.abbreviation("vi", "UBND"), Some("Ủy ban nhân dân"));
        assert_eq!(
            crate::speech::spoken::spoken("KDC 123 CT", "vi", &g),
            "5 một hai ba true"
        );
        for text in ["", "# nothing yet\n", "vi:\n"] {
            let g = load(text).expect(text);
            assert_eq!(g.abbreviation("vi", "UBND"), Some("Ủy ban nhân dân"));
        }
    }
}
