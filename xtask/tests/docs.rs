//! The documents' commands and links. Every command `README.md` and
//! `docs/*.md` show (each line of a ```` ```sh ```` block, each `$ ` line of
//! a ```` ```text ```` block, and each inline `cargo …` span) names what
//! exists: `cargo xtask` subcommands and flags as the built binary's clap
//! definitions give them, packages, targets and features of the workspace,
//! and paths into the repository. Every relative link leads to a file, and
//! to one of its headings when it names one. (Their Rust blocks are checked
//! by `generated-client/tests/readme.rs`.)

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use xtask::project_root;

/// What the documents may name: the workspace's packages and the xtask
/// binary's commands.
struct Names {
    root: PathBuf,
    /// Each package's targets (`("test", "golden")`) and features.
    packages: BTreeMap<String, Package>,
    /// Each `cargo xtask` subcommand and its flags (`--spec`, `-h`).
    xtask: BTreeMap<String, BTreeSet<String>>,
}

#[derive(Default)]
struct Package {
    targets: BTreeSet<(String, String)>,
    features: BTreeSet<String>,
}

impl Names {
    fn new() -> Self {
        let root = project_root();
        Names {
            packages: packages(&root),
            xtask: xtask_commands(),
            root,
        }
    }
}

/// The workspace's packages, as `cargo metadata` lists them.
fn packages(root: &Path) -> BTreeMap<String, Package> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root)
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut packages = BTreeMap::new();
    for package in metadata["packages"].as_array().unwrap() {
        let mut known = Package::default();
        for target in package["targets"].as_array().unwrap() {
            let name = target["name"].as_str().unwrap().to_owned();
            for kind in target["kind"].as_array().unwrap() {
                known
                    .targets
                    .insert((kind.as_str().unwrap().to_owned(), name.clone()));
            }
        }
        known.features = package["features"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        packages.insert(package["name"].as_str().unwrap().to_owned(), known);
    }
    packages
}

/// `xtask --help` and each subcommand's `--help`, read back: the clap
/// definitions as the binary holds them.
fn xtask_commands() -> BTreeMap<String, BTreeSet<String>> {
    let help = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .output()
            .expect("run xtask");
        assert!(output.status.success(), "xtask {args:?} failed");
        String::from_utf8(output.stdout).unwrap()
    };
    let top = help(&["--help"]);
    let subcommands: Vec<String> = top
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(subcommands.contains(&"regen".to_owned()), "{top}");
    subcommands
        .into_iter()
        .map(|sub| {
            let flags = help(&[&sub, "--help"])
                .split_whitespace()
                .filter_map(|word| {
                    let flag = word.trim_end_matches(',');
                    let name = flag.trim_start_matches('-');
                    let is_flag = flag.starts_with('-')
                        && !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                    is_flag.then(|| flag.to_owned())
                })
                .collect();
            (sub, flags)
        })
        .collect()
}

/// A document as the checks see it.
#[derive(Default)]
struct Document {
    /// Shell text shown in blocks and `$ ` lines.
    scripts: Vec<String>,
    /// Inline code spans (only the `cargo` commands among them are checked).
    spans: Vec<String>,
    links: Vec<String>,
    /// The anchors of its headings, as GitHub makes them.
    anchors: BTreeSet<String>,
}

fn read_document(markdown: &str) -> Document {
    let mut document = Document::default();
    let mut block: Option<(String, String)> = None;
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((info, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                let (info, text) = block.take().unwrap();
                match info.split_whitespace().next() {
                    Some("sh" | "bash" | "shell") => document.scripts.push(text),
                    Some("text" | "console") => document.scripts.extend(
                        text.lines()
                            .filter_map(|line| line.strip_prefix("$ "))
                            .map(str::to_owned),
                    ),
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let Some((_, code)) = &mut block {
                    code.push_str(&text);
                } else if let Some(heading) = &mut heading {
                    heading.push_str(&text);
                }
            }
            Event::Code(code) => match &mut heading {
                Some(heading) => heading.push_str(&code),
                None => document.spans.push(code.to_string()),
            },
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let base = anchor(&heading.take().unwrap());
                let mut unique = base.clone();
                let mut n = 0;
                while !document.anchors.insert(unique.clone()) {
                    n += 1;
                    unique = format!("{base}-{n}");
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                document.links.push(dest_url.to_string());
            }
            _ => {}
        }
    }
    document
}

/// A heading's anchor as GitHub makes it: lower case, punctuation dropped,
/// each space a hyphen.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The simple commands of a shell text, each with whether it ends its line
/// or subshell (after which a `cd` no longer applies). Quotes, `$( … )`
/// and comments are kept whole; `|`, `&`, `;`, `(`, `)` and line ends part
/// commands; a backslash before a line end joins the lines.
fn simple_commands(script: &str) -> Vec<(String, bool)> {
    let mut commands = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut nested = 0;
    let mut chars = script.chars().peekable();
    let mut end = |current: &mut String, resets: bool| {
        commands.push((std::mem::take(current), resets));
    };
    while let Some(c) = chars.next() {
        if let Some(open) = quote {
            current.push(c);
            if c == '\\' && open == '"' {
                current.extend(chars.next());
            } else if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '\\' => match chars.next() {
                Some('\n') => current.push(' '),
                Some(next) => {
                    current.push('\\');
                    current.push(next);
                }
                None => {}
            },
            '\'' | '"' => {
                quote = Some(c);
                current.push(c);
            }
            '#' if current.is_empty() || current.ends_with(char::is_whitespace) => {
                while chars.next_if(|&next| next != '\n').is_some() {}
            }
            '$' if chars.peek() == Some(&'(') => {
                current.push('$');
                current.extend(chars.next());
                nested += 1;
            }
            '(' if nested > 0 => {
                nested += 1;
                current.push(c);
            }
            ')' if nested > 0 => {
                nested -= 1;
                current.push(c);
            }
            '\n' | ')' => end(&mut current, true),
            ';' | '|' | '&' | '(' => end(&mut current, false),
            _ => current.push(c),
        }
    }
    end(&mut current, true);
    commands.retain(|(command, resets)| *resets || !command.trim().is_empty());
    commands
}

/// Whether `word` sets a variable for the command (`NAME=value`).
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        name.chars().next().is_some_and(|c| !c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The cargo subcommands the documents may show.
const CARGO_SUBCOMMANDS: &[&str] = &[
    "bench", "build", "check", "clippy", "doc", "fetch", "fmt", "insta", "metadata", "run", "test",
    "tree", "update", "xtask",
];

/// The problems of one shell text, as shown in a document: `only_cargo`
/// for inline spans, where only `cargo` and `xtask` commands are checked.
fn check_script(names: &Names, script: &str, only_cargo: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mut cwd = names.root.clone();
    for (command, resets) in simple_commands(script) {
        let Some(words) = shlex::split(&command) else {
            // An inline span may be any code, not a command.
            if !only_cargo {
                problems.push(format!(
                    "cannot read the shell words of `{}`",
                    command.trim()
                ));
            }
            continue;
        };
        let mut words: &[String] = &words;
        loop {
            words = match words {
                [first, rest @ ..] if is_assignment(first) => rest,
                [keyword, rest @ ..] if ["do", "then", "else"].contains(&keyword.as_str()) => rest,
                [nice, n, _, rest @ ..] if nice == "nice" && n == "-n" => rest,
                [nice, rest @ ..] if nice == "nice" => rest,
                [timeout, _, rest @ ..] if timeout == "timeout" => rest,
                [time, f, _, rest @ ..] if time.ends_with("time") && f == "-f" => rest,
                [time, rest @ ..] if time == "time" || time == "/usr/bin/time" => rest,
                _ => break,
            };
        }
        let said = |problem: String| format!("`{}`: {problem}", command.trim());
        match words {
            [] => {}
            [keyword, ..] if ["for", "done", "fi", "export"].contains(&keyword.as_str()) => {}
            [cd, dir, ..] if cd == "cd" => cwd = lexical(&cwd.join(dir)),
            // Prose names the tool itself so.
            [cargo, xtask] if only_cargo && cargo == "cargo" && xtask == "xtask" => {}
            [cargo, args @ ..] if cargo == "cargo" => {
                problems.extend(check_cargo(names, &cwd, args).into_iter().map(said));
            }
            [program, args @ ..] if program.ends_with("/xtask") => {
                problems.extend(check_path(names, &cwd, program).map(said));
                problems.extend(check_xtask(names, &cwd, args).into_iter().map(said));
            }
            _ if only_cargo => {}
            words => {
                let checked = words
                    .iter()
                    .filter_map(|word| check_path(names, &cwd, word));
                problems.extend(checked.map(said));
            }
        }
        if resets {
            cwd = names.root.clone();
        }
    }
    problems
}

fn check_cargo(names: &Names, cwd: &Path, args: &[String]) -> Vec<String> {
    let Some(sub) = args.first() else {
        return vec!["`cargo` without a subcommand".to_owned()];
    };
    if !CARGO_SUBCOMMANDS.contains(&sub.as_str()) {
        return vec![format!(
            "`cargo {sub}` is not a cargo command the documents use"
        )];
    }
    if sub == "xtask" {
        return check_xtask(names, cwd, &args[1..]);
    }
    let mut problems = Vec::new();
    let mut package = None;
    let mut targets = Vec::new();
    let mut features = Vec::new();
    let mut words = args[1..].iter().take_while(|word| *word != "--");
    while let Some(word) = words.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((flag, value)) if flag.starts_with('-') => (flag, Some(value.to_owned())),
            _ => (word.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| words.next().cloned());
        match flag {
            "-p" | "--package" => package = value(),
            "--test" | "--bench" | "--example" | "--bin" => {
                if let Some(name) = value() {
                    targets.push((flag.trim_start_matches('-').to_owned(), name));
                }
            }
            "-F" | "--features" => features.extend(
                value()
                    .unwrap_or_default()
                    .split([',', ' '])
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned),
            ),
            "--manifest-path" => problems.extend(value().and_then(|p| check_path(names, cwd, &p))),
            _ if flag.starts_with("-p") && flag.len() > 2 => package = Some(flag[2..].to_owned()),
            _ => problems.extend(check_path(names, cwd, word)),
        }
    }
    // In a folder outside the workspace (a generated crate's), the
    // workspace's names do not apply; `cargo update -p` names a dependency.
    if !cwd.starts_with(&names.root) || sub == "update" {
        return problems;
    }
    let candidates: Vec<(&String, &Package)> = match &package {
        Some(name) => match names.packages.get_key_value(name) {
            Some(found) => vec![found],
            None => {
                problems.push(format!("no package `{name}` in the workspace"));
                return problems;
            }
        },
        None => names.packages.iter().collect(),
    };
    let of = || match &package {
        Some(name) => format!("package `{name}`"),
        None => "any package of the workspace".to_owned(),
    };
    for (kind, name) in targets {
        let target = (kind.clone(), name.clone());
        if !candidates.iter().any(|(_, p)| p.targets.contains(&target)) {
            problems.push(format!("no {kind} target `{name}` in {}", of()));
        }
    }
    for feature in features {
        if !candidates
            .iter()
            .any(|(_, p)| p.features.contains(&feature))
        {
            problems.push(format!("no feature `{feature}` in {}", of()));
        }
    }
    problems
}

fn check_xtask(names: &Names, cwd: &Path, args: &[String]) -> Vec<String> {
    let Some(sub) = args.first() else {
        return vec!["`xtask` without a subcommand".to_owned()];
    };
    let Some(flags) = names.xtask.get(sub) else {
        return vec![format!(
            "xtask has no subcommand `{sub}` (it has {:?})",
            names.xtask.keys().collect::<Vec<_>>()
        )];
    };
    let mut problems = Vec::new();
    for word in args[1..].iter().take_while(|word| *word != "--") {
        if word.starts_with('-') {
            let flag = word.split_once('=').map_or(word.as_str(), |(flag, _)| flag);
            if !flags.contains(flag) {
                problems.push(format!(
                    "`xtask {sub}` has no flag `{flag}` (it has {flags:?})"
                ));
            }
        } else {
            problems.extend(check_path(names, cwd, word));
        }
    }
    problems
}

/// A word that names a path in the repository (`generator/tests/golden/`,
/// `../../xtask/corpus/SHA256SUMS` from a folder of `target/`) must name
/// one that exists. Placeholders, patterns, absolute paths, URLs and what
/// lies in `target/` are not checked.
fn check_path(names: &Names, cwd: &Path, word: &str) -> Option<String> {
    let placeholder = |c: char| c.is_whitespace() || "$*?<>`{}[]'\"…".contains(c);
    if !word.contains('/')
        || word.starts_with(['/', '~', '-'])
        || word.contains("://")
        || word.chars().any(placeholder)
    {
        return None;
    }
    let path = lexical(&cwd.join(word));
    let inside = path.strip_prefix(&names.root).ok()?;
    if inside.starts_with("target") || path.exists() {
        return None;
    }
    Some(format!("`{word}` names nothing in the repository"))
}

/// `path` with `.` and `..` taken away without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The problems of a document's relative links, `at` being its path.
fn check_links(names: &Names, at: &Path, document: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    for link in &document.links {
        if link.contains("://") || link.starts_with("mailto:") {
            continue;
        }
        let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
        let target = if file.is_empty() {
            at.to_owned()
        } else {
            lexical(&at.parent().unwrap().join(file))
        };
        if !file.is_empty() && (!target.starts_with(&names.root) || !target.exists()) {
            problems.push(format!("link `{link}`: no file {}", target.display()));
            continue;
        }
        if fragment.is_empty() {
            continue;
        }
        if target.extension().is_none_or(|e| e != "md") {
            problems.push(format!("link `{link}`: only a Markdown file has headings"));
            continue;
        }
        let anchors = if file.is_empty() {
            document.anchors.clone()
        } else {
            read_document(&fs::read_to_string(&target).unwrap()).anchors
        };
        if !anchors.contains(fragment) {
            problems.push(format!(
                "link `{link}`: {} has no heading `#{fragment}`",
                target.display()
            ));
        }
    }
    problems
}

/// Every problem of the document at `at` (a path in the repository) whose
/// text is `markdown`.
fn check_document(names: &Names, at: &Path, markdown: &str) -> Vec<String> {
    let document = read_document(markdown);
    let mut problems = check_links(names, at, &document);
    // A fence left open turns the rest of the document into code, which
    // would hide its links and commands from these checks.
    let unclosed = Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .into_offset_iter()
        .any(|(event, range)| {
            matches!(
                event,
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
            ) && !markdown[range].trim_end().ends_with("```")
        });
    if unclosed {
        problems.push("a code block is not closed".to_owned());
    }
    for script in &document.scripts {
        problems.extend(check_script(names, script, false));
    }
    for span in &document.spans {
        problems.extend(check_script(names, span, true));
    }
    problems
}

/// `README.md` and every `docs/*.md`.
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs.insert(0, root.join("README.md"));
    docs
}

#[test]
fn commands_and_links_of_the_documents_name_what_exists() {
    let names = Names::new();
    let mut problems = Vec::new();
    let mut commands = 0;
    for path in documents(&names.root) {
        let markdown = fs::read_to_string(&path).unwrap();
        let document = read_document(&markdown);
        commands += document.scripts.len();
        let name = path
            .strip_prefix(&names.root)
            .unwrap()
            .display()
            .to_string();
        problems.extend(
            check_document(&names, &path, &markdown)
                .into_iter()
                .map(|problem| format!("{name}: {problem}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The set-up commands, the regen and test commands, the benches: a
    // parser that found fewer would check nothing.
    assert!(commands >= 20, "only {commands} command blocks found");
}

#[test]
fn a_command_or_link_that_drifts_is_caught() {
    let names = Names::new();
    let at = names.root.join("docs/example.md");
    let problems = |markdown: &str| check_document(&names, &at, markdown);
    let one = |markdown: &str, expected: &str| {
        let found = problems(markdown);
        assert!(
            found.len() == 1 && found[0].contains(expected),
            "{markdown}\ngave {found:?}, not one problem with {expected:?}"
        );
    };

    // What the documents show today passes.
    assert_eq!(
        problems(
            "```sh\n\
             cargo xtask regen --check   # a comment\n\
             nice -n 10 cargo test -p generator --test golden -- --nocapture\n\
             (cd target/corpus && sha256sum -c ../../xtask/corpus/SHA256SUMS)\n\
             BELTIC_API_KEY=k cargo xtask record --id ID \\\n    --name n --force\n\
             cargo run -p xtask --features record -- record\n\
             ```\n\
             [guide](client.md#page-streams), [readme](../README.md#set-up)\n"
        ),
        Vec::<String>::new()
    );
    one(
        "```sh\ncargo xtask regenerate\n```\n",
        "no subcommand `regenerate`",
    );
    one("```sh\ncargo xtask regen --chek\n```\n", "no flag `--chek`");
    one(
        "```sh\ntarget/release/xtask try-specs --all\n```\n",
        "no flag `--all`",
    );
    one(
        "```sh\ncargo test -p generator --test goldens\n```\n",
        "no test target `goldens`",
    );
    one(
        "```sh\ncargo bench -p beltic-identty\n```\n",
        "no package `beltic-identty`",
    );
    one(
        "```sh\ncargo run -p xtask --features recorder\n```\n",
        "no feature `recorder`",
    );
    one(
        "```sh\ngit diff generator/tests/gold/\n```\n",
        "`generator/tests/gold/` names nothing",
    );
    one("```text\n$ cargo tset\n```\n", "`cargo tset` is not");
    one(
        "Run `cargo test --test readmee`.\n",
        "no test target `readmee`",
    );
    one(
        "[guide](client.md#page-stream)\n",
        "has no heading `#page-stream`",
    );
    one("[guide](clients.md)\n", "no file");
    one(
        "# A heading\n\n[here](#a-headin)\n",
        "has no heading `#a-headin`",
    );
    one("```rust\nlet a = 1;\n\n[guide](clients.md)\n", "not closed");
    // Inline spans that are not cargo commands, placeholders and what lies
    // in target/ are not paths to check.
    assert_eq!(
        problems(
            "`src/runtime/tls.rs`, `cat $(find /tmp/x -name '*.rs') | wc -l`\n\n\
             ```sh\ncargo xtask regen --spec target/corpus/FILE --out DIR\n```\n"
        ),
        Vec::<String>::new()
    );
}
