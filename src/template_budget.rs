//! Bounds on the work of rendering one page, so that a template mistake (loops inside loops)
//! ends the build in bounded time with an error naming the template, not a hang.
//!
//! tera 2 has no fuel or step limit, and a running render cannot be stopped from outside.
//! Two bounds cover what a template can loop over without end:
//! - every loop that writes something is stopped by the page writer, which refuses output
//!   past [`MAX_PAGE_BYTES`];
//! - a loop that writes nothing is bounded by its list: lists come from the site's own
//!   content (bounded by its size) or from `range`, which is replaced here by one that counts
//!   the numbers it makes for the page ([`MAX_RANGE_NUMBERS`]; tera only caps each call).
//!
//! A per-page deadline was rejected: a thread cannot be stopped, so `bantin serve` would keep
//! a core busy for hours after the error.
//! What remains unbounded: loops nested three or more deep over the site's own lists with
//! nothing written inside (10,000 items → 10^12 steps); see docs/reliability.md.

use crate::messages::Text;
use crate::t;
use std::cell::Cell;
use std::io::Write;

/// The largest page a template may write: 128 MiB (the largest real pages, a bulletin's print
/// edition with its items, are well under 10 MB).
pub const MAX_PAGE_BYTES: usize = 128 << 20;

/// The numbers `range` may make while rendering one page, all calls together.
pub const MAX_RANGE_NUMBERS: usize = 1_000_000;

/// tera's own bound for one call, kept.
const MAX_RANGE_LEN: usize = 100_000;

thread_local! {
    /// Rendering one page runs on one thread from start to end.
    static RANGE_LEFT: Cell<usize> = const { Cell::new(MAX_RANGE_NUMBERS) };
}

/// Gives the page about to be rendered on this thread its whole budget.
pub fn start_page() {
    RANGE_LEFT.with(|left| left.set(MAX_RANGE_NUMBERS));
}

/// Replaces tera's `range` with the counted one.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function("range", range);
}

/// tera's `range(start=0, end, step_by=1)`, counted against the page's budget.
fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(t!("build-range-step-zero")));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(t!("build-range-start-after-end")));
    }
    // Counted in floating point: no overflow, and exact far beyond the limits below.
    let span = (end as f64 - start as f64) / step as f64;
    let len = if span <= 0.0 { 0.0 } else { span.ceil() };
    if len > MAX_RANGE_LEN as f64 {
        let message = t!("build-range-too-long", count = len, max = MAX_RANGE_LEN);
        return Err(tera::Error::message(message));
    }
    let len = len as usize;
    let left = RANGE_LEFT.with(Cell::get);
    if len > left {
        let message = t!("build-range-page-budget", max = MAX_RANGE_NUMBERS);
        return Err(tera::Error::message(message));
    }
    RANGE_LEFT.with(|l| l.set(left - len));
    Ok((0..len as i128).map(|i| start + i * step).collect())
}

/// The bytes of one page, refused past [`MAX_PAGE_BYTES`].
#[derive(Default)]
pub struct PageWriter {
    pub bytes: Vec<u8>,
    /// The page went past the limit (tera keeps only the kind of a write error).
    pub too_large: bool,
}

impl PageWriter {
    pub fn new() -> Self {
        PageWriter {
            bytes: Vec::with_capacity(16 * 1024),
            too_large: false,
        }
    }

    /// The error of a page that went past the limit, in the words of an editor.
    pub fn too_large_message() -> Text {
        t!("build-page-too-large", megabytes = MAX_PAGE_BYTES >> 20)
    }
}

impl Write for PageWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE_BYTES {
            self.too_large = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> Result<String, String> {
        let mut tera = tera::Tera::new();
        register(&mut tera);
        tera.add_raw_template("t", template)
            .map_err(|e| e.to_string())?;
        start_page();
        let mut out = PageWriter::new();
        match tera.render_to("t", &tera::Context::new(), &mut out) {
            Ok(()) => Ok(String::from_utf8(out.bytes).unwrap_or_default()),
            Err(_) if out.too_large => Err("too large".into()),
            Err(e) => Err(crate::render::error_chain(&e)),
        }
    }

    #[test]
    fn range_counts_like_teras_and_refuses_nested_loops_past_the_page_budget() {
        assert_eq!(
            render("{% for i in range(end=5) %}{{ i }}{% endfor %}").as_deref(),
            Ok("01234")
        );
        assert_eq!(
            render("{% for i in range(start=10, end=0, step_by=-3) %}{{ i }},{% endfor %}")
                .as_deref(),
            Ok("10,7,4,1,")
        );
        assert_eq!(
            render("{% for i in range(end=0) %}x{% endfor %}").as_deref(),
            Ok("")
        );
        let nested = render(
            "{% for a in range(end=99999) %}{% for b in range(end=99999) %}{% endfor %}{% endfor %}",
        )
        .unwrap_err();
        assert!(nested.contains("for this page in all"), "{nested}");
        let long = render("{% for a in range(end=100001) %}{% endfor %}").unwrap_err();
        assert!(long.contains("at most 100000"), "{long}");
    }

    #[test]
    fn a_page_past_the_size_limit_is_refused() {
        // 900,000 writes of 200 bytes: 180 MB, past the 128 MiB limit.
        let line = "x".repeat(200);
        let big = render(&format!(
            "{{% for a in range(end=100000) %}}{{% for b in range(end=9) %}}{line}{{% endfor %}}{{% endfor %}}"
        ));
        assert!(
            matches!(&big, Err(e) if e == "too large"),
            "{:?}",
            big.map(|page| page.len())
        );
    }
}
