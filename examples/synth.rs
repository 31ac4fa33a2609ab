//! Writes a synthetic, valid annals dataset to stdout, for benchmarks and load tests.
//!
//! ```sh
//! cargo run --release --example synth -- --events 100000 [--seed 7] > big.toml
//! annals --check big.toml
//! ```
//!
//! The shape follows real datasets: dates of every precision over 75 years (some `~` and
//! `?`, a few with an `end`), French text with accents and typographic punctuation, some
//! English and Chinese, 2–3 themes per event, 3 quotes per event copied verbatim from the
//! sources (white space sometimes written differently, as the loader allows), one source of
//! about 3 KB per 10 events (interleaved with the events, so some quotes name a source that
//! comes later in the file), figures, eras and a few facts. Some source texts hold a line
//! starting with `[[event]]` inside their multi-line string, which is not a table header.
//! The same seed always gives the same bytes. No external crate: splitmix64 is enough here.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};

/// splitmix64: tiny, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const FR_WORDS: &[&str] = &[
    "économie",
    "données",
    "réseau",
    "développement",
    "stratégie",
    "société",
    "marché",
    "élevé",
    "déjà",
    "être",
    "à",
    "où",
    "gouvernement",
    "énergie",
    "sécurité",
    "infrastructure",
    "numérique",
    "région",
    "première",
    "année",
    "croissance",
    "entreprise",
    "Pékin",
    "Hangzhou",
    "Zhangbei",
    "étranger",
    "concurrence",
    "fiabilité",
    "qualité",
    "équipe",
    "ingénieurs",
    "décision",
    "intérêt",
    "légère",
    "hausse",
    "baisse",
    "centre",
    "serveurs",
    "clients",
    "européens",
    "américain",
    "chinois",
    "le",
    "la",
    "les",
    "des",
    "du",
    "un",
    "une",
    "et",
    "pour",
    "dans",
    "avec",
    "sur",
    "selon",
    "après",
    "très",
    "plus",
    "moins",
    "groupe",
    "filiale",
    "annonce",
    "prévoit",
    "investir",
    "ouvrir",
    "déployer",
    "nuage",
    "l’offensive",
    "d’affaires",
    "qu’il",
    "chiffre",
    "trimestre",
    "résultats",
    "accord",
    "partenaires",
    "Europe",
    "Asie",
    "Amazon",
    "Alibaba",
    "Aliyun",
    "Microsoft",
    "Tencent",
    "Huawei",
    "régulateur",
    "contrôle",
    "confiance",
    "souveraineté",
    "hébergement",
    "Jeux",
    "olympiques",
    "capacité",
    "mégawatts",
    "électricité",
    "vent",
    "solaire",
    "refroidissement",
    "efficacité",
    "coûts",
    "prix",
    "réduction",
    "façon",
    "garçon",
    "naïf",
    "Noël",
    "cœur",
    "œuvre",
    "Œil",
    "ça",
    "déçu",
    "reçu",
    "français",
    "forêt",
    "île",
    "âge",
    "hôtel",
];

const EN_WORDS: &[&str] = &[
    "the",
    "cloud",
    "company",
    "data",
    "centers",
    "revenue",
    "growth",
    "market",
    "share",
    "customers",
    "announced",
    "plans",
    "to",
    "invest",
    "billion",
    "in",
    "new",
    "regions",
    "abroad",
    "China",
    "Europe",
    "said",
    "on",
    "Monday",
    "its",
    "largest",
    "rival",
    "Amazon",
    "Web",
    "Services",
    "Microsoft",
    "Azure",
    "quarter",
    "results",
    "partners",
    "fund",
    "engineers",
    "servers",
    "capacity",
    "power",
    "wind",
    "solar",
    "security",
    "trust",
    "regulators",
    "sovereignty",
    "hosting",
    "Olympic",
    "Games",
    "ranking",
    "third",
];

const ZH_WORDS: &[&str] = &[
    "阿里云",
    "云计算",
    "数据中心",
    "市场",
    "投资",
    "国际",
    "发展",
    "公司",
    "技术",
    "服务",
    "客户",
    "增长",
    "亿元",
    "张北",
    "杭州",
    "北京",
    "第一",
    "全球",
    "合作",
    "伙伴",
    "安全",
    "能源",
    "风电",
    "宣布",
];

const PLACES: &[&str] =
    &["Zhangbei", "Hangzhou", "Pékin", "Francfort", "Paris", "Singapour", "Dubaï", "Phuket", "Séoul", "Québec"];

const THEMES: &[(&str, &str, &str, &str)] = &[
    ("investment", "Investissement", "Argent engagé dans le nuage.", "yellow"),
    ("infrastructure", "Infrastructure", "Centres de données, serveurs, réseau.", "cyan"),
    ("competition", "Concurrence", "Face à Amazon, Microsoft et les autres.", "red"),
    ("revenue", "Chiffre d’affaires", "Revenus et parts de marché.", "green"),
    ("international", "International", "Hors de Chine : partenaires, régions, clients.", "blue"),
    ("strategy", "Stratégie", "Ce que disent les dirigeants.", "magenta"),
    ("geopolitics", "Géopolitique", "Méfiance, souveraineté, régulateurs.", "#d75f00"),
    ("energy", "Énergie", "Électricité, vent, solaire, refroidissement.", "#5f87af"),
    ("security", "Sécurité", "Pannes, attaques, confiance.", "#af5f87"),
    ("people", "Équipes", "Ingénieurs, recrutements, départs.", "#87af5f"),
    ("云计算", "云计算", "中文主题：云计算市场。", "white"),
    ("olympics", "Jeux olympiques", "Hébergement des données des Jeux.", "#ffaf00"),
];

const FIRST_YEAR: usize = 1950;
const LAST_YEAR: usize = 2024;

/// One source: its id, language and text, kept as tokens so that quotes can be cut from it.
struct Source {
    id: String,
    language: &'static str,
    /// Each token with the separator written after it ("" for the last).
    tokens: Vec<(String, &'static str)>,
}

impl Source {
    fn text(&self) -> String {
        let mut text = String::with_capacity(3200);
        for (token, sep) in &self.tokens {
            text.push_str(token);
            text.push_str(sep);
        }
        text
    }

    /// A passage of 5 to 14 tokens, verbatim or with its white space written as plain spaces.
    fn quote(&self, rng: &mut Rng) -> String {
        let len = rng.range(5, 14).min(self.tokens.len());
        let start = rng.below(self.tokens.len() - len + 1);
        let verbatim = rng.chance(50);
        let mut quote = String::new();
        for (i, (token, sep)) in self.tokens[start..start + len].iter().enumerate() {
            quote.push_str(token);
            if i + 1 < len {
                let blank = !sep.is_empty() && sep.chars().all(char::is_whitespace);
                quote.push_str(if verbatim || !blank { sep } else { " " });
            }
        }
        quote
    }

    /// A passage that ends with a number token, for figures and claims.
    fn number_quote(&self, rng: &mut Rng) -> Option<(String, f64)> {
        let numbers: Vec<usize> =
            (3..self.tokens.len()).filter(|&i| self.tokens[i].0.starts_with(|c: char| c.is_ascii_digit())).collect();
        if numbers.is_empty() {
            return None;
        }
        let at = numbers[rng.below(numbers.len())];
        let start = at - rng.range(2, 3);
        let mut quote = String::new();
        for (token, sep) in &self.tokens[start..at] {
            quote.push_str(token);
            quote.push_str(if sep.chars().all(char::is_whitespace) && !sep.is_empty() { " " } else { sep });
        }
        let number = &self.tokens[at].0;
        quote.push_str(number);
        let value: f64 = number.trim_end_matches(['.', '。']).replace(',', ".").parse().unwrap_or(1.0);
        Some((quote, value))
    }
}

fn make_source(rng: &mut Rng, index: usize) -> Source {
    let language = match rng.below(10) {
        0 => "zh",
        1 | 2 => "en",
        _ => "fr",
    };
    let mut tokens: Vec<(String, &'static str)> = Vec::with_capacity(500);
    let mut bytes = 0;
    let mut column = 0;
    let target = rng.range(2700, 3300);
    let with_header_line = index % 50 == 7;
    while bytes < target {
        let sentence_len = rng.range(8, 22);
        for w in 0..sentence_len {
            let mut token = match language {
                "zh" if rng.chance(80) => {
                    let mut t = String::new();
                    for _ in 0..rng.range(2, 5) {
                        t.push_str(rng.pick(ZH_WORDS));
                    }
                    t
                }
                "en" => rng.pick(EN_WORDS).to_string(),
                _ => rng.pick(FR_WORDS).to_string(),
            };
            if rng.chance(4) {
                // A number such as "1,82", for figures and claims.
                token = format!("{},{:02}", rng.range(1, 999), rng.below(100));
            }
            if w == 0 {
                let mut chars = token.chars();
                if let Some(first) = chars.next() {
                    token = first.to_uppercase().chain(chars).collect();
                }
            }
            if w + 1 == sentence_len {
                token.push(if language == "zh" { '。' } else { '.' });
            } else if rng.chance(5) && language == "fr" {
                // French typography: a no-break space before the colon.
                tokens.push((token.clone(), "\u{a0}"));
                bytes += token.len() + 2;
                token = ":".to_string();
            } else if rng.chance(3) {
                token = format!("« {token} »");
            }
            column += token.chars().count() + 1;
            bytes += token.len() + 1;
            let sep = if column > 76 {
                column = 0;
                "\n"
            } else if language == "zh" && rng.chance(70) {
                ""
            } else if rng.chance(2) {
                "  "
            } else {
                " "
            };
            tokens.push((token, sep));
        }
        if rng.chance(25) {
            if let Some(last) = tokens.last_mut() {
                last.1 = "\n\n";
            }
            column = 0;
            if with_header_line {
                // Not a table header: it is inside the source's multi-line string.
                tokens.push(("[[event]]".to_string(), " "));
                tokens.push(("est".to_string(), " "));
                tokens.push(("un".to_string(), " "));
                tokens.push(("en-tête.".to_string(), "\n"));
            }
        }
    }
    if let Some(last) = tokens.last_mut() {
        last.1 = "";
    }
    Source { id: format!("src-{index:06}"), language, tokens }
}

/// A TOML basic string, escaped.
fn basic(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A TOML multi-line basic string, escaped.
fn multiline(out: &mut String, text: &str) {
    out.push_str("\"\"\"\n");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push_str("\n\"\"\"");
}

fn days_in_month(year: usize, month: usize) -> usize {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date at a random precision and certainty, and its (year, month, day) for `end` dates.
fn date(rng: &mut Rng) -> (String, (usize, usize, usize)) {
    let year = rng.range(FIRST_YEAR, LAST_YEAR);
    let month = rng.range(1, 12);
    let day = rng.range(1, days_in_month(year, month));
    let body = match rng.below(10) {
        0..=1 => format!("{year}"),
        2..=4 => format!("{year}-{month:02}"),
        _ => format!("{year}-{month:02}-{day:02}"),
    };
    let text = match rng.below(20) {
        0 => format!("~{body}"),
        1 => format!("{body}?"),
        _ => body,
    };
    (text, (year, month, day))
}

fn sentence(rng: &mut Rng, words: usize, cjk: bool) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        if cjk && rng.chance(20) {
            s.push_str(rng.pick(ZH_WORDS));
        } else {
            s.push_str(rng.pick(FR_WORDS));
        }
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

fn write_event(out: &mut String, rng: &mut Rng, n: usize, sources: &[Source], near: usize) {
    let (date_text, (year, month, day)) = date(rng);
    out.push_str("[[event]]\n");
    let _ = writeln!(out, "id = \"evt-{n:07}\"");
    out.push_str("date = ");
    basic(out, &date_text);
    out.push('\n');
    if rng.chance(5) {
        let end_year = (year + rng.below(3)).min(LAST_YEAR + 2);
        let end = if end_year == year { format!("{year}-{month:02}-{day:02}") } else { format!("{end_year}") };
        let _ = writeln!(out, "end = \"{end}\"");
    }
    if date_text.starts_with('~') || date_text.ends_with('?') {
        out.push_str("date_note = ");
        basic(out, &format!("La source ne donne pas de date précise ; {}.", sentence(rng, 6, false)));
        out.push('\n');
    }
    let cjk = rng.chance(8);
    out.push_str("title = ");
    let words = rng.range(4, 8);
    let title = sentence(rng, words, cjk);
    basic(out, &format!("{title} à {}", rng.pick(PLACES)));
    out.push_str("\nsummary = ");
    let (first_words, second_words) = (rng.range(12, 20), rng.range(8, 14));
    let first = sentence(rng, first_words, cjk);
    let second = sentence(rng, second_words, false);
    basic(out, &format!("{first}. {second}."));
    out.push_str("\nthemes = [");
    let count = rng.range(2, 3);
    let first = rng.below(THEMES.len());
    for t in 0..count {
        if t > 0 {
            out.push_str(", ");
        }
        basic(out, THEMES[(first + t * 5) % THEMES.len()].0);
    }
    out.push_str("]\n");
    for q in 0..3 {
        // Mostly the nearby source; sometimes any source, possibly defined later in the file.
        let source = if q == 0 || rng.chance(60) { &sources[near] } else { &sources[rng.below(sources.len())] };
        out.push_str("\n[[event.quote]]\nsource = ");
        basic(out, &source.id);
        out.push_str("\ntext = ");
        basic(out, &source.quote(rng));
        out.push('\n');
    }
    if rng.chance(20) {
        let source = &sources[near];
        if let Some((quote, value)) = source.number_quote(rng) {
            out.push_str("\n[[event.figure]]\nlabel = ");
            basic(out, &format!("Montant ({})", sentence(rng, 2, false)));
            let _ = write!(out, "\nvalue = {value}\nunit = \"EUR\"\nsource = ");
            basic(out, &source.id);
            out.push_str("\nquote = ");
            basic(out, &quote);
            if rng.chance(30) {
                let _ = write!(out, "\nconverted_value = {}\nconverted_unit = \"USD\"", value * 1.1);
            }
            out.push('\n');
        }
    }
    out.push('\n');
}

fn write_source(out: &mut String, rng: &mut Rng, source: &Source) {
    out.push_str("[[source]]\nid = ");
    basic(out, &source.id);
    out.push_str("\ntitle = ");
    let words = rng.range(5, 10);
    basic(out, &sentence(rng, words, source.language == "zh"));
    if rng.chance(50) {
        out.push_str("\npublisher = ");
        basic(out, rng.pick(&["Le Monde informatique", "Techfu", "Les Échos", "财新", "The Register"]));
    }
    let _ = write!(out, "\nlanguage = \"{}\"\n", source.language);
    // A source whose date is missing or not exact says what its text prints (no warning).
    let mut note = Some("Le texte ne porte pas de date.");
    if rng.chance(80) {
        let (date_text, _) = date(rng);
        let _ = writeln!(out, "date = \"{date_text}\"");
        let exact = !date_text.starts_with(['~', '[']) && !date_text.ends_with('?');
        note = (!exact).then_some("Le texte ne donne qu'une date approximative.");
    }
    if let Some(note) = note {
        let _ = writeln!(out, "date_note = \"{note}\"");
    }
    out.push_str("text = ");
    multiline(out, &source.text());
    out.push_str("\n\n");
}

fn main() -> io::Result<()> {
    let mut events = 1000usize;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = |v: Option<String>| v.and_then(|v| v.replace('_', "").parse::<u64>().ok());
        match arg.as_str() {
            "--events" => events = value(args.next()).expect("--events N") as usize,
            "--seed" => seed = value(args.next()).expect("--seed S"),
            _ => {
                eprintln!("usage: synth --events N [--seed S]   (writes a dataset to stdout)");
                std::process::exit(2);
            }
        }
    }
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(1 << 20, stdout.lock());
    generate(events, seed, &mut w)?;
    w.flush()
}

/// Writes a dataset of `events` events (at least 1) for `seed`. The benches call this too.
pub fn generate(events: usize, seed: u64, w: &mut impl Write) -> io::Result<()> {
    let events = events.max(1);
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(1 << 16);

    let _ = writeln!(out, "# Synthetic dataset: {events} events, seed {seed}. Generated by examples/synth.rs.\n");
    out.push_str("[dataset]\ntitle = \"Synthèse : le nuage, 1950–2024\"\n");
    let _ = writeln!(
        out,
        "description = \"Jeu de données synthétique de {events} événements pour mesurer annals à grande échelle. 中文也有。\"\n"
    );
    for (id, label, description, color) in THEMES {
        out.push_str("[[theme]]\nid = ");
        basic(&mut out, id);
        out.push_str("\nlabel = ");
        basic(&mut out, label);
        out.push_str("\ndescription = ");
        basic(&mut out, description);
        let _ = write!(out, "\ncolor = \"{color}\"\n\n");
    }
    let eras = ["Les débuts", "Les grands systèmes", "Le réseau", "La toile", "Le nuage", "L’ère de l’IA"];
    let span = (LAST_YEAR - FIRST_YEAR + 1).div_ceil(eras.len());
    for (i, label) in eras.iter().enumerate() {
        let start = FIRST_YEAR + i * span;
        // Leave a year out between eras now and then: not every event has an era.
        let end = (start + span - 1 - usize::from(i % 2 == 1)).min(LAST_YEAR);
        let _ = write!(out, "[[era]]\nid = \"era-{i}\"\nlabel = ");
        basic(&mut out, label);
        let _ = write!(out, "\nstart = \"{start}\"\nend = \"{end}\"\ndescription = ");
        basic(&mut out, &sentence(&mut rng, 8, false));
        out.push_str("\n\n");
    }
    w.write_all(out.as_bytes())?;

    let source_count = events.div_ceil(10).max(1);
    let sources: Vec<Source> = (0..source_count).map(|i| make_source(&mut rng, i)).collect();
    let mut written_sources = 0;
    for n in 0..events {
        out.clear();
        let near = n / 10;
        // Each source comes a few events after the first event that quotes it.
        if n % 10 == 3 && written_sources < source_count {
            write_source(&mut out, &mut rng, &sources[written_sources]);
            written_sources += 1;
        }
        write_event(&mut out, &mut rng, n, &sources, near);
        w.write_all(out.as_bytes())?;
    }
    out.clear();
    while written_sources < source_count {
        write_source(&mut out, &mut rng, &sources[written_sources]);
        written_sources += 1;
    }
    let facts = (events / 20_000).max(2);
    for f in 0..facts {
        let kind = ["amount", "ranking", "share"][f % 3];
        let _ = write!(out, "[[fact]]\nid = \"fact-{f}\"\nlabel = ");
        basic(&mut out, &format!("Fait comparé : {}", sentence(&mut rng, 4, false)));
        let _ = write!(out, "\nkind = \"{kind}\"\nevent = \"evt-{:07}\"\n", rng.below(events));
        let mut claims = 0;
        let mut tries = 0;
        while claims < 2 + f % 2 && tries < 100 {
            tries += 1;
            let source = &sources[rng.below(source_count)];
            let Some((quote, value)) = source.number_quote(&mut rng) else { continue };
            out.push_str("\n[[fact.claim]]\nsource = ");
            basic(&mut out, &source.id);
            out.push_str("\nquote = ");
            basic(&mut out, &quote);
            match kind {
                "ranking" => {
                    let _ = write!(out, "\nrank = {}", claims + 1);
                }
                _ => {
                    let unit = if kind == "share" { "%" } else { "EUR" };
                    let _ = write!(out, "\nvalue = {value}\nunit = \"{unit}\"");
                }
            }
            if rng.chance(50) {
                out.push_str("\nscope = \"Chine\"");
            }
            if rng.chance(50) {
                let (as_of, _) = date(&mut rng);
                let _ = write!(out, "\nas_of = \"{as_of}\"");
            }
            out.push('\n');
            claims += 1;
        }
        out.push('\n');
    }
    w.write_all(out.as_bytes())
}
