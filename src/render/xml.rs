//! The Atom feed of each language and the sitemap, written directly: their shape is fixed by
//! their specifications, not by the theme.

use crate::config::Config;
use crate::render::context::SummaryCtx;
use crate::text::escape_html as esc;
use crate::text::escape_html_into as esc_into;

/// Items in a feed.
pub const FEED_LIMIT: usize = 20;

/// An Atom feed of the newest dated items of one language (`entries` newest first).
pub fn atom_feed(config: &Config, lang: &str, entries: &[&SummaryCtx]) -> String {
    let prefix = config.language_prefix(lang);
    let title = config.title_in(lang);
    let home = config.permalink(&prefix);
    let updated = entries
        .iter()
        .filter(|e| e.updated_time.is_some())
        .max_by_key(|e| e.updated_time)
        .and_then(|e| e.updated_rfc3339.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = String::with_capacity(2048 + entries.len() * 1024);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        esc(lang)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", esc(title)));
    xml.push_str(&format!("  <link href=\"{}\"/>\n", esc(&home)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        esc(&config.permalink(&format!("{prefix}atom.xml")))
    ));
    xml.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        esc(&home)
    ));
    xml.push_str(&format!("  <author><name>{}</name></author>\n", esc(title)));
    for e in entries {
        let updated = e
            .updated_rfc3339
            .as_deref()
            .unwrap_or("1970-01-01T00:00:00Z");
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", esc(&e.title)));
        xml.push_str(&format!("    <link href=\"{}\"/>\n", esc(&e.permalink)));
        xml.push_str(&format!("    <id>{}</id>\n", esc(&e.permalink)));
        if let Some(d) = &e.date {
            xml.push_str(&format!("    <published>{}</published>\n", d.rfc3339));
        }
        xml.push_str(&format!("    <updated>{updated}</updated>\n"));
        for topic in &e.topics {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", esc(topic)));
        }
        xml.push_str(&format!(
            "    <summary type=\"html\">{}</summary>\n",
            esc(&e.summary_html)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// `sitemap.xml` as the index of the sitemap's files (their absolute URLs).
pub fn sitemap_index(files: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in files {
        xml.push_str("  <sitemap>\n    <loc>");
        esc_into(&mut xml, file);
        xml.push_str("</loc>\n  </sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// One page of the site for the sitemap.
pub struct SitemapEntry {
    pub permalink: String,
    pub lastmod: Option<String>,
    /// (language, absolute URL) of every language version, this one included.
    pub alternates: Vec<(String, String)>,
}

/// `sitemap.xml` listing every page (sorted, so the file is deterministic).
pub fn sitemap(entries: &mut [SitemapEntry]) -> String {
    entries.sort_by(|a, b| a.permalink.cmp(&b.permalink));
    let mut xml = String::with_capacity(128 + entries.len() * 128);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for e in entries.iter() {
        xml.push_str("  <url>\n    <loc>");
        esc_into(&mut xml, &e.permalink);
        xml.push_str("</loc>\n");
        if let Some(m) = &e.lastmod {
            xml.push_str("    <lastmod>");
            xml.push_str(m);
            xml.push_str("</lastmod>\n");
        }
        // Translations as search engines read them (the form Google documents for sitemaps).
        for (lang, href) in &e.alternates {
            xml.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
            esc_into(&mut xml, lang);
            xml.push_str("\" href=\"");
            esc_into(&mut xml, href);
            xml.push_str("\"/>\n");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
