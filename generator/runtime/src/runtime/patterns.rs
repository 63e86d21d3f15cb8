//! The `pattern`s of the spec, as the generated types check them when they
//! decode a value: with regex, whose matching takes time linear in the
//! text, wherever it reads the pattern; with regress, which reads
//! ECMAScript's syntax by backtracking, only for what regex does not have
//! (lookaround, backreferences).
//!
//! typify checks patterns with regress alone. Backtracking takes time
//! exponential in the text on a pattern of nested quantifiers
//! (`^([a-z]*)*$`, as specs write them), so one string of a few dozen
//! letters from a server, or from anyone between it and the client, would
//! hold the client's thread for minutes. The generator points typify's
//! checks here.

/// A compiled `pattern`.
pub struct Pattern(Engine);

enum Engine {
    Linear(regex::Regex),
    Backtracking(regress::Regex),
}

impl Pattern {
    /// Compiles `pattern`; fails, as regress does, on one that neither
    /// engine reads.
    pub fn new(pattern: &str) -> Result<Pattern, regress::Error> {
        match regex::Regex::new(pattern) {
            Ok(regex) => Ok(Pattern(Engine::Linear(regex))),
            Err(_) => {
                regress::Regex::new(pattern).map(|regex| Pattern(Engine::Backtracking(regex)))
            }
        }
    }

    /// Where `text` first matches, if it does.
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        match &self.0 {
            Engine::Linear(regex) => regex.find(text).map(|found| found.range()),
            Engine::Backtracking(regex) => regex.find(text).map(|found| found.range()),
        }
    }

    /// Whether the pattern is matched in linear time.
    pub fn is_linear(&self) -> bool {
        matches!(self.0, Engine::Linear(_))
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn a_nested_quantifier_is_matched_in_linear_time() {
        // beezup's shape. Backtracking tries every way of splitting the
        // letters before it fails at the `!`: 2^40 of them.
        let pattern = Pattern::new("^([a-z]*)*$").unwrap();
        assert!(pattern.is_linear());
        let hostile = format!("{}!", "a".repeat(40));
        assert_eq!(pattern.find(&hostile), None);
        assert_eq!(pattern.find("abc"), Some(0..3));
    }

    #[test]
    fn lookaround_falls_back_to_ecmascript() {
        let pattern = Pattern::new("^(?!admin$)[a-z]+$").unwrap();
        assert!(!pattern.is_linear());
        assert!(pattern.find("alice").is_some());
        assert!(pattern.find("admin").is_none());
        assert!(Pattern::new("(").is_err());
    }
}
