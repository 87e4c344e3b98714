//! schema.org data of explainer pages: each `## ` question with its answer.

use crate::markdown::TocEntry;
use crate::text::html_to_text;

/// schema.org FAQPage JSON-LD: each `## ` question with its answer as plain text.
pub fn faq_json_ld(html: &str, toc: &[TocEntry]) -> Option<String> {
    let questions: Vec<&TocEntry> = toc.iter().filter(|e| e.level == 2).collect();
    if questions.is_empty() {
        return None;
    }
    let starts: Vec<Option<usize>> = questions
        .iter()
        .map(|q| html.find(&format!("<h2 id=\"{}\">", crate::text::escape_html(&q.id))))
        .collect();
    let mut entities = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let Some(start) = starts[i] else { continue };
        let body_start = html[start..].find("</h2>").map_or(start, |e| start + e + 5);
        let end = starts[i + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(html.len());
        let answer = html_to_text(&html[body_start..end.max(body_start)]);
        entities.push(serde_json::json!({
            "@type": "Question",
            "name": q.title,
            "acceptedAnswer": { "@type": "Answer", "text": answer },
        }));
    }
    let doc = serde_json::json!({ "@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities });
    Some(crate::text::json_in_html(&doc))
}
