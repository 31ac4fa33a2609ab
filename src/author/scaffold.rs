//! `annals new DIR`: a story folder with a commented `story.toml`, an `articles/` folder and
//! a README of the workflow. Nothing that exists is written over: the folder must be new or
//! empty, and each file is created as a new file.

use std::path::{Path, PathBuf};

use super::{Error, shown};
use crate::write::{Replace, write_file};

/// The files and folders made, in the order they were made.
pub fn new_story(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(Error::input(dir, "is a symbolic link; annals new makes a folder of its own"));
        }
        Ok(m) if !m.is_dir() => return Err(Error::input(dir, "exists and is not a folder")),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir).map_err(|e| Error::input(dir, e))?;
            if let Some(entry) = entries.next() {
                let name = entry.map(|e| e.file_name().to_string_lossy().into_owned()).unwrap_or_default();
                return Err(Error::input(
                    dir,
                    format!("the folder is not empty (it holds {name}); annals new writes over nothing"),
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| Error::input(dir, e))?;
        }
        Err(e) => return Err(Error::input(dir, e)),
    }
    let title = title_of(dir);
    let story = dir.join("story.toml");
    let readme = dir.join("README.md");
    let articles = dir.join("articles");
    write_file(&story, Replace::Never, |out| out.write_all(story_toml(&title).as_bytes()))?;
    write_file(&readme, Replace::Never, |out| out.write_all(README.replace("{title}", &title).as_bytes()))?;
    std::fs::create_dir(&articles).map_err(|e| Error::input(&articles, e))?;
    Ok(vec![story, readme, articles])
}

/// The story's title: the folder's name (the user edits it).
fn title_of(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = absolute.file_name().map_or_else(|| shown(dir), |n| n.to_string_lossy().into_owned());
    let name = crate::text::sanitize::one_line(&name).into_owned();
    if name.trim().is_empty() { "My story".to_string() } else { name }
}

/// The commented `story.toml`. It loads as it is (a story with no records yet).
pub fn story_toml(title: &str) -> String {
    let quoted = toml_edit::Value::from(title).to_string();
    STORY.replace("\"{title}\"", quoted.trim())
}

const STORY: &str = r#"# An annals dataset: a story told by dated events, each backed by quotes from its sources.
# The format is described in docs/dataset-format.md in annals' repository.
#   annals --check story.toml     lists every problem (with line and column)
#   annals story.toml             opens the story

[dataset]
title = "{title}"
description = "What this timeline is about, in a sentence or two."

# Themes group events: every event names at least one.
#
# [[theme]]
# id = "investment"
# label = "Investment"
# description = "Money committed to the business."

# Eras name spans of time, shown on the timeline.
#
# [[era]]
# id = "early-years"
# label = "Early years"
# start = "2009"
# end = "2012"

# Sources are the articles the story rests on. `annals add-source page.html --into story.toml`
# saves an article's text in articles/ and appends its record here, like this one, with only
# what the page itself says (its title, byline, publication date, site, address, language).
#
# [[source]]
# id = "fr-2015-aliyun-amazon"
# title = "Cloud : Alibaba passe à l'offensive contre Amazon"
# publisher = "Techfu"
# authors = ["Dupont, Marie"]
# language = "fr"
# date = "2015-07-29"
# url = "https://example.com/cloud-alibaba"
# text_file = "articles/fr-2015-aliyun-amazon.txt"

# Events are dated, titled, and quote their sources word for word: a quote must occur in the
# source's text. In the reader, `v` selects a passage and `c` captures it as a draft event in
# drafts.toml; fill in its date and title, then remove `draft = true`.
#
# [[event]]
# id = "aliyun-1b-2015"
# date = "2015-07-29"            # "2015", "2015-07" or "2015-07-29"; "~2015" about, "2015?" a guess
# title = "Alibaba puts $1B more into Aliyun"
# summary = "What happened, in a sentence or two."
# themes = ["investment"]
# draft = true                   # while the date, title or summary is still to be written
#
# [[event.quote]]
# source = "fr-2015-aliyun-amazon"
# text = "un milliard de dollars"
"#;

const README: &str = r#"# {title}

A story for annals, the terminal timeline explorer: `story.toml` holds the events and their
sources, `articles/` the text of each source.

## Workflow

1. Save each article you use as a web page (`.html`) or copy its text into a `.txt` or `.md`
   file, then add it as a source:

       annals add-source ~/Downloads/article.html --into story.toml

   Its text goes to `articles/<id>.txt` and a `[[source]]` record with what the page says
   (title, byline, date, site, address, language) is appended to `story.toml`. Check what it
   printed: a missing language or date is yours to fill in.

2. Open the story and read its sources: `annals story.toml`, then `s` shows two sources side
   by side (`[` and `]` change the source of the focused column, `tab` the focus, `Enter`
   reads it full width). Press `v` to start a selection, `w`, `)` or `e` to extend it by a
   word, a sentence or a line, and `c` to capture it: a draft event quoting the passage
   exactly is added to `drafts.toml`. Once events quote a source, `Enter` on an event, then
   on one of its quotes, opens the source at that quote.

3. Edit the drafts in your editor: a date (`"2015"`, `"2015-07"`, `"2015-07-29"`), a title, a
   summary, themes; remove `draft = true` once the event is complete.

4. Check it: `annals --check story.toml` lists every problem with its line and column, and
   warns about drafts still incomplete (`--check --strict` fails on them).

5. Open it: `annals story.toml`.

annals writes to these files only when you ask it to (`add-source --into`, a capture), and
never writes over a file that changed since it read it.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_quoted_as_toml() {
        let text = story_toml("Le \"cloud\" d'Alibaba");
        let parsed: toml::Table = toml::from_str(&text).expect("the story parses");
        assert_eq!(parsed["dataset"]["title"].as_str(), Some("Le \"cloud\" d'Alibaba"));
    }
}
