//! The public API of each revision of a spec the change report has read,
//! kept under `target/xtask-cache/surface/` so that the report generates a
//! revision's crate once, not on every `regen`.
//!
//! An entry is keyed by the revision's git blob id (the spec's content) and
//! by this build of xtask (the generator's version and the executable's
//! size and time, which change with any rebuild of the generator's code):
//! a newer generator may read the same spec otherwise. An entry that cannot
//! be read is treated as missing, and written again; entries are written in
//! one rename, so a reader never sees half of one.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use generator::report::surface::Surface;
use serde::{Deserialize, Serialize};

use xtask::project_root;

/// Where the entries go, under the target folder.
const FOLDER: &str = "xtask-cache/surface";

/// The entries of this build of xtask, for one package name.
pub struct Cache {
    /// The folder, when there is a target folder to put it in.
    dir: Option<PathBuf>,
    /// This build and the package name, hashed: part of each entry's name.
    identity: String,
}

/// An entry's first line: what the rest is the API of.
#[derive(Serialize, Deserialize)]
struct Header {
    /// The blob id of the spec.
    blob: String,
    /// The package version the spec sets.
    version: String,
}

impl Cache {
    /// The cache of this build of xtask, for crates named `crate_name` (the
    /// `--crate-name`, if any).
    pub fn open(crate_name: Option<&str>) -> Cache {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| project_root().join("target"));
        let mut hasher = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut hasher);
        // The executable stands for the generator's code: a rebuild
        // changes its time, if not its size.
        let executable = std::env::current_exe().and_then(fs::metadata);
        match executable {
            Ok(metadata) => {
                metadata.len().hash(&mut hasher);
                metadata.modified().ok().hash(&mut hasher);
            }
            // Nothing says which build this is: nothing is kept.
            Err(_) => {
                return Cache {
                    dir: None,
                    identity: String::new(),
                };
            }
        }
        crate_name.hash(&mut hasher);
        Cache {
            dir: Some(target.join(FOLDER)),
            identity: format!("{:016x}", hasher.finish()),
        }
    }

    /// The entry of the spec whose blob id is `blob`.
    fn path(&self, blob: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        Some(dir.join(format!("{blob}-{}.json", self.identity)))
    }

    /// The package version and the public API of the spec `blob`, if an
    /// entry for it can be read.
    pub fn get(&self, blob: &str) -> Option<(String, Surface)> {
        let text = fs::read_to_string(self.path(blob)?).ok()?;
        let (header, surface) = text.split_once('\n')?;
        let header: Header = serde_json::from_str(header).ok()?;
        let surface = serde_json::from_str(surface).ok()?;
        (header.blob == blob).then_some((header.version, surface))
    }

    /// Whether the spec `blob` has an entry (readable or not).
    pub fn has(&self, blob: &str) -> bool {
        self.path(blob).is_some_and(|path| path.is_file())
    }

    /// Keeps the package version and public API of the spec `blob`. A
    /// cache that cannot be written is no error: the report is only
    /// slower next time.
    pub fn put(&self, blob: &str, version: &str, surface: &Surface) {
        let Some(path) = self.path(blob) else { return };
        let header = Header {
            blob: blob.to_owned(),
            version: version.to_owned(),
        };
        let (Ok(header), Ok(surface)) = (
            serde_json::to_string(&header),
            serde_json::to_string(surface),
        ) else {
            return;
        };
        let _ = generator::for_tools::write_file(&path, &format!("{header}\n{surface}"));
    }
}
