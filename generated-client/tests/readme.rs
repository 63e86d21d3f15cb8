//! The Rust examples of the README and of `docs/` are excerpts of
//! `examples/` or `tests/`, or of `xtask/tests/` (which writes code into
//! generated crates and builds it), all of which `cargo test` compiles; this
//! keeps the excerpts from drifting away from them.

use std::path::{Path, PathBuf};

/// Lines without indentation and blank lines: an excerpt may be dedented.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The `.rs` files under `folder`, in its subfolders too (fixtures of a
/// test may sit in a folder of their own).
fn rust_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `README.md` and every `docs/*.md`, as (name, text).
fn documents(root: &Path) -> Vec<(String, String)> {
    let mut paths = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(root).unwrap().display().to_string();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// The Rust blocks of a Markdown text: what follows each ```` ```rust ````
/// fence (indented or not) up to the next fence.
fn rust_blocks(markdown: &str) -> Vec<&str> {
    markdown
        .split("```rust\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect()
}

#[test]
fn rust_blocks_of_the_readme_and_docs_are_excerpts_of_compiled_code() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_dir.parent().unwrap();
    let mut sources = Vec::new();
    for folder in ["examples", "tests", "../xtask/tests"] {
        rust_files(&crate_dir.join(folder), &mut sources);
    }
    let sources: Vec<(String, String)> = sources
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            (path.display().to_string(), text)
        })
        .collect();

    let documents = documents(root);
    assert!(
        documents.iter().any(|(name, _)| name.starts_with("docs")),
        "docs/ holds no document"
    );
    let mut checked = 0;
    for (name, text) in &documents {
        let blocks = rust_blocks(text);
        if name == "README.md" {
            assert!(!blocks.is_empty(), "the README shows no Rust example");
        }
        for block in blocks {
            let excerpt = code_lines(block);
            assert!(!excerpt.is_empty(), "{name} has an empty Rust block");
            let found = sources.iter().any(|(_, text)| {
                code_lines(text)
                    .windows(excerpt.len())
                    .any(|window| window == excerpt.as_slice())
            });
            assert!(
                found,
                "this Rust block of {name} is in none of {:?}:\n{block}",
                sources.iter().map(|(p, _)| p).collect::<Vec<_>>()
            );
            checked += 1;
        }
    }
    // The README's example and the client guide's: a parser that found
    // fewer would check nothing.
    assert!(checked >= 10, "only {checked} Rust blocks found");
}

#[test]
fn a_block_that_drifts_is_caught() {
    let markdown = "text\n\n```rust\nlet a = 1;\n```\n\n  ```rust\n  let b = 2;\n  ```\n";
    let blocks = rust_blocks(markdown);
    assert_eq!(blocks.len(), 2);
    assert_eq!(code_lines(blocks[1]), ["let b = 2;"]);
    let source = "fn f() {\n    let a = 1;\n}\n";
    let found = |block: &str| {
        let excerpt = code_lines(block);
        code_lines(source)
            .windows(excerpt.len())
            .any(|window| window == excerpt.as_slice())
    };
    assert!(found(blocks[0]));
    assert!(!found("let a = 2;\n"));
}
