//! What the generator's benches share.

use std::path::{Path, PathBuf};

/// The project's root, where the generator's package sits.
pub fn project_root() -> PathBuf {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
    generator
        .parent()
        .expect("the generator sits in the project")
        .to_owned()
}
