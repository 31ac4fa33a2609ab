//! Recognising text that is not UTF-8 but UTF-16 or UTF-32, to say so and how to convert it,
//! rather than naming a byte no one can make sense of.

/// Names a file's encoding when it is UTF-16 or UTF-32 rather than UTF-8, with how to convert
/// it; `None` for anything else.
///
/// A byte order mark says it for sure. Without one, the first bytes tell: TOML is mostly ASCII,
/// so UTF-16 text has a NUL in every other byte and UTF-32 three NULs in every four, where
/// UTF-8 text has none (TOML forbids NUL anywhere, so nothing valid is ever taken for them).
pub(crate) fn wide_text(bytes: &[u8]) -> Option<String> {
    // What follows a byte order mark must not be plain UTF-8 (then the mark is stray bytes).
    let wide_after = |mark: usize| {
        let rest = &bytes[mark..bytes.len().min(mark + 1024)];
        rest.contains(&0) || std::str::from_utf8(rest).is_err_and(|e| e.error_len().is_some())
    };
    let (encoding, iconv, bom) = if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        ("UTF-32, little-endian", "UTF-32", true)
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        ("UTF-32, big-endian", "UTF-32", true)
    } else if bytes.starts_with(&[0xFF, 0xFE]) && wide_after(2) {
        ("UTF-16, little-endian", "UTF-16", true)
    } else if bytes.starts_with(&[0xFE, 0xFF]) && wide_after(2) {
        ("UTF-16, big-endian", "UTF-16", true)
    } else {
        let guess = guess(bytes)?;
        (guess.0, guess.1, false)
    };
    let how = if bom { "with a byte order mark" } else { "judging by its first bytes" };
    Some(format!(
        "the file is {encoding} text ({how}), not UTF-8 (expected UTF-8 text; convert it first, \
         e.g. with: iconv -f {iconv} -t UTF-8 FILE > NEW-FILE)"
    ))
}

/// The encoding (for messages, and for iconv) that the NULs of the first bytes point to.
fn guess(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = &head[..head.len() / 4 * 4];
    if head.is_empty() || !head.contains(&0) {
        return None;
    }
    // NULs at each position modulo 4, out of `n` each.
    let n = head.len() / 4;
    let mut zeros = [0; 4];
    for (i, &b) in head.iter().enumerate() {
        zeros[i % 4] += usize::from(b == 0);
    }
    let all = |r: usize| zeros[r] == n;
    let most = |r: usize| zeros[r] * 4 >= n * 3;
    let few = |r: usize| zeros[r] * 4 <= n;
    if all(3) && most(2) && few(0) {
        return Some(("UTF-32, little-endian", "UTF-32LE"));
    }
    if all(0) && most(1) && few(3) {
        return Some(("UTF-32, big-endian", "UTF-32BE"));
    }
    let (even, odd) = (zeros[0] + zeros[2], zeros[1] + zeros[3]);
    if odd >= n && even * 8 <= 2 * n {
        return Some(("UTF-16, little-endian", "UTF-16LE"));
    }
    if even >= n && odd * 8 <= 2 * n {
        return Some(("UTF-16, big-endian", "UTF-16BE"));
    }
    None
}

/// The message for a control character found where TOML allows only white space and line
/// breaks (a file of nothing else would otherwise pass for empty).
pub(crate) fn stray_control(c: char) -> String {
    let name = match c {
        '\u{b}' => " (vertical tab)",
        '\u{c}' => " (form feed)",
        '\u{85}' => " (next line, NEL)",
        _ => "",
    };
    format!(
        "control character U+{:04X}{name}, which TOML does not allow here (expected spaces, tabs and line breaks \
         only; a dataset starts with a [dataset] table)",
        c as u32
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, unit: &str) -> Vec<u8> {
        match unit {
            "16le" => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            "16be" => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            "32le" => text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect(),
            _ => text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect(),
        }
    }

    #[test]
    fn utf16_and_utf32_are_named_with_or_without_a_byte_order_mark() {
        let text = "[dataset]\ntitle = \"Alibaba 阿里云 café\"\n";
        for (unit, name, plain) in [
            ("16le", "UTF-16, little-endian", "UTF-16LE"),
            ("16be", "UTF-16, big-endian", "UTF-16BE"),
            ("32le", "UTF-32, little-endian", "UTF-32LE"),
            ("32be", "UTF-32, big-endian", "UTF-32BE"),
        ] {
            let with_bom = wide_text(&encode(&format!("\u{feff}{text}"), unit)).unwrap_or_default();
            assert!(with_bom.starts_with(&format!("the file is {name} text (with a byte order mark)")), "{with_bom}");
            let iconv = if unit.starts_with("16") { "UTF-16" } else { "UTF-32" };
            assert!(with_bom.contains(&format!("iconv -f {iconv} -t UTF-8")), "{with_bom}");
            let without = wide_text(&encode(text, unit)).unwrap_or_default();
            assert!(without.starts_with(&format!("the file is {name} text (judging by")), "{unit}: {without}");
            assert!(without.contains(&format!("iconv -f {plain} -t UTF-8")), "{without}");
        }
    }

    #[test]
    fn utf8_and_other_bytes_are_not_taken_for_wide_text() {
        for bytes in [
            "[dataset]\ntitle = \"阿里云\"\n".as_bytes(),
            b"\xEF\xBB\xBF[dataset]\n",
            b"",
            b"\x00",
            b"[dataset]\x00\x00\x00\x00\x00\n",
            b"\xE9t\xE9",
            // Stray bytes before UTF-8 text.
            b"\xFE\xFF[dataset]",
            b"\xFF\xFE[dataset]\ntitle = \"caf\xC3\xA9\"",
        ] {
            assert_eq!(wide_text(bytes), None, "{bytes:?}");
        }
    }
}
