//! The studio's pages (HTML made on the server: they work without JavaScript and on any
//! phone), and the reading of its forms back into a file's text.

use super::catalogue::{Catalogue, Entry};
use super::edit::{self, NewValue};
use super::{ListQuery, Problem, STUDIO_PATH, edit_url};
use crate::content::Kind;
use crate::content::front_matter::{KeySpec, KeyType, Need, key_specs, split};
use crate::messages::Text;
use crate::t;
use crate::text::escape_html as esc;
use serde_json::Value;
use std::path::Path;

pub const STYLESHEET: &str = include_str!("studio.css");
pub const SCRIPT: &str = include_str!("studio.js");

/// Results shown at once; a search narrows a large site down.
const SHOWN: usize = 200;

fn shell(title: &str, main: &str) -> String {
    let lang = crate::messages::language().code();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · bantin studio</title><link rel=\"stylesheet\" href=\"{STUDIO_PATH}/studio.css\">\
<script src=\"{STUDIO_PATH}/studio.js\" defer></script></head>\n\
<body><header class=\"bar\"><a href=\"{STUDIO_PATH}/\">bantin studio</a> <a href=\"/\">{}</a></header>\n\
<main>{main}</main></body></html>\n",
        esc(title),
        esc(&t!("studio-view-site")),
    )
}

fn kind_name(kind: Kind) -> Text {
    match kind {
        Kind::Article => t!("studio-kind-article"),
        Kind::Model => t!("studio-kind-model"),
        Kind::Explainer => t!("studio-kind-explainer"),
        Kind::Bulletin => t!("studio-kind-bulletin"),
        Kind::Page => t!("studio-kind-page"),
    }
}

fn option(value: &str, label: &str, selected: bool) -> String {
    format!(
        "<option value=\"{}\"{}>{}</option>",
        esc(value),
        if selected { " selected" } else { "" },
        esc(label)
    )
}

fn matches(entry: &Entry, query: &ListQuery, words: &str) -> bool {
    (query.kind.is_empty() || entry.kind.singular() == query.kind)
        && (query.lang.is_empty() || entry.lang == query.lang)
        && match query.draft.as_str() {
            "yes" => entry.draft,
            "no" => !entry.draft,
            _ => true,
        }
        && (query.topic.is_empty() || entry.topics.contains(&query.topic))
        && (query.locality.is_empty() || entry.locality.as_deref() == Some(&query.locality))
        && (words.is_empty() || crate::text::slugify(&entry.title).contains(words))
}

/// The topic and locality filters: what the items use, localities by name.
fn topic_and_locality_filters(catalogue: &Catalogue, query: &ListQuery) -> String {
    let topics: String = catalogue
        .topics
        .iter()
        .map(|t| option(t, t, &query.topic == t))
        .collect();
    let used: std::collections::BTreeSet<&str> = catalogue
        .entries
        .iter()
        .filter_map(|e| e.locality.as_deref())
        .collect();
    let mut localities: Vec<(&str, &str)> = used
        .into_iter()
        .map(|id| {
            let name = catalogue.localities.iter().find(|l| l.id == id);
            (id, name.map_or(id, |l| l.name.as_str()))
        })
        .collect();
    localities.sort_by_key(|(_, name)| crate::text::slugify(name));
    let localities: String = localities
        .iter()
        .map(|(id, name)| option(id, name, query.locality == *id))
        .collect();
    format!(
        "<label>{} <select name=\"topic\">{}{topics}</select></label>\
<label>{} <select name=\"locality\">{}{localities}</select></label>",
        esc(&t!("studio-topic")),
        option("", &t!("studio-all"), query.topic.is_empty()),
        esc(&t!("studio-locality")),
        option("", &t!("studio-all"), query.locality.is_empty()),
    )
}

pub fn list(
    catalogue: &Catalogue,
    query: &ListQuery,
    destination: Option<&str>,
    csrf: &str,
) -> String {
    // "ha nam" finds "Hà Nam": both folded the way slugs are.
    let words = crate::text::slugify(&query.q);
    let found: Vec<&Entry> = catalogue
        .entries
        .iter()
        .filter(|e| matches(e, query, &words))
        .collect();
    let kinds: String = Kind::ALL
        .iter()
        .map(|k| option(k.singular(), &kind_name(*k), query.kind == k.singular()))
        .collect();
    let languages: String = catalogue
        .languages
        .iter()
        .map(|l| option(l, l, &query.lang == l))
        .collect();
    let mut main = format!(
        "<h1>{}</h1>\n<form class=\"filters\" method=\"get\" action=\"{STUDIO_PATH}/\" role=\"search\">\
<label class=\"q\">{} <input type=\"search\" name=\"q\" value=\"{}\"></label><button>{}</button>\
<details{}><summary>{}</summary><div class=\"more\">\
<label>{} <select name=\"kind\">{}{kinds}</select></label>\
<label>{} <select name=\"lang\">{}{languages}</select></label>\
<label>{} <select name=\"draft\">{}{}{}</select></label>{}</div></details></form>\n",
        esc(&t!("studio-items")),
        esc(&t!("studio-search")),
        esc(&query.q),
        esc(&t!("studio-filter")),
        // Folded on a phone until a filter is in use (the list comes first).
        if [
            &query.kind,
            &query.lang,
            &query.draft,
            &query.topic,
            &query.locality
        ]
        .iter()
        .any(|v| !v.is_empty())
        {
            " open"
        } else {
            ""
        },
        esc(&t!("studio-filters")),
        esc(&t!("studio-kind")),
        option("", &t!("studio-all"), query.kind.is_empty()),
        esc(&t!("studio-language")),
        option("", &t!("studio-all"), query.lang.is_empty()),
        esc(&t!("studio-state")),
        option("", &t!("studio-all"), query.draft.is_empty()),
        option("yes", &t!("studio-drafts"), query.draft == "yes"),
        option("no", &t!("studio-published"), query.draft == "no"),
        topic_and_locality_filters(catalogue, query),
    );
    main.push_str(&new_item_form(catalogue, csrf));
    main.push_str(&publish_form(destination, csrf));
    main.push_str(&format!(
        "<p class=\"count\">{}</p>\n<ul class=\"items\">\n",
        esc(&t!(
            "studio-count",
            shown = found.len().min(SHOWN),
            count = found.len()
        ))
    ));
    for entry in found.iter().take(SHOWN) {
        main.push_str(&item_row(entry));
    }
    main.push_str("</ul>\n");
    if !catalogue.unreadable.is_empty() {
        main.push_str(&format!("<h2>{}</h2><ul>", esc(&t!("studio-unreadable"))));
        for path in &catalogue.unreadable {
            main.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                esc(&edit_url(path)),
                esc(path)
            ));
        }
        main.push_str("</ul>\n");
    }
    shell(&t!("studio-items"), &main)
}

fn item_row(entry: &Entry) -> String {
    let mut badges = String::new();
    if entry.draft {
        badges.push_str(&format!(
            "<span class=\"badge draft\">{}</span>",
            esc(&t!("studio-draft"))
        ));
    }
    if !entry.missing.is_empty() {
        let languages: Vec<&str> = entry.missing.iter().map(|(l, _)| l.as_str()).collect();
        badges.push_str(&format!(
            "<span class=\"badge missing\">{}</span>",
            esc(&t!("studio-missing", languages = languages.join(", ")))
        ));
    }
    if entry.outdated {
        badges.push_str(&format!(
            "<span class=\"badge outdated\">{}</span>",
            esc(&t!("studio-outdated"))
        ));
    }
    if !entry.warnings.is_empty() {
        badges.push_str(&format!(
            "<span class=\"badge outdated\">{}</span>",
            esc(&t!("studio-warnings", count = entry.warnings.len()))
        ));
    }
    format!(
        "<li><a class=\"title\" href=\"{}\">{}</a> \
<span class=\"facts\">{} · {} · {}</span> {badges}</li>\n",
        esc(&edit_url(&entry.path)),
        esc(&entry.title),
        esc(&kind_name(entry.kind)),
        esc(&entry.lang),
        esc(&entry.date),
    )
}

/// "Build and publish" (or only "Build the site" when site.yaml names no destination).
fn publish_form(destination: Option<&str>, csrf: &str) -> String {
    let (button, hint) = match destination {
        Some(to) => (
            t!("studio-publish"),
            t!("studio-publish-hint", destination = to),
        ),
        None => (t!("studio-build"), t!("studio-build-hint")),
    };
    format!(
        "<form class=\"publish\" method=\"post\" action=\"{STUDIO_PATH}/publish\">\
<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button>{}</button> <span class=\"hint\">{}</span></form>\n",
        esc(csrf),
        esc(&button),
        esc(&hint)
    )
}

/// What "Build and publish" did.
pub enum Publication {
    /// The build found problems (nothing was written or sent): by file.
    Problems(Vec<(String, Problem)>),
    /// The build could not write its output.
    Failed(Text),
    Built {
        summary: Text,
        /// The upload's outcome, when site.yaml names a destination.
        deployed: Option<Result<Text, Text>>,
    },
}

pub fn published(publication: &Publication) -> String {
    let heading = match publication {
        Publication::Built { deployed: None, .. } => t!("studio-build"),
        _ => t!("studio-publish"),
    };
    let mut main = format!("<h1>{}</h1>\n", esc(&heading));
    match publication {
        Publication::Problems(problems) => {
            main.push_str(&format!(
                "<div class=\"problems\" role=\"alert\"><p>{}</p><ul>",
                esc(&t!("studio-publish-problems", count = problems.len()))
            ));
            for (path, problem) in problems {
                let anchor = problem
                    .key
                    .as_deref()
                    .map(|k| format!("#bantin-problem-{k}"))
                    .unwrap_or_default();
                main.push_str(&format!(
                    "<li><a href=\"{}{anchor}\">{}</a></li>",
                    esc(&edit_url(path)),
                    esc(&problem.message)
                ));
            }
            main.push_str("</ul></div>");
        }
        Publication::Failed(message) => main.push_str(&format!(
            "<div class=\"problems\" role=\"alert\"><p>{}</p></div>",
            esc(message)
        )),
        Publication::Built { summary, deployed } => {
            main.push_str(&format!(
                "<p class=\"saved\" role=\"status\">{}</p>",
                esc(summary)
            ));
            match deployed {
                Some(Ok(done)) => main.push_str(&format!("<p class=\"saved\">{}</p>", esc(done))),
                Some(Err(problem)) => main.push_str(&format!(
                    "<div class=\"problems\" role=\"alert\"><p>{}</p></div>",
                    esc(problem)
                )),
                None => main.push_str(&format!(
                    "<p class=\"hint\">{}</p>",
                    esc(&t!("studio-build-hint"))
                )),
            }
        }
    }
    main.push_str(&format!(
        "<p><a href=\"{STUDIO_PATH}/\">{}</a></p>",
        esc(&t!("studio-back"))
    ));
    shell(&heading, &main)
}

fn new_item_form(catalogue: &Catalogue, csrf: &str) -> String {
    let kinds: String = Kind::ALL
        .iter()
        .map(|k| option(k.singular(), &kind_name(*k), *k == Kind::Article))
        .collect();
    let languages: String = catalogue
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| option(l, l, i == 0))
        .collect();
    format!(
        "<details class=\"new\"><summary>{}</summary><form method=\"post\" action=\"{STUDIO_PATH}/new\">\
<input type=\"hidden\" name=\"csrf\" value=\"{}\">\
<label>{} <input name=\"title\" required></label>\
<label>{} <select name=\"kind\">{kinds}</select></label>\
<label>{} <select name=\"lang\">{languages}</select></label>\
<button>{}</button><p class=\"hint\">{}</p></form></details>\n",
        esc(&t!("studio-new")),
        esc(csrf),
        esc(&t!("studio-title")),
        esc(&t!("studio-kind")),
        esc(&t!("studio-language")),
        esc(&t!("studio-create")),
        esc(&t!("studio-new-hint")),
    )
}

/// What the edit page shows.
pub struct EditPage<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub entry: Option<&'a Entry>,
    /// For a translation: the version it is translated from, shown beside the text.
    pub original: Option<&'a Original>,
    pub catalogue: &'a Catalogue,
    pub problems: &'a [Problem],
    pub saved: bool,
    pub csrf: &'a str,
}

/// A bulletin's PDF made by the local browser (`bantin print`): A4 pages or an A5 booklet.
fn print_form(page: &EditPage) -> String {
    format!(
        "<form class=\"print\" method=\"post\" action=\"{STUDIO_PATH}/print\">\
<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"path\" value=\"{}\">\
<button>{}</button> <button name=\"booklet\" value=\"1\">{}</button></form>",
        esc(page.csrf),
        esc(page.path),
        esc(&t!("studio-print-pdf")),
        esc(&t!("studio-print-booklet")),
    )
}

/// The version a translation is made from.
pub struct Original {
    pub lang: String,
    pub path: String,
    pub text: String,
}

/// The original's title, summary and text, to read while translating (folded away on demand).
fn original_panel(original: &Original) -> String {
    let Some((tree, body)) = parts(&original.text) else {
        return String::new();
    };
    let field = |key: &str| tree.get(key).and_then(Value::as_str).unwrap_or_default();
    let summary = match field("summary") {
        "" => String::new(),
        s => format!("<p class=\"original-summary\">{}</p>", esc(s)),
    };
    format!(
        "<details class=\"original\" open><summary>{}</summary><p class=\"path\"><a href=\"{}\">{}</a></p>\
<div lang=\"{}\"><p class=\"original-title\">{}</p>{summary}<div class=\"original-text\" tabindex=\"0\">{}</div></div></details>\n",
        esc(&t!("studio-original", lang = original.lang.as_str())),
        esc(&edit_url(&original.path)),
        esc(&original.path),
        esc(&original.lang),
        esc(field("title")),
        esc(body.trim()),
    )
}

/// The kind of `content/<section>/...`.
fn kind_of(path: &str) -> Kind {
    path.split('/')
        .nth(1)
        .and_then(Kind::from_section)
        .unwrap_or(Kind::Page)
}

/// The front matter as a tree, and the body; `None` when the YAML cannot be read (then the
/// form is the whole file as text).
fn parts(text: &str) -> Option<(serde_json::Map<String, Value>, &str)> {
    let normalized_ok = !text.starts_with('\u{feff}') && !text.contains('\r');
    let split = split(Path::new(""), text).ok().filter(|_| normalized_ok)?;
    let tree = crate::yaml::to_tree(split.yaml).ok()?;
    match tree {
        Value::Object(map) => Some((map, split.body)),
        _ => None,
    }
}

/// A key's value as its form field holds it: lists one item a line, `on` for true.
fn form_value(value: Option<&Value>, kind: KeyType) -> String {
    let lines = |items: &Vec<Value>| items.iter().map(scalar_text).collect::<Vec<_>>().join("\n");
    match (kind, value) {
        (_, None | Some(Value::Null)) => String::new(),
        (KeyType::Bool, Some(v)) => if v.as_bool() == Some(true) { "on" } else { "" }.to_string(),
        (KeyType::Share, Some(Value::Bool(false))) => "off".to_string(),
        (_, Some(Value::Array(items))) => lines(items),
        (_, Some(v)) => scalar_text(v),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn edit(page: &EditPage) -> String {
    let kind = kind_of(page.path);
    let title = page.entry.map_or(page.path, |e| e.title.as_str());
    let mut main = format!(
        "<h1>{}</h1><p class=\"path\">{} · {}</p>\n",
        esc(title),
        esc(&kind_name(kind)),
        esc(page.path)
    );
    if page.saved {
        main.push_str(&format!(
            "<p class=\"saved\" role=\"status\">{}</p>",
            esc(&t!("studio-saved"))
        ));
    }
    if let Some(entry) = page.entry.filter(|e| !e.missing.is_empty()) {
        main.push_str("<div class=\"translate\">");
        for (lang, _) in &entry.missing {
            main.push_str(&format!(
                "<form method=\"post\" action=\"{STUDIO_PATH}/translate\">\
<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"path\" value=\"{}\">\
<input type=\"hidden\" name=\"lang\" value=\"{}\"><button>{}</button></form>",
                esc(page.csrf),
                esc(page.path),
                esc(lang),
                esc(&t!("studio-translate", lang = lang.as_str()))
            ));
        }
        main.push_str("</div>");
    }
    let keys: Vec<&str> = key_specs(kind).iter().map(|s| s.key).collect();
    // Problems of a key the form has are shown beside its field; the others here.
    let general: Vec<&Problem> = page
        .problems
        .iter()
        .filter(|p| !p.key.as_deref().is_some_and(|k| keys.contains(&k)))
        .collect();
    if !general.is_empty() {
        main.push_str(&format!(
            "<div class=\"problems\" role=\"alert\"><h2>{}</h2><ul>",
            esc(&t!("studio-problems"))
        ));
        for p in general {
            main.push_str(&format!("<li>{}</li>", esc(&p.message)));
        }
        main.push_str("</ul></div>");
    }
    main.push_str(&format!(
        "<div class=\"editor\"><form class=\"fields\" method=\"post\" action=\"{STUDIO_PATH}/save\" data-preview=\"{STUDIO_PATH}/preview\">\
<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"path\" value=\"{}\">\
<input type=\"hidden\" name=\"version\" value=\"{}\"><input type=\"hidden\" name=\"base\" value=\"{}\">\n",
        esc(page.csrf),
        esc(page.path),
        edit::version(page.text),
        esc(page.text)
    ));
    match parts(page.text) {
        Some((tree, body)) => {
            for spec in key_specs(kind) {
                let problems: Vec<&str> = page
                    .problems
                    .iter()
                    .filter(|p| p.key.as_deref() == Some(spec.key))
                    .map(|p| p.message.as_str())
                    .collect();
                main.push_str(&field(&spec, tree.get(spec.key), page.catalogue, &problems));
            }
            if let Some(original) = page.original {
                main.push_str(&original_panel(original));
            }
            main.push_str(&toolbar());
            main.push_str(&format!(
                "<label class=\"body\">{}<textarea name=\"body\" rows=\"18\">\n{}</textarea></label>",
                esc(&t!("studio-body")),
                esc(body)
            ));
        }
        None => main.push_str(&format!(
            "<p class=\"hint\">{}</p><label class=\"body\">{}<textarea name=\"raw\" rows=\"24\">\n{}</textarea></label>",
            esc(&t!("studio-raw-hint")),
            esc(page.path),
            esc(page.text)
        )),
    }
    // Inside the form but with no names: nothing of it is sent with the form.
    main.push_str(&picture_widget());
    // A draft can be published from its form: saved with `draft` taken out.
    let publish = match page.entry {
        Some(entry) if entry.draft => format!(
            " <button name=\"publish\" value=\"1\">{}</button>",
            esc(&t!("studio-publish-item"))
        ),
        _ => String::new(),
    };
    main.push_str(&format!(
        "<p><button class=\"save\">{}</button>{publish}</p></form>\n",
        esc(&t!("studio-save"))
    ));
    if let Some(entry) = page.entry {
        main.push_str(&format!(
            "<section class=\"preview\" aria-label=\"{}\"><p><a href=\"{}\">{}</a>{} <span class=\"hint\">{}</span></p>{}\
<div class=\"problems\" id=\"bantin-preview-problems\" role=\"status\" hidden><p>{}</p><pre></pre></div>\
<iframe id=\"bantin-preview\" src=\"{}\" data-url=\"{}\" title=\"{}\"></iframe></section>",
            esc(&t!("studio-preview")),
            esc(&entry.url),
            esc(&t!("studio-open-page")),
            if kind == Kind::Bulletin {
                format!(
                    " · <a href=\"{}\">{}</a>",
                    esc(&crate::urls::print(&entry.url)),
                    esc(&t!("studio-open-print")),
                )
            } else {
                String::new()
            },
            esc(&t!("studio-preview-live")),
            if kind == Kind::Bulletin { print_form(page) } else { String::new() },
            esc(&t!("studio-preview-problems")),
            esc(&entry.url),
            esc(&entry.url),
            esc(&t!("studio-preview")),
        ));
    }
    main.push_str("</div>\n");
    main.push_str(&datalists(page.catalogue, kind));
    shell(title, &main)
}

/// The locality picker's suggestions. A label holds the name, the name without tone marks
/// (browsers match what is typed against labels: `ha nam` finds “Hà Nam”) and, for a former
/// unit, the unit it is now part of.
/// Buttons that write Markdown around the selection of the text (shown with JavaScript).
fn toolbar() -> String {
    let buttons = [
        ("heading", t!("studio-tool-heading"), "H"),
        ("bold", t!("studio-tool-bold"), "B"),
        ("italic", t!("studio-tool-italic"), "I"),
        ("list", t!("studio-tool-list"), "•"),
        ("quote", t!("studio-tool-quote"), "❝"),
    ];
    let mut out = format!(
        "<div class=\"toolbar\" id=\"bantin-toolbar\" role=\"toolbar\" aria-label=\"{}\" hidden>",
        esc(&t!("studio-toolbar"))
    );
    for (action, label, sign) in buttons {
        out.push_str(&format!(
            "<button type=\"button\" data-tool=\"{action}\" title=\"{}\" aria-label=\"{}\">{sign}</button>",
            esc(&label),
            esc(&label)
        ));
    }
    out.push_str(&format!(
        "<input list=\"bantin-links\" data-tool=\"link\" aria-label=\"{}\" placeholder=\"{}\"></div>",
        esc(&t!("studio-tool-link")),
        esc(&t!("studio-tool-link"))
    ));
    out
}

/// Adding a picture (with JavaScript: the picture is sent on its own, and the form keeps what
/// was typed).
fn picture_widget() -> String {
    format!(
        "<fieldset class=\"picture\" id=\"bantin-picture\" hidden data-upload=\"{STUDIO_PATH}/upload\" data-sent=\"{}\" data-need-alt=\"{}\">\
<legend>{}</legend><label>{}<input type=\"file\" id=\"bantin-picture-file\" accept=\"image/jpeg,image/png,image/webp\"></label>\
<label>{}<input id=\"bantin-picture-alt\" aria-required=\"true\"></label>\
<p><button type=\"button\" data-use=\"text\">{}</button> <button type=\"button\" data-use=\"main\">{}</button></p>\
<p class=\"hint\" id=\"bantin-picture-status\" role=\"status\"></p></fieldset>\n",
        esc(&t!("studio-picture-sent", file = "{file}")),
        esc(&t!("studio-picture-need-alt")),
        esc(&t!("studio-picture")),
        esc(&t!("studio-picture-file")),
        esc(&t!("studio-picture-alt")),
        esc(&t!("studio-picture-insert")),
        esc(&t!("studio-picture-main")),
    )
}

fn datalists(catalogue: &Catalogue, kind: Kind) -> String {
    // Links to other items, by title: their file under content/ (the toolbar makes the path
    // relative to the edited file, as the content format writes links).
    let mut out = String::from("<datalist id=\"bantin-links\">");
    let default = catalogue.languages.first().map(String::as_str);
    for entry in catalogue
        .entries
        .iter()
        .filter(|e| Some(e.lang.as_str()) == default)
    {
        out.push_str(&format!(
            "<option value=\"{}\" label=\"{} ({})\"></option>",
            esc(entry.path.strip_prefix("content/").unwrap_or(&entry.path)),
            esc(&entry.title),
            esc(&crate::text::slugify(&entry.title).replace('-', " "))
        ));
    }
    out.push_str("</datalist>\n");
    if kind == Kind::Bulletin {
        // What a bulletin can list: every item but bulletins, once (in the site's language).
        out.push_str("<datalist id=\"bantin-references\">");
        let default = catalogue.languages.first().map(String::as_str);
        for entry in catalogue
            .entries
            .iter()
            .filter(|e| e.kind != Kind::Bulletin && Some(e.lang.as_str()) == default)
        {
            out.push_str(&format!(
                "<option value=\"{}\" label=\"{} ({})\"></option>",
                esc(&entry.reference),
                esc(&entry.title),
                esc(&crate::text::slugify(&entry.title).replace('-', " "))
            ));
        }
        out.push_str("</datalist>\n");
    }
    out.push_str("<datalist id=\"bantin-localities\">");
    for choice in &catalogue.localities {
        let folded = crate::text::slugify(&choice.name).replace('-', " ");
        let label = match &choice.now {
            Some(now) => format!(
                "{} ({folded}) – {}",
                choice.name,
                t!("studio-locality-now", now = now.as_str())
            ),
            None => format!("{} ({folded})", choice.name),
        };
        out.push_str(&format!(
            "<option value=\"{}\" label=\"{}\"></option>",
            esc(&choice.id),
            esc(&label)
        ));
    }
    out.push_str("</datalist>\n");
    out
}

fn field(
    spec: &KeySpec,
    value: Option<&Value>,
    catalogue: &Catalogue,
    problems: &[&str],
) -> String {
    let name = format!("f.{}", spec.key);
    let current = form_value(value, spec.value);
    let required = spec.need == Need::Required;
    let label = format!(
        "<span class=\"key\">{}{}</span> <code>{}</code>",
        esc(&key_label(spec.key)),
        if required { " *" } else { "" },
        spec.key
    );
    let required_attr = if required && spec.value != KeyType::Bool {
        " required"
    } else {
        ""
    };
    // The problems are read out with the field (aria-describedby); the preview fills them too.
    let id = format!("bantin-problem-{}", spec.key);
    let invalid = if problems.is_empty() {
        ""
    } else {
        " aria-invalid=\"true\""
    };
    let named = format!("name=\"{name}\" aria-describedby=\"{id}\"{invalid}");
    let input = match spec.value {
        KeyType::Bool => format!(
            "<input type=\"checkbox\" {named}{}>",
            if current == "on" { " checked" } else { "" }
        ),
        KeyType::Date => format!(
            "<input type=\"date\" {named} value=\"{}\"{required_attr}>",
            esc(&current)
        ),
        KeyType::Integer => format!(
            "<input type=\"number\" {named} value=\"{}\"{required_attr}>",
            esc(&current)
        ),
        KeyType::Choice(names) => {
            let mut options = option("", "", current.is_empty());
            for n in names {
                options.push_str(&option(n, &choice_label(n), current == *n));
            }
            format!("<select {named}{required_attr}>{options}</select>")
        }
        KeyType::LongText => format!(
            "<textarea {named} rows=\"3\"{required_attr}>\n{}</textarea>",
            esc(&current)
        ),
        KeyType::Items => format!(
            "<textarea {named} rows=\"6\"{required_attr}>\n{}</textarea><span class=\"hint\">{}</span>\
<span class=\"add-item\" hidden><input list=\"bantin-references\" aria-label=\"{}\" placeholder=\"{}\" data-adds=\"{name}\" \
data-order=\"{}\" data-up=\"{}\" data-down=\"{}\" data-remove=\"{}\"></span>",
            esc(&current),
            esc(&t!("studio-hint-items")),
            esc(&t!("studio-add-item")),
            esc(&t!("studio-add-item")),
            esc(&t!("studio-order")),
            esc(&t!("studio-move-up")),
            esc(&t!("studio-move-down")),
            esc(&t!("studio-remove")),
        ),
        KeyType::List | KeyType::Topics | KeyType::Share => format!(
            "<textarea {named} rows=\"3\"{required_attr}>\n{}</textarea><span class=\"hint\">{}</span>",
            esc(&current),
            esc(&match spec.value {
                KeyType::Topics => t!(
                    "studio-hint-topics",
                    topics = catalogue
                        .topics
                        .iter()
                        .take(12)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                KeyType::Share => t!("studio-hint-share"),
                _ => t!("studio-hint-lines"),
            })
        ),
        KeyType::Locality => format!(
            "<input {named} value=\"{}\" list=\"bantin-localities\" autocomplete=\"off\"{required_attr}>",
            esc(&current)
        ),
        KeyType::Text | KeyType::Image => {
            format!("<input {named} value=\"{}\"{required_attr}>", esc(&current))
        }
    };
    format!(
        "<label class=\"field\">{label}{input}<span class=\"field-problem\" id=\"{id}\">{}</span></label>\n",
        esc(&problems.join("\n"))
    )
}

/// A key's name in the interface language (`studio-key-title`), else the key itself.
fn key_label(key: &str) -> String {
    label_or(&format!("studio-key-{}", key.replace('_', "-")), key)
}

/// A choice's name in the interface language (`studio-choice-economy`), else the name.
fn choice_label(name: &str) -> String {
    label_or(&format!("studio-choice-{name}"), name)
}

fn label_or(id: &str, fallback: &str) -> String {
    if crate::messages::has(id) {
        crate::messages::text(id, &[]).into_string()
    } else {
        fallback.to_string()
    }
}

/// A submitted edit form.
pub struct Submitted {
    fields: Vec<(String, String)>,
}

impl Submitted {
    pub fn from_form(form: &[(String, String)]) -> Submitted {
        let mut fields = form.to_vec();
        // "Publish" on a draft's form is a save with its draft box cleared.
        if fields.iter().any(|(name, _)| name == "publish") {
            fields.retain(|(name, _)| name != "f.draft");
        }
        Submitted { fields }
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.replace("\r\n", "\n"))
    }
}

/// The file's new text: the fields changed since the form was opened (on its `base` text) are
/// written onto the text on disk, everything else is kept as it is on disk.
pub fn apply(on_disk: &str, form: &Submitted) -> Result<String, Text> {
    if let Some(raw) = form.get("raw") {
        return Ok(raw);
    }
    let path = form.get("path").unwrap_or_default();
    let base_text = form.get("base").unwrap_or_else(|| on_disk.to_string());
    let (Some((disk_tree, disk_body)), Some((base_tree, base_body))) =
        (parts(on_disk), parts(&base_text))
    else {
        // The file broke on disk since the form was opened: edit it as text.
        return Err(t!("studio-file-unreadable-now"));
    };
    let mut text = on_disk.to_string();
    for spec in key_specs(kind_of(&path)) {
        let before = form_value(base_tree.get(spec.key), spec.value);
        let after = form
            .get(&format!("f.{}", spec.key))
            .unwrap_or_default()
            .trim_end()
            .to_string();
        let on_disk_now = form_value(disk_tree.get(spec.key), spec.value);
        if after == before.trim_end() || after == on_disk_now.trim_end() {
            continue;
        }
        text = edit::set_key(&text, spec.key, new_value(spec.value, &after).as_ref());
    }
    let new_body = form.get("body").unwrap_or_default();
    if new_body != base_body && new_body != disk_body {
        let at = text.len() - parts(&text).map_or(disk_body.len(), |(_, b)| b.len());
        text.truncate(at);
        text.push_str(&new_body);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    Ok(text)
}

fn new_value(kind: KeyType, value: &str) -> Option<NewValue> {
    let lines = || -> Vec<String> {
        value
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    if value.trim().is_empty() {
        return None;
    }
    Some(match kind {
        KeyType::Bool => NewValue::Plain("true".into()),
        KeyType::Share if value.trim() == "off" => NewValue::Plain("false".into()),
        KeyType::List | KeyType::Topics | KeyType::Items | KeyType::Share => {
            NewValue::List(lines())
        }
        KeyType::Integer if value.trim().parse::<i64>().is_ok() => {
            NewValue::Plain(value.trim().to_string())
        }
        KeyType::Date if crate::date::Date::parse(value.trim()).is_ok() => {
            NewValue::Plain(value.trim().to_string())
        }
        _ => NewValue::Text(value.trim().to_string()),
    })
}

pub fn conflict(path: &str, on_disk: &str, mine: &str, csrf: &str) -> String {
    let main = format!(
        "<h1>{}</h1><p role=\"alert\">{}</p>\
<div class=\"conflict\"><section><h2>{}</h2><textarea readonly rows=\"20\" aria-label=\"{}\">\n{}</textarea>\
<p><a href=\"{}\">{}</a></p></section>\
<section><h2>{}</h2><form method=\"post\" action=\"{STUDIO_PATH}/save\">\
<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"path\" value=\"{}\">\
<input type=\"hidden\" name=\"version\" value=\"{}\">\
<textarea name=\"raw\" rows=\"20\" aria-label=\"{}\">\n{}</textarea><p><button>{}</button></p></form></section></div>",
        esc(&t!("studio-conflict")),
        esc(&t!("studio-conflict-explained", path = path)),
        esc(&t!("studio-on-disk")),
        esc(&t!("studio-on-disk")),
        esc(on_disk),
        esc(&edit_url(path)),
        esc(&t!("studio-keep-disk")),
        esc(&t!("studio-mine")),
        esc(csrf),
        esc(path),
        edit::version(on_disk),
        esc(&t!("studio-mine")),
        esc(mine),
        esc(&t!("studio-save-mine")),
    );
    shell(&t!("studio-conflict"), &main)
}

pub fn login(problem: Option<&str>) -> String {
    let problem = problem
        .map(|p| format!("<p role=\"alert\">{}</p>", esc(p)))
        .unwrap_or_default();
    let main = format!(
        "<h1>{}</h1>{problem}<form method=\"post\" action=\"{STUDIO_PATH}/login\">\
<label>{} <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>\
<button>{}</button></form>",
        esc(&t!("studio-login")),
        esc(&t!("studio-password")),
        esc(&t!("studio-login-button")),
    );
    shell(&t!("studio-login"), &main)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_choice_of_the_content_model_has_a_label_in_both_languages() {
        for kind in Kind::ALL {
            for spec in key_specs(kind) {
                let id = format!("studio-key-{}", spec.key.replace('_', "-"));
                assert!(crate::messages::has(&id), "{id}");
                if let KeyType::Choice(names) = spec.value {
                    for name in names {
                        assert!(
                            crate::messages::has(&format!("studio-choice-{name}")),
                            "{name}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_field_left_as_it_was_is_not_rewritten_even_when_the_file_changed_meanwhile() {
        let base = "---\ntitle: A\ndate: 2025-01-01\n---\n\nBody.\n";
        let disk = "---\ntitle: A\ndate: 2025-01-01\nauthor: B\n---\n\nBody, edited on disk.\n";
        let form = Submitted::from_form(&[
            ("path".into(), "content/articles/a.md".into()),
            ("base".into(), base.into()),
            ("f.title".into(), "A2".into()),
            ("f.date".into(), "2025-01-01".into()),
            ("body".into(), "\nBody.\n".into()),
        ]);
        let out = apply(disk, &form).expect("applied");
        assert_eq!(
            out,
            "---\ntitle: A2\ndate: 2025-01-01\nauthor: B\n---\n\nBody, edited on disk.\n"
        );
    }
}
