//! Whether an output folder is a member of the project's workspace, which
//! decides whether the crate generated there needs a workspace of its own.

use std::fs;
use std::path::Path;

/// Whether `relative` (a folder, relative to the project's root) is listed
/// in `members` of the root `Cargo.toml`. Read by hand rather than with a
/// TOML parser: the list is one line the project writes itself.
pub fn is_member(root: &Path, relative: &Path) -> bool {
    let Ok(manifest) = fs::read_to_string(root.join("Cargo.toml")) else {
        return false;
    };
    let relative = relative.to_string_lossy().replace('\\', "/");
    members(&manifest).iter().any(|member| *member == relative)
}

/// The quoted names in the `members = [...]` array.
fn members(manifest: &str) -> Vec<&str> {
    let Some(start) = manifest.find("members") else {
        return Vec::new();
    };
    let rest = &manifest[start..];
    let (Some(open), Some(close)) = (rest.find('['), rest.find(']')) else {
        return Vec::new();
    };
    if close < open {
        return Vec::new();
    }
    rest[open + 1..close]
        .split(',')
        .map(|member| member.trim().trim_matches('"').trim_end_matches('/'))
        .filter(|member| !member.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_read() {
        let manifest = "[workspace]\nresolver = \"3\"\nmembers = [\"generator\", \"generated-client\", \"xtask\"]\n";
        assert_eq!(
            members(manifest),
            ["generator", "generated-client", "xtask"]
        );
        assert!(members("[package]\nname = \"x\"\n").is_empty());
    }
}
