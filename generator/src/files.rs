//! The generated crate as a set of files in memory, compared with or written
//! to an output folder in one step.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Every file of a generated crate, by path relative to the crate's folder.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CrateFiles {
    files: BTreeMap<PathBuf, String>,
}

/// A generated file whose copy on disk differs from what the spec gives now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    /// Path relative to the output folder.
    pub path: PathBuf,
    /// What the generator writes.
    pub expected: String,
    /// What is on disk (invalid UTF-8 replaced); `None` when the file is missing.
    pub actual: Option<String>,
}

impl CrateFiles {
    /// Adds a file; paths are relative to the crate's folder.
    pub(crate) fn insert(&mut self, path: impl Into<PathBuf>, text: String) {
        self.files.insert(path.into(), text);
    }

    /// The files, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files.iter().map(|(p, t)| (p.as_path(), t.as_str()))
    }

    /// The files under `out` that differ from these, in path order. Reads
    /// only; other files in `out` are not looked at.
    pub fn stale_in(&self, out: &Path) -> Result<Vec<StaleFile>> {
        let mut stale = Vec::new();
        for (path, expected) in &self.files {
            let full = out.join(path);
            // Bytes, not text: a file mangled into invalid UTF-8 is stale,
            // not an obstacle to regenerating it.
            let actual = match fs::read(&full) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(source) => return Err(Error::Output { path: full, source }),
            };
            if actual.as_deref() != Some(expected.as_bytes()) {
                stale.push(StaleFile {
                    path: path.clone(),
                    expected: expected.clone(),
                    actual: actual.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
                });
            }
        }
        Ok(stale)
    }

    /// Writes the files that differ into `out` and returns their paths.
    /// Unchanged files are left alone, so their timestamps do not trigger
    /// rebuilds; each changed file is replaced in one rename, so a reader
    /// never sees half of one.
    pub fn write_into(&self, out: &Path) -> Result<Vec<PathBuf>> {
        let stale = self.stale_in(out)?;
        for file in &stale {
            let full = out.join(&file.path);
            replace(&full, &file.expected)
                .map_err(|source| Error::Output { path: full, source })?;
        }
        Ok(stale.into_iter().map(|file| file.path).collect())
    }
}

fn replace(path: &Path, text: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = dir.join(format!(".{name}.regen-tmp"));
    fs::write(&temporary, text)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("generator-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_only_what_differs_and_leaves_other_files_alone() {
        let out = scratch("write");
        fs::create_dir_all(out.join("src")).unwrap();
        fs::write(out.join("src/lib.rs"), "old").unwrap();
        fs::write(out.join("src/same.rs"), "same").unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();

        let mut files = CrateFiles::default();
        files.insert("src/lib.rs", "new".to_owned());
        files.insert("src/same.rs", "same".to_owned());
        files.insert("Cargo.toml", "[package]".to_owned());

        let stale = files.stale_in(&out).unwrap();
        assert_eq!(stale.len(), 2);
        assert_eq!(stale[0].path, Path::new("Cargo.toml"));
        assert_eq!(stale[0].actual, None);
        assert_eq!(stale[1].actual.as_deref(), Some("old"));

        let written = files.write_into(&out).unwrap();
        assert_eq!(
            written,
            [PathBuf::from("Cargo.toml"), PathBuf::from("src/lib.rs")]
        );
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "new");
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        assert!(files.stale_in(&out).unwrap().is_empty());
        let leftovers: Vec<_> = fs::read_dir(out.join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().contains("regen-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn a_file_mangled_into_invalid_utf8_is_stale_and_repaired() {
        let out = scratch("mangled");
        fs::write(out.join("lib.rs"), b"fn f() {}\xff\xfe").unwrap();
        let mut files = CrateFiles::default();
        files.insert("lib.rs", "fn f() {}".to_owned());

        let stale = files.stale_in(&out).unwrap();
        assert_eq!(stale.len(), 1);
        assert!(stale[0].actual.as_deref().unwrap().starts_with("fn f() {}"));
        files.write_into(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("lib.rs")).unwrap(), "fn f() {}");
        fs::remove_dir_all(&out).unwrap();
    }
}
