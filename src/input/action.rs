//! Everything a user can ask for. Keys map to these through the keymap table.

/// A user command. `update` interprets it according to the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Open,
    Back,
    Search,
    NextMatch,
    PrevMatch,
    Matches,
    Concordance,
    Sort,
    Group,
    HideQuotes,
    FilterLanguage,
    FilterYear,
    FilterTheme,
    FilterSource,
    ClearFilters,
    SideBySide,
    PrevSource,
    NextSource,
    NextQuote,
    SourceDetails,
    Compare,
    Chart,
    CopyCitation,
    OpenUrl,
    Select,
    ExtendWord,
    ExtendSentence,
    ExtendLine,
    StartLater,
    Capture,
    Export,
    ToggleMouse,
    Reload,
    Suspend,
    Help,
    Quit,
}

impl Action {
    /// Every action with its name in the keymap file and its line in the help.
    pub const ALL: [(Action, &'static str, &'static str); 46] = [
        (Action::Down, "down", "move down / scroll down"),
        (Action::Up, "up", "move up / scroll up"),
        (Action::Top, "top", "jump to the first item"),
        (Action::Bottom, "bottom", "jump to the last item"),
        (Action::PageDown, "page_down", "page down"),
        (Action::PageUp, "page_up", "page up"),
        (Action::FocusNext, "focus_next", "focus the next pane / column"),
        (Action::FocusPrev, "focus_prev", "focus the previous pane / column"),
        (Action::FocusLeft, "focus_left", "focus the pane to the left"),
        (Action::FocusRight, "focus_right", "focus the pane to the right, then the one below it"),
        (Action::Open, "open", "open: event → its quotes, quote → source reader"),
        (Action::Back, "back", "go back one level / close / clear the search"),
        (Action::Search, "search", "search events, quotes and source texts (case and accents ignored)"),
        (Action::NextMatch, "next_match", "next search match"),
        (Action::PrevMatch, "prev_match", "previous search match"),
        (Action::Matches, "matches", "list the sources and events with search matches, with counts"),
        (Action::Concordance, "concordance", "concordance: every search hit on a line, in its context"),
        (Action::Sort, "sort", "concordance: sort by position, date or source"),
        (Action::Group, "group", "concordance: group the hits by source, with counts"),
        (
            Action::HideQuotes,
            "hide_quotes",
            "concordance: hide / show the hits in events’ quotes (each passage once, in its article)",
        ),
        (
            Action::FilterLanguage,
            "filter_language",
            "filter by language: events quoting a source in it (concordance: only its hits)",
        ),
        (Action::FilterYear, "filter_year", "filter by year"),
        (Action::FilterTheme, "filter_theme", "filter by themes"),
        (Action::FilterSource, "filter_source", "filter by sources: the events that quote them"),
        (Action::ClearFilters, "clear_filters", "clear the filters: year, themes, sources, language"),
        (Action::SideBySide, "side_by_side", "sources side by side for the selected event"),
        (
            Action::PrevSource,
            "prev_source",
            "previous source: in this column (side by side), as the only one (concordance)",
        ),
        (
            Action::NextSource,
            "next_source",
            "next source: in this column (side by side), as the only one (concordance)",
        ),
        (Action::NextQuote, "next_quote", "the selected event's next quote, from any pane (after the last, the first)"),
        (Action::SourceDetails, "source_details", "the source's details and notes in full, in a box"),
        (Action::Compare, "compare", "compare: facts the sources state differently, with their quotes"),
        (Action::Chart, "chart", "chart of the investment figures, per currency and source"),
        (Action::CopyCitation, "copy_citation", "copy the quote with its citation to the clipboard (OSC 52)"),
        (Action::OpenUrl, "open_url", "open the source's URL with the system's opener (browser)"),
        (
            Action::Select,
            "select",
            "start a selection at the quote or the top line (again: drop it; or click a word and drag)",
        ),
        (Action::ExtendWord, "extend_word", "extend the selection by a word"),
        (Action::ExtendSentence, "extend_sentence", "extend the selection to the end of the sentence"),
        (Action::ExtendLine, "extend_line", "extend the selection to the end of the line as wrapped on screen"),
        (Action::StartLater, "start_later", "start the selection a word later (one word: move it to the next)"),
        (
            Action::Capture,
            "capture",
            "capture the selection as a draft event in drafts.toml beside the dataset, and copy it",
        ),
        (Action::Export, "export", "export the timeline as filtered (filters, search) to a file: tab picks the format"),
        (Action::ToggleMouse, "toggle_mouse", "mouse capture on/off (off lets you select text)"),
        (Action::Reload, "reload", "reload the dataset file now (it also reloads by itself on save)"),
        (Action::Suspend, "suspend", "suspend annals to the shell (fg brings it back)"),
        (Action::Help, "help", "show / hide this help"),
        (Action::Quit, "quit", "quit (ctrl-c always quits)"),
    ];

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().find(|(_, n, _)| *n == name).map(|(a, _, _)| *a)
    }

    pub fn name(self) -> &'static str {
        Action::ALL.iter().find(|(a, _, _)| *a == self).map_or("", |(_, n, _)| n)
    }

    pub fn description(self) -> &'static str {
        Action::ALL.iter().find(|(a, _, _)| *a == self).map_or("", |(_, _, d)| d)
    }
}
