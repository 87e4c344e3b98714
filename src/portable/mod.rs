//! Portable output (`bantin build --portable`, site.yaml `portable: true`): every internal
//! link, asset and redirect of every page is rewritten relative to the page and pointing at a
//! file (`../articles/x/index.html`), so that one built folder works opened from disk
//! (`file://`), from any static server and under any sub-path. Absolute addresses (canonical,
//! Open Graph, hreflang, feeds, sitemap) keep `base_url`.
//!
//! The rewrite happens once, as files are written ([`PortableSink`]): templates, Markdown,
//! images and scripts all emit site-root paths (`/dan-van/articles/x/`), and this module is
//! the only place that knows about portable output.

mod tags;

use crate::config::Config;
use crate::write::{Sink, WriteError};
use std::path::Path;

/// Attributes that hold one address.
const URL_ATTRIBUTES: [&str; 5] = ["href", "src", "action", "poster", "data-root"];

/// Rewrites `/base/...` addresses in the HTML page `file` (its path in the output folder,
/// `en/articles/x/index.html`) to addresses relative to it.
pub fn relativize_html(file: &str, html: &str, base_path: &str) -> String {
    let up = up_to_root(file);
    rewrite_addresses(html, |url| relative(url, base_path, &up))
}

/// Every address in an attribute of `html` (whichever way it is quoted) through `map`:
/// URL attributes, each candidate of a `srcset`, and the target of a refresh.
fn rewrite_addresses(html: &str, map: impl Fn(&str) -> String) -> String {
    tags::rewrite_attributes(html, |name, value| match name {
        n if URL_ATTRIBUTES.contains(&n) => Some(map(value)),
        "srcset" => Some(
            value
                .split(',')
                .map(|candidate| {
                    let candidate = candidate.trim();
                    match candidate.split_once(' ') {
                        Some((url, size)) => format!("{} {size}", map(url)),
                        None => map(candidate),
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        // <meta http-equiv="refresh" content="0; url=/base/x/">
        "content" => value
            .strip_prefix("0; url=")
            .map(|url| format!("0; url={}", map(url))),
        _ => None,
    })
}

/// Rewrites `url(/base/...)` in the stylesheet `file`.
pub fn relativize_css(file: &str, css: &str, base_path: &str) -> String {
    let up = up_to_root(file);
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
        let skip = quote.map_or(0, char::len_utf8);
        let close = match quote {
            Some(q) => rest[skip..].find(q).map(|i| i + skip),
            None => rest.find(')'),
        };
        let Some(close) = close else {
            break;
        };
        out.push_str(&rest[..skip]);
        out.push_str(&relative(&rest[skip..close], base_path, &up));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// `../` once per folder between `file` and the output folder.
fn up_to_root(file: &str) -> String {
    "../".repeat(file.matches('/').count())
}

/// `/base/articles/x/#a` → `<up>articles/x/index.html#a`; other addresses as they are.
fn relative(url: &str, base_path: &str, up: &str) -> String {
    let Some(inside) = url.strip_prefix(base_path) else {
        return url.to_string();
    };
    // `//host/...` is another site.
    if base_path == "/" && url.starts_with("//") {
        return url.to_string();
    }
    let split = inside.find(['?', '#']).unwrap_or(inside.len());
    let (path, tail) = inside.split_at(split);
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    format!("{up}{file}{tail}")
}

/// Writes through to `inner`, rewriting HTML pages and stylesheets for portable output.
pub struct PortableSink<'a> {
    inner: &'a dyn Sink,
    /// The path of `base_url` (`/dan-van/`).
    base_path: String,
    base_url: String,
}

impl<'a> PortableSink<'a> {
    pub fn new(inner: &'a dyn Sink, config: &Config) -> PortableSink<'a> {
        PortableSink {
            inner,
            base_path: config.base_path.clone(),
            base_url: config.base_url.clone(),
        }
    }
}

impl Sink for PortableSink<'_> {
    fn write(&self, file: &str, bytes: &[u8]) -> Result<(), WriteError> {
        // The 404 page answers for addresses at any depth, where no relative link holds: its
        // links lead to the published site instead.
        if file == "404.html"
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            let absolute = rewrite_addresses(text, |url| match url.strip_prefix(&self.base_path) {
                Some(inside) if !url.starts_with("//") => format!("{}{inside}", self.base_url),
                _ => url.to_string(),
            });
            return self.inner.write(file, absolute.as_bytes());
        }
        let rewritten = match (file.rsplit('.').next(), std::str::from_utf8(bytes)) {
            (Some("html"), Ok(text)) => relativize_html(file, text, &self.base_path),
            (Some("css"), Ok(text)) => relativize_css(file, text, &self.base_path),
            _ => return self.inner.write(file, bytes),
        };
        self.inner.write(file, rewritten.as_bytes())
    }

    fn copy(&self, file: &str, from: &Path) -> Result<(), WriteError> {
        if file.ends_with(".html") || file.ends_with(".css") {
            let bytes = std::fs::read(from).map_err(|e| crate::write::cannot_read(from, &e))?;
            return self.write(file, &bytes);
        }
        self.inner.copy(file, from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses_become_relative_file_addresses() {
        let html = r##"<link rel="canonical" href="https://example.org/dan-van/articles/x/">
<link rel="stylesheet" href="/dan-van/style.css">
<a href="/dan-van/">Home</a> <a href="/dan-van/en/articles/y/#part">Y</a> <a href="#top">top</a>
<a href="https://other.example/dan-van/">out</a> <img src="/dan-van/articles/x/a.png" srcset="/dan-van/img/a-360.webp 360w, /dan-van/img/a-720.webp 720w">
<form action="/dan-van/search/" role="search"></form>
<meta http-equiv="refresh" content="0; url=/dan-van/articles/x/">
<p title="a=&quot;b&quot;">x = "y"</p>"##;
        let out = relativize_html("articles/x/index.html", html, "/dan-van/");
        assert!(
            out.contains(r#"href="https://example.org/dan-van/articles/x/""#),
            "{out}"
        );
        assert!(out.contains(r#"href="../../style.css""#), "{out}");
        assert!(out.contains(r#"<a href="../../index.html">Home"#), "{out}");
        assert!(
            out.contains(r#"href="../../en/articles/y/index.html#part""#),
            "{out}"
        );
        assert!(out.contains(r##"href="#top""##), "{out}");
        assert!(
            out.contains(r#"href="https://other.example/dan-van/""#),
            "{out}"
        );
        assert!(out.contains(r#"src="../../articles/x/a.png""#), "{out}");
        assert!(
            out.contains(r#"srcset="../../img/a-360.webp 360w, ../../img/a-720.webp 720w""#),
            "{out}"
        );
        assert!(out.contains(r#"action="../../search/index.html""#), "{out}");
        assert!(
            out.contains(r#"content="0; url=../../articles/x/index.html""#),
            "{out}"
        );
        assert!(
            out.contains(r#"<p title="a=&quot;b&quot;">x = "y"</p>"#),
            "{out}"
        );
        // At the top of the output, nothing to climb.
        let top = relativize_html(
            "index.html",
            r#"<a href="/dan-van/topics/">t</a>"#,
            "/dan-van/",
        );
        assert_eq!(top, r#"<a href="topics/index.html">t</a>"#);
        // A site at the root of its host.
        let root = relativize_html(
            "a/index.html",
            r#"<a href="/b/">b</a><a href="//cdn.example/x">x</a>"#,
            "/",
        );
        assert_eq!(
            root,
            r#"<a href="../b/index.html">b</a><a href="//cdn.example/x">x</a>"#
        );
    }

    #[test]
    fn stylesheet_addresses_become_relative() {
        let css = r#"a{background:url(/dan-van/img/a.png)}b{background:url("/dan-van/x.svg")}c{background:url(data:x)}"#;
        assert_eq!(
            relativize_css("css/style.css", css, "/dan-van/"),
            r#"a{background:url(../img/a.png)}b{background:url("../x.svg")}c{background:url(data:x)}"#
        );
    }
}
