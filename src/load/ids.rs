//! Record ids: reading a record's `id` and naming the record by it for messages, then
//! checking that ids are unique and looking references up, with a "did you mean" hint for
//! those that name no record.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::diagnostic::Collector;
#[cfg(test)]
use super::fields::did_you_mean;
use super::fields::{a, did_you_mean_counted};
use super::split::rank;

/// A record's id as read, before it is checked to be unique.
#[derive(Debug)]
pub(crate) struct IdAt {
    pub id: String,
    /// Where the id's value starts in the whole file, and its line.
    pub offset: usize,
    pub line: usize,
}

/// Reads a record's `id`, names the record for messages ("event \"x\"", or "event #3" when it
/// has no usable id) and checks that the id is well formed.
pub(crate) fn read_id(
    out: &mut Collector<'_>,
    kind: &str,
    table: &DeTable<'_>,
    span: Range<usize>,
    n: usize,
) -> (String, Option<IdAt>) {
    let fallback = || format!("{kind} #{n}");
    let Some(value) = table.get("id") else {
        out.error(span, format!("{}: missing required field \"id\" (expected a string)", fallback()));
        return (fallback(), None);
    };
    let DeValue::String(id) = value.get_ref() else {
        out.error(
            value.span(),
            format!(
                "{}: field \"id\" is {} (expected a string such as \"my-{kind}\")",
                fallback(),
                a(value.get_ref().type_str()),
            ),
        );
        return (fallback(), None);
    };
    if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        out.error(
            value.span(),
            format!(
                "{}: id \"{}\" is not valid (expected letters, digits, '-', '_' or '.')",
                fallback(),
                super::clip(id).escape_debug()
            ),
        );
        return (fallback(), None);
    }
    let clipped = super::clip(id);
    // Put together piece by piece: this runs for every record of a file.
    let mut context = String::with_capacity(kind.len() + clipped.len() + 3);
    for piece in [kind, " \"", &clipped, "\""] {
        context.push_str(piece);
    }
    let line = out.line_of(value.span().start);
    (context, Some(IdAt { id: id.to_string(), offset: out.global(value.span()).start, line }))
}

/// Ids of one kind of record: unique, and looked up by references.
pub(crate) struct Ids {
    kind: &'static str,
    /// Each id with its index (in order of first appearance), the line it is on and, for an
    /// included file, that file.
    seen: super::Map<String, (usize, usize, Option<std::sync::Arc<str>>)>,
    /// The included file whose ids are being inserted (`None`: the main file).
    pub file: Option<std::sync::Arc<str>>,
    /// "did you mean" hints already worked out, by the unknown name they are for.
    hints: std::sync::Mutex<HashMap<String, String>>,
    /// The ids in file order, and the "expected one of" list, once a hint needs them.
    in_order: std::sync::OnceLock<(Vec<String>, String)>,
    /// Steps spent comparing names with ids, to check that hints stay bounded.
    cells: std::sync::atomic::AtomicU64,
}

/// How many ids a "expected one of" hint lists at most.
const MAX_LISTED: usize = 20;

impl Ids {
    pub fn new(kind: &'static str) -> Self {
        Ids {
            kind,
            seen: super::Map::default(),
            file: None,
            hints: Default::default(),
            in_order: Default::default(),
            cells: Default::default(),
        }
    }

    /// Room for `n` more ids.
    pub fn reserve(&mut self, n: usize) {
        self.seen.reserve(n);
    }

    /// Records an id; a duplicate gets a diagnostic (in the whole-file collector `out`) and
    /// `false`.
    pub fn insert(&mut self, out: &mut Collector<'_>, at: IdAt) -> bool {
        let kind = self.kind;
        if let Some((_, line, file)) = self.seen.get(&at.id) {
            let id = super::clip(&at.id);
            let line = match (file, &self.file) {
                (first, now) if first == now => line.to_string(),
                (Some(first), _) => format!("{line} of {first}"),
                (None, _) => format!("{line} of the main file"),
            };
            out.set_rank(rank(kind));
            out.error(
                at.offset..at.offset,
                format!(
                    "{kind} \"{id}\": duplicate id (expected each {kind} id once; the first {kind} \"{id}\" is at line {line})"
                ),
            );
            return false;
        }
        let index = self.seen.len();
        self.seen.insert(at.id, (index, at.line, self.file.clone()));
        true
    }

    /// The index of the record with this id, if any.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.seen.get(name).map(|&(index, ..)| index)
    }

    /// The index of the record a reference names, or a diagnostic with the closest id.
    /// `at` is where the reference is written in the whole file. Past the problems a load
    /// lists, no hint is worked out: it would not be shown.
    pub fn resolve(&self, out: &mut Collector<'_>, context: &str, field: &str, name: &str, at: usize) -> Option<usize> {
        if let Some((index, ..)) = self.seen.get(name) {
            return Some(*index);
        }
        if out.is_full() {
            return None;
        }
        let mut hints = self.hints.lock().unwrap_or_else(|e| e.into_inner());
        let hint = hints.entry(name.to_string()).or_insert_with(|| self.hint(name));
        out.error(
            at..at,
            format!("{context}: {field} \"{}\" is not a known {} ({hint})", super::clip(name), self.kind),
        );
        None
    }

    /// Steps spent comparing unknown names with ids so far.
    #[cfg(test)]
    pub fn hint_cells(&self) -> u64 {
        self.cells.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn hint(&self, name: &str) -> String {
        let (in_order, listing) = self.in_order.get_or_init(|| {
            // In file order, so that of equally close ids the first is named, every time.
            let mut in_order: Vec<(&str, usize)> =
                self.seen.iter().map(|(id, &(index, ..))| (id.as_str(), index)).collect();
            in_order.sort_unstable_by_key(|&(_, index)| index);
            let mut known: Vec<&str> = in_order.iter().map(|&(id, _)| id).collect();
            // A list of thousands of ids helps nobody: the first few, and how many there are.
            let total = known.len();
            if total > MAX_LISTED {
                known.select_nth_unstable(MAX_LISTED);
                known.truncate(MAX_LISTED);
            }
            known.sort_unstable();
            let known: Vec<_> = known.into_iter().map(super::clip).collect();
            let mut listing = format!("expected one of: {}", known.join(", "));
            if total > MAX_LISTED {
                listing.push_str(&format!(", … ({total} {}s in all)", self.kind));
            }
            (in_order.into_iter().map(|(id, _)| id.to_string()).collect(), listing)
        });
        let mut cells = 0;
        let close = did_you_mean_counted(name, in_order.iter().map(String::as_str), &mut cells);
        self.cells.fetch_add(cells, std::sync::atomic::Ordering::Relaxed);
        if let Some(close) = close {
            return format!("did you mean \"{}\"?", super::clip(close));
        }
        if in_order.is_empty() {
            return format!("no [[{}]] is defined", self.kind);
        }
        listing.clone()
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Ids that differ in a few characters only, so that no cheap test tells them apart.
    fn similar_ids(n: usize) -> Ids {
        let mut ids = Ids::new("source");
        let mut out = Collector::new("");
        for i in 0..n {
            let id = format!("agency-report-{i:05}-on-the-cloud-region");
            assert!(ids.insert(&mut out, IdAt { id, offset: 0, line: 1 }));
        }
        ids
    }

    /// 300 distinct unknown references among 3,000 ids: every name compared with every id is
    /// 900,000 comparisons of 39-character strings (about 1.4 billion steps).
    #[test]
    fn hints_compare_each_name_with_a_bounded_set_of_ids() {
        let ids = similar_ids(3000);
        let mut out = Collector::new("");
        for j in 0..300 {
            let name = format!("agency-report-{:05}-on-the-cloud-regoin", 3 * j);
            assert_eq!(ids.resolve(&mut out, "event \"e\"", "source", &name, 0), None);
        }
        let found = out.into_found();
        assert_eq!(found.len(), 300);
        assert!(
            found[0].message.ends_with("(did you mean \"agency-report-00000-on-the-cloud-region\"?)"),
            "{}",
            found[0].message
        );
        let cells = ids.hint_cells();
        let every_pair = 300 * 3000 * 39 * 39;
        assert!(cells <= 300 * (crate::load::fields::HINT_COMPARISONS * 39 * 39) as u64, "{cells} steps");
        // Of ids that look as close, the closest is still found.
        let named = found.iter().filter(|f| f.message.contains("did you mean")).count();
        assert_eq!(named, 300);
        assert!(cells * 40 < every_pair, "{cells} steps, every pair is {every_pair}");
    }

    #[test]
    fn a_hint_is_worked_out_once_per_name_and_not_at_all_past_the_cap() {
        let ids = similar_ids(100);
        let mut out = Collector::new("");
        ids.resolve(&mut out, "event \"e\"", "source", "agency-report-00001-on-the-cloud-regoin", 0);
        let once = ids.hint_cells();
        assert!(once > 0);
        ids.resolve(&mut out, "event \"f\"", "source", "agency-report-00001-on-the-cloud-regoin", 0);
        assert_eq!(ids.hint_cells(), once, "the same name again: the hint is reused");
        while !out.is_full() {
            out.error(0..0, "a problem");
        }
        ids.resolve(&mut out, "event \"g\"", "source", "agency-report-00002-on-the-cloud-regoin", 0);
        assert_eq!(ids.hint_cells(), once, "past the cap no hint is worked out");
    }

    #[test]
    fn hints_are_those_of_the_plain_closest_match() {
        let ids: Vec<String> =
            ["alpha", "alpah", "beta", "gamma-ray", "x", "delta-long-name"].map(String::from).to_vec();
        for name in ["alpa", "alhpa", "bta", "gama-ray", "y", "delta-lnog-name", "zzzz", "", "gamma-ray-burst"] {
            let plain = ids
                .iter()
                .map(|c| (strsim::damerau_levenshtein(name, c), c.as_str()))
                .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| c);
            assert_eq!(did_you_mean(name, ids.iter().map(String::as_str)), plain, "{name:?}");
        }
    }
}
