#[test]
fn probe() {
    let base = "[dataset]\ntitle = \"t\"\ndescription = \"d\"\n";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("bom", format!("\u{feff}{base}").into_bytes()),
        ("raw esc str", format!("[dataset]\ntitle = \"a\x1b]0;pwned\x07\"\ndescription = \"d\"\n").into_bytes()),
        ("raw esc comment", format!("# a\x1b]0;pwned\x07\n{base}").into_bytes()),
        ("raw esc key", format!("{base}a\x1b]0 = 1\n").into_bytes()),
        ("raw nul", format!("[dataset]\ntitle = \"a\0b\"\ndescription = \"d\"\n").into_bytes()),
        (
            "dup key raw c1",
            format!("[dataset]\ntitle = \"t\"\ndescription = \"d\"\n\"\u{9b}2J\" = 1\n\"\u{9b}2J\" = 2\n").into_bytes(),
        ),
        (
            "dup key raw esc",
            format!("[dataset]\ntitle = \"t\"\ndescription = \"d\"\n\"\x1b[2J\" = 1\n\"\x1b[2J\" = 2\n").into_bytes(),
        ),
        ("unknown key esc", format!("{base}\"\\u001b]0;pwned\\u0007\" = 1\n").into_bytes()),
        ("unknown key nl", format!("{base}\"a\\nb\" = 1\n").into_bytes()),
        ("huge int", format!("{base}x = 99999999999999999999999\n").into_bytes()),
        ("crlf", base.replace('\n', "\r\n").into_bytes()),
        ("lone cr", base.replace('\n', "\r").into_bytes()),
        ("deep arrays", format!("{base}x = {}{}\n", "[".repeat(10000), "]".repeat(10000)).into_bytes()),
        ("deep inline", format!("{base}x = {}1{}\n", "{a=".repeat(10000), "}".repeat(10000)).into_bytes()),
        ("deep header", format!("{base}[{}]\n", vec!["a"; 10000].join(".")).into_bytes()),
        ("deep dotted", format!("{base}{} = 1\n", vec!["a"; 10000].join(".")).into_bytes()),
    ];
    for (name, bytes) in cases {
        let r = annals::load::load_bytes("p.toml", &bytes);
        match r {
            Ok(_) => eprintln!("{name}: OK"),
            Err(d) => eprintln!("{name}: {}", d.to_string().escape_debug()),
        }
    }
}
