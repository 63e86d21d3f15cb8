//! The change report reads a crate's public API from the generator's
//! syntax trees, before they are laid out; it must read what the crate's
//! text says, or the report would differ from the crate users get.

use std::fs;
use std::path::{Path, PathBuf};

use generator::Settings;
use generator::report::CrateApi;
use generator::report::surface::Surface;

/// The specs the check runs on: the project's own, the golden ones and
/// xtask's, which between them have every kind of type, page streams,
/// several success bodies, forms and the ladder's steps.
fn specs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = vec![root.join("spec/beltic-identity.yaml")];
    for dir in ["generator/tests/specs", "xtask/tests/specs"] {
        let mut found: Vec<PathBuf> = fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
            .collect();
        found.sort();
        specs.extend(found);
    }
    specs
}

/// `surface` as text, without the trailing commas the layout adds to a
/// list it breaks over lines (`Option<\n    DateTime<Utc>,\n>`), which a
/// tree does not have.
fn shown(surface: &Surface) -> String {
    format!("{surface:#?}")
        .replace(" , >", " >")
        .replace(" ,)", ")")
}

#[test]
fn the_api_read_from_the_trees_is_the_api_of_the_text() {
    let mut checked = 0;
    for spec in specs() {
        let settings = Settings {
            public_api: true,
            ..Settings::new(&spec, "spec.yaml")
        };
        // Some of xtask's specs are refused on purpose.
        let Ok(generated) = generator::generate(&settings) else {
            continue;
        };
        let from_text = Surface::read(
            generated
                .files
                .iter()
                .filter(|(path, _)| path.extension().is_some_and(|e| e == "rs"))
                .map(|(_, text)| text),
        );
        assert!(
            !from_text.operations.is_empty(),
            "{}: nothing read",
            spec.display()
        );
        let from_trees = shown(&generated.api.expect("asked for").surface);
        let from_text = shown(&from_text);
        assert!(
            from_trees == from_text,
            "{}: the trees say\n{from_trees}\nthe text says\n{from_text}",
            spec.display()
        );
        // What the report makes of an earlier revision, without the files.
        let alone = CrateApi::generate(&spec, &settings).unwrap();
        assert_eq!(shown(&alone.surface), from_text, "{}", spec.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} specs generate");
}
