//! How colours reach the terminal: the colour mode (none, 16, 256 or true colour) and the
//! light or dark theme. Widgets draw with one vocabulary of styles; `Palette::apply` adapts
//! the finished frame, so no widget needs to know the terminal's abilities.
//!
//! With no colour (`NO_COLOR`), every colour is dropped and only bold, reverse, underline and
//! italic remain: each highlight in `style` carries one of those, so nothing depends on colour.

use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    None,
    Ansi16,
    #[default]
    Ansi256,
    TrueColor,
}

impl ColorMode {
    /// From the environment: `NO_COLOR` (any non-empty value) turns colour off, `COLORTERM`
    /// of `truecolor` or `24bit` turns true colour on, a `TERM` with `256color` gives 256,
    /// anything else 16.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> ColorMode {
        if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return ColorMode::None;
        }
        if var("COLORTERM").is_some_and(|v| v == "truecolor" || v == "24bit") {
            return ColorMode::TrueColor;
        }
        if var("TERM").is_some_and(|v| v.contains("256color")) {
            return ColorMode::Ansi256;
        }
        ColorMode::Ansi16
    }
}

/// Dark or light terminal background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

impl Theme {
    pub fn parse(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::Dark),
            "light" => Some(Theme::Light),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Palette {
    pub mode: ColorMode,
    pub theme: Theme,
}

impl Palette {
    /// Adapts every cell of a drawn frame to the colour mode and theme.
    pub fn apply(&self, buffer: &mut Buffer) {
        if self.mode == ColorMode::TrueColor && self.theme == Theme::Dark {
            return;
        }
        for cell in buffer.content.iter_mut() {
            cell.fg = self.color(cell.fg);
            cell.bg = self.color(cell.bg);
        }
    }

    fn color(&self, color: Color) -> Color {
        let color = if self.theme == Theme::Light { for_light(color) } else { color };
        match (self.mode, color) {
            (_, Color::Reset) => Color::Reset,
            (ColorMode::None, _) => Color::Reset,
            (ColorMode::Ansi16, Color::Rgb(r, g, b)) => nearest_ansi16(r, g, b),
            (ColorMode::Ansi16, Color::Indexed(i)) => indexed_to_ansi16(i),
            (ColorMode::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(rgb_to_256(r, g, b)),
            (_, other) => other,
        }
    }
}

/// Light backgrounds need the darker variant of each bright colour.
fn for_light(color: Color) -> Color {
    match color {
        Color::LightCyan | Color::Cyan => Color::Blue,
        Color::LightYellow | Color::Yellow => Color::Rgb(0x8a, 0x5a, 0x00),
        Color::LightGreen => Color::Green,
        Color::LightMagenta => Color::Magenta,
        Color::LightBlue => Color::Blue,
        Color::LightRed => Color::Red,
        Color::Gray | Color::White => Color::Black,
        Color::DarkGray => Color::Gray,
        other => other,
    }
}

/// The 16 ANSI colours with typical RGB values, for nearest-colour matching.
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

fn nearest_ansi16(r: u8, g: u8, b: u8) -> Color {
    let distance = |(cr, cg, cb): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, cr) + d(g, cg) + d(b, cb)
    };
    ANSI16.iter().min_by_key(|(_, rgb)| distance(*rgb)).map_or(Color::Reset, |(c, _)| *c)
}

fn indexed_to_ansi16(i: u8) -> Color {
    match i {
        0..=15 => ANSI16[usize::from(i)].0,
        _ => {
            let (r, g, b) = index_to_rgb(i);
            nearest_ansi16(r, g, b)
        }
    }
}

/// The xterm 256-colour cube (16–231) and grey ramp (232–255).
fn index_to_rgb(i: u8) -> (u8, u8, u8) {
    if i >= 232 {
        let v = 8 + (i - 232) * 10;
        return (v, v, v);
    }
    let i = i.saturating_sub(16);
    let level = |n: u8| if n == 0 { 0 } else { 55 + n * 40 };
    (level(i / 36), level((i / 6) % 6), level(i % 6))
}

fn rgb_to_256(r: u8, g: u8, b: u8) -> u8 {
    let step = |v: u8| {
        if v < 48 {
            0
        } else if v < 115 {
            1
        } else {
            (v - 35) / 40
        }
    };
    16 + 36 * step(r) + 6 * step(g) + step(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn detects_the_colour_mode_from_the_environment() {
        assert_eq!(ColorMode::detect(env(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")])), ColorMode::None);
        assert_eq!(ColorMode::detect(env(&[("NO_COLOR", "")])), ColorMode::Ansi16, "an empty NO_COLOR is ignored");
        assert_eq!(ColorMode::detect(env(&[("COLORTERM", "24bit")])), ColorMode::TrueColor);
        assert_eq!(ColorMode::detect(env(&[("TERM", "xterm-256color")])), ColorMode::Ansi256);
        assert_eq!(ColorMode::detect(env(&[("TERM", "vt100")])), ColorMode::Ansi16);
    }

    #[test]
    fn rgb_degrades_to_the_nearest_colour() {
        assert_eq!(nearest_ansi16(0xff, 0x87, 0x00), Color::Yellow);
        assert_eq!(rgb_to_256(0xff, 0x87, 0x00), 208);
        assert_eq!(index_to_rgb(208), (255, 135, 0));
        assert_eq!(indexed_to_ansi16(196), Color::LightRed);
    }

    #[test]
    fn no_colour_drops_every_colour_and_keeps_modifiers() {
        use ratatui::layout::Rect;
        use ratatui::style::{Modifier, Style};
        let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 1));
        buffer.set_string(
            0,
            0,
            "abc",
            Style::new().fg(Color::Rgb(1, 2, 3)).bg(Color::Yellow).add_modifier(Modifier::REVERSED),
        );
        Palette { mode: ColorMode::None, theme: Theme::Dark }.apply(&mut buffer);
        let cell = &buffer[(1, 0)];
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        assert!(cell.modifier.contains(Modifier::REVERSED));
    }
}
