//! The generator's own count of what it typed, read from the line `regen`
//! ends with: `typed: A of B operations fully typed, C left out; D of E
//! schemas untyped`. A generator that does not print it (one built before
//! the count existed) gives no count, and the sweep says how many specs
//! reported one.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// The counts of one spec, or their sum over many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Typed {
    /// Operations generated with every part typed.
    pub fully_typed: u64,
    /// All the spec's operations.
    pub operations: u64,
    /// Operations left out of the crate.
    pub left_out: u64,
    /// Schemas given as untyped JSON values.
    pub untyped_schemas: u64,
    /// All the schemas.
    pub schemas: u64,
}

impl Typed {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Typed) {
        self.fully_typed += other.fully_typed;
        self.operations += other.operations;
        self.left_out += other.left_out;
        self.untyped_schemas += other.untyped_schemas;
        self.schemas += other.schemas;
    }

    /// The share of operations fully typed, in percent; `None` without
    /// operations.
    pub fn typed_percent(&self) -> Option<f64> {
        (self.operations > 0).then(|| 100.0 * self.fully_typed as f64 / self.operations as f64)
    }
}

/// The count in `output`: its last `typed:` line, which may follow a
/// `note: `-style prefix.
pub fn find(output: &str) -> Option<Typed> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)^(?:[a-z]+: )?typed: (\d+) of (\d+) operations fully typed, (\d+) left out; (\d+) of (\d+) schemas untyped",
        )
        .expect("a valid pattern")
    });
    let captures = LINE.captures_iter(output).last()?;
    let number = |group: usize| captures[group].parse::<u64>().ok();
    Some(Typed {
        fully_typed: number(1)?,
        operations: number(2)?,
        left_out: number(3)?,
        untyped_schemas: number(4)?,
        schemas: number(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_read_wherever_it_is() {
        let output = "warning: x\ngenerated: wrote 9 files\n\
                      typed: 40 of 42 operations fully typed, 1 left out; 3 of 120 schemas untyped\n";
        assert_eq!(
            find(output),
            Some(Typed {
                fully_typed: 40,
                operations: 42,
                left_out: 1,
                untyped_schemas: 3,
                schemas: 120,
            })
        );
        assert!(
            find("note: typed: 1 of 1 operations fully typed, 0 left out; 0 of 0 schemas untyped")
                .is_some()
        );
    }

    #[test]
    fn without_the_line_there_is_no_count() {
        assert_eq!(
            find("generated-client: wrote 9 of 9 generated files\n"),
            None
        );
        assert_eq!(find("typed: many of 42 operations"), None);
    }

    #[test]
    fn counts_add_up_and_give_a_share() {
        let mut sum = Typed::default();
        assert_eq!(sum.typed_percent(), None);
        sum.add(&Typed {
            fully_typed: 3,
            operations: 4,
            ..Typed::default()
        });
        sum.add(&Typed {
            fully_typed: 1,
            operations: 4,
            left_out: 1,
            ..Typed::default()
        });
        assert_eq!((sum.fully_typed, sum.operations, sum.left_out), (4, 8, 1));
        assert_eq!(sum.typed_percent(), Some(50.0));
    }
}
