//! The version rule: the package version must grow at least as much as the
//! change report needs, under Cargo's SemVer rules (a leading `0` shifts
//! every level one place right).

use semver::Version;

use super::{Change, Class};

/// Why a version does not fit the changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionProblem {
    /// The smallest version that fits.
    pub needed: Version,
    /// What needs it, in a few words.
    pub reason: String,
}

/// The smallest version after `old` that `changes` allow:
///
/// - breaking: the next major (`1.4.2` → `2.0.0`; `0.3.1` → `0.4.0`);
/// - behaviour only (values that now decode differently): the next minor,
///   so that users see a version they must read the changelog for, also
///   in 0.x (`0.3.1` → `0.4.0`, `1.4.2` → `1.5.0`);
/// - additive only: the next minor (`1.4.2` → `1.5.0`), in 0.x the next
///   patch (`0.3.1` → `0.3.2`);
/// - in `0.0.x` every change is breaking (`0.0.3` → `0.0.4`).
///
/// `None` when there is no change.
pub fn needed(old: &Version, changes: &[Change]) -> Option<Version> {
    let worst = changes.iter().map(|c| c.class).min()?;
    let (major, minor, patch) = (old.major, old.minor, old.patch);
    Some(match (major, minor, worst) {
        (0, 0, _) => Version::new(0, 0, patch + 1),
        (0, _, Class::Breaking | Class::Behaviour) => Version::new(0, minor + 1, 0),
        (0, _, Class::Additive) => Version::new(0, minor, patch + 1),
        (_, _, Class::Breaking) => Version::new(major + 1, 0, 0),
        (_, _, _) => Version::new(major, minor + 1, 0),
    })
}

/// Whether `new` may follow `old` after `changes`: it must not go down,
/// and must reach [`needed`] (a pre-release of that version counts).
pub fn check(old: &Version, new: &Version, changes: &[Change]) -> Result<(), VersionProblem> {
    let release = Version::new(new.major, new.minor, new.patch);
    if new < old {
        return Err(VersionProblem {
            needed: old.clone(),
            reason: format!("the version went down from {old}"),
        });
    }
    match needed(old, changes) {
        Some(needed) if release < needed => {
            let worst = changes
                .iter()
                .map(|c| c.class)
                .min()
                .unwrap_or(Class::Additive);
            let count = changes.iter().filter(|c| c.class == worst).count();
            let kind = match worst {
                Class::Breaking => "breaking",
                Class::Behaviour => "behaviour",
                Class::Additive => "additive",
            };
            Err(VersionProblem {
                needed,
                reason: format!("{count} {kind} change(s) since {old}"),
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Section;

    fn change(class: Class) -> Change {
        Change {
            class,
            section: Section::Changed,
            what: "changed",
            item: "types::A".to_owned(),
            detail: None,
            pointer: None,
        }
    }

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn the_needed_version_follows_cargo_rules() {
        let cases = [
            ("0.1.0", Class::Breaking, "0.2.0"),
            ("0.1.3", Class::Behaviour, "0.2.0"),
            ("0.1.3", Class::Additive, "0.1.4"),
            ("0.0.3", Class::Additive, "0.0.4"),
            ("1.4.2", Class::Breaking, "2.0.0"),
            ("1.4.2", Class::Behaviour, "1.5.0"),
            ("1.4.2", Class::Additive, "1.5.0"),
        ];
        for (old, class, expected) in cases {
            let changes = [change(Class::Additive), change(class)];
            assert_eq!(
                needed(&v(old), &changes),
                Some(v(expected)),
                "{old} {class:?}"
            );
        }
        assert_eq!(needed(&v("0.1.0"), &[]), None);
    }

    #[test]
    fn check_wants_at_least_the_needed_version() {
        let breaking = [change(Class::Breaking)];
        let problem = check(&v("0.1.0"), &v("0.1.1"), &breaking).unwrap_err();
        assert_eq!(problem.needed, v("0.2.0"));
        assert!(problem.reason.contains("1 breaking"), "{}", problem.reason);
        assert!(check(&v("0.1.0"), &v("0.2.0"), &breaking).is_ok());
        assert!(check(&v("0.1.0"), &v("1.0.0"), &breaking).is_ok());
        assert!(check(&v("0.1.0"), &v("0.2.0-rc.1"), &breaking).is_ok());
        assert!(check(&v("0.1.0"), &v("0.1.0"), &[]).is_ok());
        let down = check(&v("0.2.0"), &v("0.1.0"), &[]).unwrap_err();
        assert_eq!(down.needed, v("0.2.0"));
    }
}
