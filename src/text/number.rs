//! Numbers as a reader scans them.

/// An amount in words a reader scans quickly: 1.82 billion, 28.26 billion, 5,000.
pub fn amount(value: f64) -> String {
    let trim = |s: String| {
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
    };
    let abs = value.abs();
    if abs >= 1e9 {
        format!("{} billion", trim(format!("{:.2}", value / 1e9)))
    } else if abs >= 1e6 {
        format!("{} million", trim(format!("{:.2}", value / 1e6)))
    } else if value.fract() == 0.0 {
        let digits = format!("{}", value.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if value < 0.0 { format!("-{out}") } else { out }
    } else {
        trim(format!("{value:.2}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_like_the_articles() {
        assert_eq!(amount(1e9), "1 billion");
        assert_eq!(amount(28.26e9), "28.26 billion");
        assert_eq!(amount(1.82e9), "1.82 billion");
        assert_eq!(amount(5000.0), "5,000");
        assert_eq!(amount(9.5), "9.5");
    }
}
