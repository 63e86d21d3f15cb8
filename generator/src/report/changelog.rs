//! `CHANGELOG.md`: a file kept by hand in which regen writes the lists of
//! the version being prepared. Each version has a `## VERSION` heading;
//! text between it and the first `###` list is the maintainers' and is
//! kept; the `### Added`, `### Changed` and `### Removed` lists are the
//! change report's and are replaced on every run. Entries of other
//! versions are never touched.

use super::{Change, Class, Section};

/// What a new changelog starts with.
pub const HEADER: &str = "# Changelog\n\n\
The `###` lists of each version are written by `cargo xtask regen` from its change report,\n\
measured from the last revision of the spec with another version. Text between a version's\n\
heading and its first list is written by hand and kept.\n";

/// The changelog `existing` (or a new one) with the entry of `version`
/// listing `changes`. An entry is added only when there are changes; an
/// existing one has its lists replaced (and removed when there are none).
pub fn update(existing: Option<&str>, version: &str, changes: &[Change]) -> String {
    let text = existing.unwrap_or(HEADER);
    let heading = format!("## {version}");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|line| line.trim_end() == heading);
    let (before, notes, after) = match start {
        Some(start) => {
            let end = lines[start + 1..]
                .iter()
                .position(|line| line.starts_with("## "))
                .map_or(lines.len(), |offset| start + 1 + offset);
            let lists = lines[start + 1..end]
                .iter()
                .position(|line| line.starts_with("### "))
                .map_or(end, |offset| start + 1 + offset);
            (&lines[..start], &lines[start + 1..lists], &lines[end..])
        }
        None if changes.is_empty() => return text.to_owned(),
        None => {
            // Newest first: the new entry goes above every other.
            let first = lines
                .iter()
                .position(|line| line.starts_with("## "))
                .unwrap_or(lines.len());
            (&lines[..first], &[][..], &lines[first..])
        }
    };
    let mut out = String::new();
    for line in trim_blank_end(before) {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&heading);
    out.push('\n');
    let notes = trim_blank_end(notes);
    if !notes.is_empty() {
        for line in notes {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&lists(changes));
    if !after.is_empty() {
        out.push('\n');
        for line in after {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn trim_blank_end<'a>(lines: &'a [&'a str]) -> &'a [&'a str] {
    let end = lines
        .iter()
        .rposition(|line| !line.trim().is_empty())
        .map_or(0, |last| last + 1);
    &lines[..end]
}

/// The `###` lists of `changes`, each item one line naming the Rust item
/// and the spec's pointer.
fn lists(changes: &[Change]) -> String {
    let mut out = String::new();
    for (section, title) in [
        (Section::Added, "Added"),
        (Section::Changed, "Changed"),
        (Section::Removed, "Removed"),
    ] {
        let mut entries: Vec<&Change> = changes.iter().filter(|c| c.section == section).collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by(|a, b| (&a.item, a.class).cmp(&(&b.item, b.class)));
        out.push_str(&format!("\n### {title}\n\n"));
        for change in entries {
            let mark = match change.class {
                Class::Breaking => "**breaking** ",
                Class::Behaviour => "**behaviour** ",
                Class::Additive => "",
            };
            out.push_str(&format!("- {mark}{} `{}`", change.what, change.item));
            if let Some(detail) = &change.detail {
                out.push_str(&format!(": {detail}"));
            }
            if let Some(pointer) = &change.pointer {
                out.push_str(&format!(" (`{pointer}`)"));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(class: Class, section: Section, item: &str) -> Change {
        Change {
            class,
            section,
            what: "removed field",
            item: item.to_owned(),
            detail: None,
            pointer: Some("/components/schemas/A/properties/b".to_owned()),
        }
    }

    #[test]
    fn an_entry_is_added_on_top_then_replaced_not_repeated() {
        let old = format!("{HEADER}\n## 0.1.0\n\nThe first release.\n");
        let first = [change(Class::Breaking, Section::Removed, "types::A::b")];
        let once = update(Some(&old), "0.2.0", &first);
        assert!(once.find("## 0.2.0").unwrap() < once.find("## 0.1.0").unwrap());
        assert!(once.contains(
            "### Removed\n\n- **breaking** removed field `types::A::b` \
             (`/components/schemas/A/properties/b`)\n"
        ));
        assert!(once.contains("The first release."));

        // A hand-written note under the heading survives a re-run.
        let noted = once.replace("## 0.2.0\n", "## 0.2.0\n\nA note.\n");
        let second = [change(Class::Additive, Section::Added, "types::A::c")];
        let twice = update(Some(&noted), "0.2.0", &second);
        assert_eq!(twice.matches("## 0.2.0").count(), 1, "{twice}");
        assert!(twice.contains("A note."), "{twice}");
        assert!(!twice.contains("types::A::b"), "{twice}");
        assert!(
            twice.contains("### Added\n\n- removed field `types::A::c`"),
            "{twice}"
        );
        assert_eq!(update(Some(&twice), "0.2.0", &second), twice);
        assert!(twice.ends_with("The first release.\n"), "{twice}");
    }

    #[test]
    fn no_changes_and_no_entry_leaves_the_file_alone() {
        assert_eq!(update(None, "0.1.0", &[]), HEADER);
    }
}
