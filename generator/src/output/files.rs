//! The generated crate as a set of files in memory, compared with or written
//! to an output folder in one step.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::format;
use crate::degradation::Degradation;
use crate::error::{Error, Result};
use crate::spec::Diagnostic;

/// Every file of a generated crate, by path relative to the crate's folder,
/// the warnings about the readings the generator made of the spec, and what
/// of it the crate does not type.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CrateFiles {
    files: BTreeMap<PathBuf, String>,
    warnings: Vec<Diagnostic>,
    degradation: Degradation,
}

/// What [`CrateFiles::write_into`] changed, by path relative to the output
/// folder.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    /// Files created or replaced.
    pub written: Vec<PathBuf>,
    /// Generated files the spec no longer produces, removed.
    pub removed: Vec<PathBuf>,
}

/// Where generated files may lie in an output folder: the manifest, and
/// anything under `src/`. Only these are looked at for files to remove.
const GENERATED_ROOTS: [&str; 2] = ["Cargo.toml", "src"];

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

    pub(crate) fn set_warnings(&mut self, warnings: Vec<Diagnostic>) {
        self.warnings = warnings;
    }

    /// What the generator had to read into the spec to generate it, in the
    /// order of the spec.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    pub(crate) fn set_degradation(&mut self, degradation: Degradation) {
        self.degradation = degradation;
    }

    /// How much of the spec the crate types: the operations and schemas it
    /// could not, and why. Its `Display` is the summary line `cargo xtask
    /// regen` ends with.
    pub fn degradation(&self) -> &Degradation {
        &self.degradation
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

    /// Generated files in `out` that are not among these: the spec no longer
    /// produces them. A file is generated when it starts with the
    /// generator's preamble; only `Cargo.toml` and `src/` are looked in, so
    /// tests, examples and recordings are never candidates.
    pub fn orphans_in(&self, out: &Path) -> Result<Vec<PathBuf>> {
        let mut orphans = Vec::new();
        for root in GENERATED_ROOTS {
            collect_generated(out, Path::new(root), &mut orphans)?;
        }
        orphans.retain(|path| !self.files.contains_key(path));
        orphans.sort();
        Ok(orphans)
    }

    /// Brings `out` in line with these files: writes those that differ,
    /// then removes generated files the spec no longer produces. Unchanged
    /// files are left alone, so their timestamps do not trigger rebuilds;
    /// each changed file is replaced in one rename, so a reader never sees
    /// half of one. Everything that can fail before the first write (reading
    /// the folder) is done first.
    pub fn write_into(&self, out: &Path) -> Result<Written> {
        let stale = self.stale_in(out)?;
        let removed = self.orphans_in(out)?;
        for file in &stale {
            let full = out.join(&file.path);
            write_file(&full, &file.expected)
                .map_err(|source| Error::Output { path: full, source })?;
        }
        for path in &removed {
            let full = out.join(path);
            fs::remove_file(&full).map_err(|source| Error::Output { path: full, source })?;
        }
        Ok(Written {
            written: stale.into_iter().map(|file| file.path).collect(),
            removed,
        })
    }
}

/// Adds to `found` the generated files at `relative` (a file, or a folder
/// looked through recursively) under `out`. Symbolic links are not
/// followed: what they point to is not the generator's.
fn collect_generated(out: &Path, relative: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let full = out.join(relative);
    let failed = |source| Error::Output {
        path: full.clone(),
        source,
    };
    let kind = match fs::symlink_metadata(&full) {
        Ok(metadata) => metadata.file_type(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(failed(source)),
    };
    if kind.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(&full)
            .map_err(failed)?
            .collect::<io::Result<_>>()
            .map_err(failed)?;
        entries.sort_by_key(|entry| entry.file_name());
        for entry in entries {
            collect_generated(out, &relative.join(entry.file_name()), found)?;
        }
    } else if kind.is_file() && is_generated(&full).map_err(failed)? {
        found.push(relative.to_owned());
    }
    Ok(())
}

/// Whether the file starts with the preamble, behind either comment style.
fn is_generated(path: &Path) -> io::Result<bool> {
    use std::io::Read;
    let mut start = Vec::new();
    fs::File::open(path)?.take(256).read_to_end(&mut start)?;
    Ok(format::is_generated(&String::from_utf8_lossy(&start)))
}

/// Writes `text` into the file at `path` in one rename, creating its folder
/// if needed: a reader sees the old file or the new one, never half of one,
/// and a failed write leaves the old file as it was. The text goes first
/// into a temporary file beside it, named after the file and this process
/// so that two writers never share one.
pub fn write_file(path: &Path, text: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&temporary, text)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::format::GENERATED_MARKER;

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

        let written = files.write_into(&out).unwrap().written;
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
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn removes_generated_files_no_longer_produced_and_nothing_else() {
        let out = scratch("orphans");
        fs::create_dir_all(out.join("src/nested")).unwrap();
        fs::create_dir_all(out.join("tests")).unwrap();
        let generated = format!("// {GENERATED_MARKER} spec.yaml.\nfn old() {{}}\n");
        fs::write(out.join("src/old.rs"), &generated).unwrap();
        fs::write(out.join("src/nested/older.rs"), &generated).unwrap();
        fs::write(out.join("src/mine.rs"), "// written by hand\n").unwrap();
        fs::write(out.join("tests/generated-looking.rs"), &generated).unwrap();

        let mut files = CrateFiles::default();
        files.insert("src/lib.rs", format!("// {GENERATED_MARKER} spec.yaml.\n"));
        assert_eq!(
            files.orphans_in(&out).unwrap(),
            [
                PathBuf::from("src/nested/older.rs"),
                PathBuf::from("src/old.rs")
            ]
        );
        let written = files.write_into(&out).unwrap();
        assert_eq!(written.written, [PathBuf::from("src/lib.rs")]);
        assert_eq!(written.removed.len(), 2);
        assert!(!out.join("src/old.rs").exists());
        assert!(out.join("src/mine.rs").exists());
        assert!(out.join("tests/generated-looking.rs").exists());
        assert!(files.orphans_in(&out).unwrap().is_empty());
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
