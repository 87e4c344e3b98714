//! bantin: a static site generator for mass-mobilization bulletins.
//!
//! The pipeline, one module per stage: `config` (site.yaml) → `content` (discover files,
//! front matter) → `library` (items, translations, routes) → `markdown` + `render` (HTML,
//! feeds, sitemap) → `write` (changed files only, published together on success). `pipeline` runs them in order; `watch` runs
//! it again on every save, as narrowly as it can.

pub mod config;
pub mod content;
pub mod date;
pub mod deploy;
pub mod diagnostic;
pub mod hash;
pub mod highlight;
pub mod i18n;
pub mod images;
pub mod import;
pub mod library;
pub mod locality;
pub mod loudspeaker;
pub mod markdown;
pub mod messages;
pub mod new;
pub mod pdf;
pub mod pipeline;
pub mod portable;
pub mod qr;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod server;
pub mod share;
pub mod speech;
pub mod studio;
pub mod taxonomy;
pub mod template_budget;
pub mod text;
pub mod theme;
pub mod translations;
pub mod urls;
pub mod video;
pub mod watch;
pub mod write;
pub mod yaml;

pub use pipeline::{BuildError, BuildOptions, BuildReport, build_site};
