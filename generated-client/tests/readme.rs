//! The README's Rust examples are excerpts of `examples/` or `tests/`, or of
//! `xtask/tests/` (which writes code into generated crates and builds it),
//! all of which `cargo test` compiles; this keeps the excerpts from drifting
//! away from them.

use std::path::Path;

/// Lines without indentation and blank lines: an excerpt may be dedented.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn readme_rust_blocks_are_excerpts_of_compiled_code() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(crate_dir.join("../README.md")).unwrap();
    let examples: Vec<(String, String)> = ["examples", "tests", "../xtask/tests"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(crate_dir.join(folder)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.display().to_string(), text)
        })
        .collect();

    let blocks: Vec<&str> = readme
        .split("```rust\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    assert!(!blocks.is_empty(), "the README shows no Rust example");
    for block in blocks {
        let excerpt = code_lines(block);
        assert!(!excerpt.is_empty(), "the README has an empty Rust block");
        let found = examples.iter().any(|(_, text)| {
            code_lines(text)
                .windows(excerpt.len())
                .any(|window| window == excerpt.as_slice())
        });
        assert!(
            found,
            "this README block is in none of {:?}:\n{block}",
            examples.iter().map(|(p, _)| p).collect::<Vec<_>>()
        );
    }
}
