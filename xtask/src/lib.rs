//! What the project's commands, their tests and benches share: where the
//! project is. The commands themselves are the `xtask` binary's modules.

use std::path::{Path, PathBuf};

/// The spec `cargo xtask regen` and `record` read unless told otherwise,
/// relative to the project's root.
pub const DEFAULT_SPEC: &str = "spec/beltic-identity.yaml";

/// The project's root, where `Cargo.toml`, `spec/` and `generated-client/`
/// are: the folder above xtask's own. xtask always runs (and is tested)
/// from its own source tree, so its manifest's folder says where that is;
/// the generator's and the contract check's tests and benches find the
/// project through this too.
pub fn project_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the project");
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_holds_the_workspace_and_the_spec() {
        let root = project_root();
        assert!(root.join("Cargo.toml").is_file(), "{}", root.display());
        assert!(root.join(DEFAULT_SPEC).is_file(), "{}", root.display());
        assert!(root.join("xtask").is_dir(), "{}", root.display());
    }
}
